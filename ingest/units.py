"""Stage 3a, segment (lines → units): join the lines a page broke into paragraphs and tell
headings, subtitles, bylines, captions and continuation markers apart.

Two page regimes need different evidence. On *wide* pages (one OCR line per printed
paragraph, broken where columns end) a paragraph ends at a sentence end and a short
unpunctuated line after a closed sentence is a heading. On *narrow* newspaper columns
(every printed line its own short line) a sentence end only closes the paragraph when the
line stops short of the column width, and headings are only believed where an article can
start: at the top of the page or after a byline.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Collection
from dataclasses import dataclass, field

import rjieba

from ingest.clean import CJK, heading_text
from ingest.model import Line

#: Median line width (in CJK characters) below which a page is set in narrow columns.
NARROW_COLUMN_WIDTH = 24
#: Widest column a page is set in; wider "lines" are whole paragraphs of a wide page.
WIDEST_COLUMN = 50
#: A page whose prose lines mostly share one width (within this many characters) is set in
#: columns whatever that width is: typesetting fills every line but a paragraph's last.
COLUMN_TOLERANCE = 1.0
#: On an OCR'd print page widths are rough (spacing, digits): there a line must stop this
#: far short of the column, as a share of it, to count as short.
SHORT_LINE_SHARE = 0.6
#: Share of a narrow page's running lines within the tolerance of the column that makes the
#: page *exact* (text set to a width, not read off paper), where one character is visible.
EXACT_SHARE = 0.9
_CLOSERS = "。！？…"
_FULL_WIDTH_PUNCT = "“”‘’—…·"
_DATELINE = re.compile(
    rf"^(?P<dateline>本刊讯|本报讯|本台讯|本网讯|[{CJK}]{{2,6}}(?:报|社|网|台|刊|媒)讯)"
    rf"\s*(?:[（(](?:记者|通讯员)?\s*(?P<reporter>[{CJK} 、]{{2,20}})[)）])?\s*"
)
_CONTINUED = re.compile(r"[（(]\s*(?P<dir>上接|接上|下转|转下|转)\s*第?\s*(?P<page>[A-Z]?\d{1,2})\s*版\s*[)）]")
_PAREN_BYLINE = re.compile(rf"^[（(](?P<names>[{CJK} ]{{2,16}})[)）]$")
_TOP_BYLINE = re.compile(rf"^[□■◎●]\s*(?P<names>[{CJK} ]{{2,30}})$")
#: ``本报记者 闫杰``, ``记者 郑婷 通讯员 李阳``: a role, then names; the role says it is a byline.
_ROLE = r"(?:本报|本刊|本台|本网)?(?:特约|见习|实习)?(?:记者|通讯员|实习生)"
_REPORTER_BYLINE = re.compile(
    rf"^(?:{_ROLE}\s*[{CJK}]{{2,4}}(?:[ 、]+[{CJK}]{{2,4}})*\s*)+$"
)
#: An organisation signing an article (``□ 清徐融媒``), not a person.
_MEDIA_SIGNATURE = re.compile(rf"[{CJK}]{{1,8}}(?:融媒|融媒体中心|新闻中心|记者站|报社|电视台|宣传部)$")
_CREDIT = re.compile(rf"(?P<names>[{CJK}]{{2,4}}(?:[ 、][{CJK}]{{2,4}})*)\s*摄$")
_DASHES = re.compile(r"^[—–―－-]{1,3}\s*")
_INDENT = re.compile(r"^(?:\u3000|[ \t]{2,})[\u3000 \t]*")
#: Common surnames: a 2–4 character line after an article's last paragraph is a byline
#: only if it starts like a name, not like a section heading (结语, 展望 …).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪"
    "简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝国栗进郜"
)


@dataclass
class Unit:
    """A paragraph-level piece of the page before articles are assembled."""

    kind: str  # para | heading | subtitle | byline | credit | caption | marker
    text: str
    first: int
    last: int
    marked: bool = False
    dateline: str | None = None
    reporter: str | None = None
    continued_from: str | None = None
    continued_to: str | None = None
    #: Headings the page printed in the middle of this paragraph's sentence.
    wedged: list[Unit] = field(default_factory=list)
    #: Source lines in heading units, kept apart so kicker/title can be told apart later.
    parts: list[str] = field(default_factory=list)
    #: A heading believed only because its line stands apart from a narrow column.
    short_head: bool = False
    #: A byline printed above the body (``□ 清徐融媒``, ``本报记者 闫杰``): an article starts here.
    leads: bool = False


@dataclass(frozen=True)
class Cues:
    """What the page's setting says about each line besides its text (by line index)."""

    narrow: bool
    #: Widths are exact: a line one character short of the column is visibly short.
    exact: bool
    widths: list[float]
    #: A paragraph indent opens the line (two ideographic or ASCII spaces).
    indented: list[bool]
    #: A blank line stands before the line, on a page that does not put one after every line.
    gap_before: list[bool]


def display_width(text: str) -> float:
    """Width in full-width characters: Latin letters and digits are half as wide; Chinese
    text sets its quotation marks, dashes and ellipses full width."""
    return sum(1.0 if ord(ch) > 0x2E80 or ch in _FULL_WIDTH_PUNCT else 0.5 for ch in text)


def is_narrow_page(lines: tuple[Line, ...]) -> bool:
    """A page set in columns, one OCR line per printed line, rather than one line per
    paragraph. Any of: short lines that mostly stop mid-sentence; column-wide lines (up to
    50) that mostly do; prose lines that mostly share one width; indented first lines that
    the next line continues."""
    prose = [line for line in lines if not line.is_tail and re.search("[，。；：、]", line.text)]
    if not prose:
        return False
    widths = [display_width(line.text) for line in prose]
    open_share = sum(not closes_sentence(line.text) for line in prose) / len(prose)
    if open_share > 0.5 and (statistics.median(widths) < NARROW_COLUMN_WIDTH or max(widths) <= WIDEST_COLUMN):
        return True
    count, column = _commonest_width(widths, COLUMN_TOLERANCE)
    if count >= 3 and count >= 0.5 * len(widths) and column <= WIDEST_COLUMN:
        return True
    return _indents_run_on(prose)


def _indents_run_on(prose: list[Line]) -> bool:
    """Is each indented line of prose followed by an unindented one of about its width?

    That is a paragraph's first line and its continuation in a column; pages that put one
    paragraph on each line indent every line, or follow one with a blank line or a heading.
    """
    starts = [k for k, line in enumerate(prose[:-1]) if _INDENT.match(line.raw)]
    if not starts:
        return False
    return all(
        not _INDENT.match(prose[k + 1].raw)
        and prose[k + 1].number - prose[k].number <= 2
        and display_width(prose[k + 1].text) <= display_width(prose[k].raw.strip()) + 2 <= WIDEST_COLUMN
        for k in starts
    )


def _commonest_width(widths: list[float], tolerance: float) -> tuple[int, float]:
    """How many of ``widths`` are within ``tolerance`` of the commonest one, and that width.

    Ties go to the wider width: full lines are the column, a paragraph's last lines vary.
    """
    best = (0, 0.0)
    for width in set(widths):
        count = sum(abs(other - width) <= tolerance for other in widths)
        best = max(best, (count, width))
    return best


def closes_sentence(text: str) -> bool:
    stripped = text.rstrip("”’」』）)")
    if stripped != text:
        return bool(stripped) and stripped[-1] in _CLOSERS
    return bool(text) and text[-1] in _CLOSERS


def looks_like_heading(text: str, *, narrow: bool, apart: bool = False) -> bool:
    """Short, not a sentence, not a dateline; narrow columns also forbid inner punctuation,
    unless the line stands ``apart`` from the column (then it reads as on a wide page)."""
    if not text or _DATELINE.match(text) or text[-1] in "，、；：,;:" or closes_sentence(text):
        return False
    limit, inner = (26, r"[，。；：！？,;]") if narrow and not apart else (28, r"[。；！？;]")
    # Quotation marks hug the words they quote: a headline's length is counted in words.
    wording = display_width(re.sub("[“”‘’]", "", text))
    return wording <= limit and not re.search(inner, text) and len(re.findall("[，,]", text)) <= 1


def runs_on(text: str, following: str) -> bool:
    """Does a word run across the break between ``text`` and ``following``?

    Cut across the break, ``…主体责`` + ``任，党工委…`` gives ``责任`` and ``…唯美诺中`` +
    ``小企业…`` gives ``中小企业``: the page broke a word, so the line is no heading however
    short it is. A two-character word across the break only counts when the line, cut on
    its own, ends in a stray character (``责``), since short cuts of unrelated lines can
    glue two characters by chance (``…绘新图`` + ``立夏…``).
    """
    if not text or not following or not re.match(rf"[{CJK}]", following) or not re.search(rf"[{CJK}]$", text):
        return False
    left = text[-4:]
    position = 0
    for token in rjieba.cut(left + following[:3]):
        if position < len(left) < position + len(token):
            return len(token) >= 3 or len(rjieba.cut(text[-8:])[-1]) == 1
        position += len(token)
    return False


def looks_like_signature(text: str) -> bool:
    """People's names (``吕继峰 贾耀鹏``) or a newsroom (``清徐融媒``): who signs an article."""
    return looks_like_name_line(text) or bool(_MEDIA_SIGNATURE.fullmatch(text.replace(" ", "")))


def looks_like_name_line(text: str) -> bool:
    names = text.split()
    return 1 <= len(names) <= 4 and all(
        2 <= len(n) <= 4 and re.fullmatch(rf"[{CJK}]+", n) and n[0] in SURNAMES for n in names
    )


def build_units(lines: tuple[Line, ...], *, furniture: Collection[int] = ()) -> list[Unit]:
    """Group cleaned lines into :class:`Unit` s (see the module contract).

    ``furniture`` holds the source line numbers that cleaning lifted out (running heads):
    the gap one leaves between two lines of a paragraph is no blank line.
    """
    cues = read_cues(lines, furniture)
    narrow = cues.narrow
    units: list[Unit] = []
    para: Unit | None = None
    for k, line in enumerate(lines):
        if para is not None and not line.is_tail:
            if line.heading_mark and _continues_after(lines, k, narrow):
                para.wedged.append(_heading(line))
                continue
            _extend(para, line)
            if not _stays_open(para, lines, cues, k):
                para = None
            continue
        para = None
        following = lines[k + 1].text if k + 1 < len(lines) else ""
        short = narrow and stands_apart(lines, cues, k)
        in_column = narrow and cues.exact and not short
        if narrow and _apart_by_width(cues, k):
            following = ""  # the line ends short of the column by choice: no word runs across
        unit = _start_unit(line, units[-1] if units else None, narrow, following, short=short, in_column=in_column)
        if unit.kind == "heading" and units and _joins_heading(units[-1], line):
            _merge_heading(units[-1], unit)
            continue
        units.append(unit)
        if unit.kind == "para" and _stays_open(unit, lines, cues, k):
            para = unit
    for unit in units:
        _lift_markers(unit)
    return units


def read_cues(lines: tuple[Line, ...], furniture: Collection[int] = ()) -> Cues:
    """The page's regime, line widths, indents and meaningful blank lines."""
    lifted = set(furniture)
    blanks = [False] + [
        any(n not in lifted for n in range(before.number + 1, line.number))
        for before, line in zip(lines, lines[1:], strict=False)
    ]
    # A page with a blank line after (nearly) every line says nothing with one.
    meaningful = sum(blanks) < 0.5 * max(1, len(lines) - 1)
    # An indent takes room in the column: the indented first line of a paragraph is full.
    widths = [display_width(line.text) + _indent_width(line) for line in lines]
    return Cues(
        narrow=is_narrow_page(lines),
        exact=_widths_are_exact(lines, widths),
        widths=widths,
        indented=[bool(_INDENT.match(line.raw)) and not line.is_tail for line in lines],
        gap_before=[meaningful and blank for blank in blanks],
    )


def _indent_width(line: Line) -> float:
    match = _INDENT.match(line.raw)
    return display_width(match.group().replace("\t", "  ")) if match and not line.is_tail else 0.0


def _widths_are_exact(lines: tuple[Line, ...], widths: list[float]) -> bool:
    """Do the lines that run on (stop mid-sentence) all fill one column width?"""
    running = [k for k, line in enumerate(lines) if re.search("[，、]", line.text) and not closes_sentence(line.text)]
    if len(running) < 3:
        return False
    fitting = sum(abs(widths[k] - column_width(widths, k, exact=True)) <= COLUMN_TOLERANCE for k in running)
    return fitting >= EXACT_SHARE * len(running)


def stands_apart(lines: tuple[Line, ...], cues: Cues, k: int) -> bool:
    """Does line ``k`` of a narrow page stand apart from the column text around it?

    It does when it stops visibly short of the column or runs wider than it, when a blank
    line or an indent follows it on a page that uses them, or when what follows can only
    open an article (a ——subtitle, a byline above the body, a dateline, a title line set
    apart by its width under a kicker).
    """
    if _apart_by_width(cues, k) or k + 1 >= len(lines):
        return True
    following = lines[k + 1]
    return (
        (_apart_by_width(cues, k + 1) and looks_like_heading(following.text, narrow=True, apart=True))
        or cues.gap_before[k + 1]
        or cues.indented[k + 1]
        or bool(_DASHES.match(following.text))
        or bool(_DATELINE.match(following.text))
        or _leading_byline(following) is not None
    )


def _apart_by_width(cues: Cues, k: int) -> bool:
    """Is line ``k`` visibly shorter or wider than its column? Exact widths show one
    character; rough OCR widths only a line well short of the column."""
    column = column_width(cues.widths, k, exact=cues.exact)
    if cues.exact:
        return abs(cues.widths[k] - column) > COLUMN_TOLERANCE
    return cues.widths[k] <= SHORT_LINE_SHARE * column


def _start_unit(
    line: Line, previous: Unit | None, narrow: bool, following: str, *, short: bool = False, in_column: bool = False
) -> Unit:
    """One line that opens a unit, read by its text and what comes before it; ``short``: it
    stands apart from a narrow column; ``in_column``: it fills an exact column like text."""
    text, n = line.text, line.number
    if line.is_tail:
        credit = _CREDIT.search(text)
        if credit:
            return Unit("credit", f"{credit.group('names')} 摄", n, n)
        return Unit("byline", text.strip("（）() "), n, n)
    if (names := _leading_byline(line)) is not None:
        return Unit("byline", names, n, n, leads=True)
    if m := _PAREN_BYLINE.match(text):
        return Unit("byline", " ".join(m.group("names").split()), n, n)
    if _CONTINUED.fullmatch(text):
        return Unit("para", text, n, n)
    if _CREDIT.search(text) and display_width(text) <= 60:
        return Unit("caption", text, n, n)
    if _DASHES.match(text) and 2 <= len(_DASHES.sub("", text)) <= 40 and not closes_sentence(text):
        return Unit("subtitle", _DASHES.sub("", heading_text(line.raw)), n, n, parts=[text])
    after_body = previous is not None and previous.kind in ("para", "caption")
    if after_body and looks_like_signature(" ".join(line.raw.split())) and not line.heading_mark:
        return Unit("byline", " ".join(line.raw.split()), n, n)
    if line.heading_mark or (
        not in_column
        and looks_like_heading(text, narrow=narrow, apart=short)
        and _heading_allowed(previous, narrow, short=short)
        and not runs_on(text, following)
    ):
        unit = _heading(line)
        unit.short_head = narrow and not _heading_allowed(previous, narrow)
        return unit
    return _para(line)


def _leading_byline(line: Line) -> str | None:
    """The names of a byline printed above an article's body, or None.

    ``□ 解德辉 张彩峰`` and ``□ 清徐融媒`` (a square, then people or an organisation);
    ``本报记者 闫杰`` and ``记者 郑婷 通讯员 李阳`` (a reporter's role, then names).
    """
    raw = " ".join(line.raw.split())
    if (m := _TOP_BYLINE.match(raw)) and looks_like_signature(m.group("names")):
        return " ".join(m.group("names").split())
    if _REPORTER_BYLINE.match(raw) and not line.heading_mark:
        return raw
    return None


def _heading_allowed(previous: Unit | None, narrow: bool, *, short: bool = False) -> bool:
    """May a heading start here? In narrow columns only where an article can start, or on a
    line that stands apart from the column after a closed sentence (a section head)."""
    if previous is None:
        return True
    if previous.kind == "para":
        closed = closes_sentence(previous.text) or _ends_with_marker(previous.text)
        return closed and (not narrow or short)
    if previous.kind == "heading" and previous.short_head:
        return short  # a section head is one short line; the paragraph starts after it
    return not narrow or previous.kind in ("byline", "credit", "heading", "subtitle", "marker")


def _heading(line: Line) -> Unit:
    text = heading_text(line.raw)
    return Unit("heading", text, line.number, line.number, marked=line.heading_mark, parts=[text])


def _para(line: Line) -> Unit:
    unit = Unit("para", line.text, line.number, line.number)
    match = _DATELINE.match(line.text)
    if match and len(line.text) > match.end():
        unit.dateline = match.group("dateline")
        reporter = match.group("reporter")
        unit.reporter = " ".join(reporter.split()) if reporter else None
        unit.text = line.text[match.end():]
    return unit


def _extend(para: Unit, line: Line) -> None:
    para.text += line.text
    para.last = line.number


def _stays_open(para: Unit, lines: tuple[Line, ...], cues: Cues, k: int) -> bool:
    """Does the next line continue this paragraph?

    A paragraph goes on past a line that does not close a sentence. Past one that does it
    goes on only in a narrow column, and only if nothing a reader sees says it ended: the
    line fills the column, no blank line or indent follows, and the next line is not one
    that stands on its own (a short head, a byline, a subtitle).
    """
    if k + 1 >= len(lines) or lines[k + 1].is_tail or _ends_with_marker(para.text):
        return False
    following = lines[k + 1]
    if _DATELINE.match(following.text) or (
        following.heading_mark and not _continues_after(lines, k + 1, cues.narrow)
    ):
        return False
    if not closes_sentence(para.text):
        return True
    if not cues.narrow or cues.gap_before[k + 1] or cues.indented[k + 1]:
        return False
    return cues.widths[k] >= column_width(cues.widths, k, exact=cues.exact) - COLUMN_TOLERANCE and not _stands_alone(
        lines, cues, k + 1
    )


def _stands_alone(lines: tuple[Line, ...], cues: Cues, k: int) -> bool:
    """After a closed sentence, is line ``k`` its own block rather than more of the paragraph?"""
    line = lines[k]
    following = lines[k + 1].text if k + 1 < len(lines) else ""
    if _leading_byline(line) is not None or _PAREN_BYLINE.match(line.text) or looks_like_signature(line.text):
        return True
    if _DASHES.match(line.text) and not closes_sentence(line.text):
        return True
    return (
        looks_like_heading(line.text, narrow=True, apart=True)
        and stands_apart(lines, cues, k)
        and not runs_on(line.text, following)
    )


def column_width(widths: list[float], k: int, *, exact: bool) -> float:
    """The width of the column around line ``k``.

    With exact widths, the commonest width nearby: full lines outnumber a paragraph's last
    lines, headings and lines with hanging punctuation. With rough OCR widths, the
    second-widest nearby line: one wide heading or stray line does not count.
    """
    if exact:
        return _commonest_width(widths[max(0, k - 6): k + 7], COLUMN_TOLERANCE / 2)[1]
    window = sorted(widths[max(0, k - 4): k + 5], reverse=True)
    return window[1] if len(window) > 1 else window[0]


def _ends_with_marker(text: str) -> bool:
    # ``…组建扬尘污染防治监管队伍，（下转4版）``: the article leaves this page here.
    matches = list(_CONTINUED.finditer(text))
    return bool(matches) and matches[-1].end() == len(text.rstrip())


def _continues_after(lines: tuple[Line, ...], k: int, narrow: bool) -> bool:
    """Is line ``k`` (a marked heading) wedged inside a sentence that goes on after it?"""
    if k == 0 or k + 1 >= len(lines):
        return False
    before, after = lines[k - 1], lines[k + 1]
    return (
        not before.heading_mark
        and not closes_sentence(before.text)
        and not after.heading_mark
        and not after.is_tail
        and not looks_like_heading(after.text, narrow=narrow)
    )


def _joins_heading(previous: Unit, line: Line) -> bool:
    # Lines printed back to back (no blank line between) form one multi-line heading.
    return previous.kind == "heading" and line.number == previous.last + 1 and not line.heading_mark


def _merge_heading(previous: Unit, unit: Unit) -> None:
    previous.text = f"{previous.text} {unit.text}"
    previous.parts.append(unit.text)  # the lines stay apart for the title block's reading
    previous.last = unit.last


def _lift_markers(unit: Unit) -> None:
    """``（下转4版）`` and ``(上接D1版)`` are facts about the article, not its text."""
    if unit.kind != "para":
        return
    for match in list(_CONTINUED.finditer(unit.text)):
        if match.group("dir") in ("上接", "接上"):
            unit.continued_from = match.group("page")
        else:
            unit.continued_to = match.group("page")
    if unit.continued_from or unit.continued_to:
        unit.text = _CONTINUED.sub("", unit.text).strip()
        if not unit.text:
            unit.kind = "marker"
