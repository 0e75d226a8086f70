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
from dataclasses import dataclass, field

import rjieba

from ingest.clean import CJK, heading_text
from ingest.model import Line

#: Median line width (in CJK characters) below which a page is set in narrow columns.
NARROW_COLUMN_WIDTH = 24
#: In narrow columns a line this much shorter than the column, after a closed sentence and
#: with no punctuation, is a section head (a paragraph's indented first line is not).
SHORT_LINE_SHARE = 0.6
_CLOSERS = "。！？…"
_DATELINE = re.compile(
    rf"^(?P<dateline>本刊讯|本报讯|本台讯|本网讯|[{CJK}]{{2,6}}(?:报|社|网|台|刊|媒)讯)"
    rf"\s*(?:[（(](?:记者|通讯员)?\s*(?P<reporter>[{CJK} 、]{{2,20}})[)）])?\s*"
)
_CONTINUED = re.compile(r"[（(]\s*(?P<dir>上接|接上|下转|转下|转)\s*第?\s*(?P<page>[A-Z]?\d{1,2})\s*版\s*[)）]")
_PAREN_BYLINE = re.compile(rf"^[（(](?P<names>[{CJK} ]{{2,16}})[)）]$")
_TOP_BYLINE = re.compile(rf"^[□■◎●]\s*(?P<names>[{CJK} ]{{2,30}})$")
_CREDIT = re.compile(rf"(?P<names>[{CJK}]{{2,4}}(?:[ 、][{CJK}]{{2,4}})*)\s*摄$")
_DASHES = re.compile(r"^[—–―－-]{1,3}\s*")
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
    #: A heading believed only because its line stops well short of a narrow column.
    short_head: bool = False


def display_width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in text)


def is_narrow_page(lines: tuple[Line, ...]) -> bool:
    """Short lines that mostly stop mid-sentence: a page set in narrow columns."""
    prose = [line.text for line in lines if not line.is_tail and re.search("[，。；：]", line.text)]
    if not prose:
        return False
    open_share = sum(not closes_sentence(text) for text in prose) / len(prose)
    return statistics.median(display_width(text) for text in prose) < NARROW_COLUMN_WIDTH and open_share > 0.5


def closes_sentence(text: str) -> bool:
    stripped = text.rstrip("”’」』）)")
    if stripped != text:
        return bool(stripped) and stripped[-1] in _CLOSERS
    return bool(text) and text[-1] in _CLOSERS


def looks_like_heading(text: str, *, narrow: bool) -> bool:
    """Short, not a sentence, not a dateline; narrow columns also forbid inner punctuation."""
    if not text or _DATELINE.match(text) or text[-1] in "，、；：,;:" or closes_sentence(text):
        return False
    limit, inner = (26, r"[，。；：！？,;]") if narrow else (28, r"[。；！？;]")
    return display_width(text) <= limit and not re.search(inner, text) and len(re.findall("[，,]", text)) <= 1


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


def looks_like_name_line(text: str) -> bool:
    names = text.split()
    return 1 <= len(names) <= 4 and all(
        2 <= len(n) <= 4 and re.fullmatch(rf"[{CJK}]+", n) and n[0] in SURNAMES for n in names
    )


def build_units(lines: tuple[Line, ...]) -> list[Unit]:
    """Group cleaned lines into :class:`Unit` s (see the module contract)."""
    narrow = is_narrow_page(lines)
    widths = [display_width(line.text) for line in lines]
    units: list[Unit] = []
    para: Unit | None = None
    for k, line in enumerate(lines):
        if para is not None and not line.is_tail:
            if line.heading_mark and _continues_after(lines, k, narrow):
                para.wedged.append(_heading(line))
                continue
            _extend(para, line)
            if not _stays_open(para, lines, widths, k, narrow):
                para = None
            continue
        para = None
        following = lines[k + 1].text if k + 1 < len(lines) else ""
        short = narrow and widths[k] <= SHORT_LINE_SHARE * _column_width(widths, k)
        unit = _start_unit(line, units[-1] if units else None, narrow, following, short=short)
        if unit.kind == "heading" and units and _joins_heading(units[-1], line):
            _merge_heading(units[-1], unit)
            continue
        units.append(unit)
        if unit.kind == "para" and _stays_open(unit, lines, widths, k, narrow):
            para = unit
    for unit in units:
        _lift_markers(unit)
    return units


def _start_unit(line: Line, previous: Unit | None, narrow: bool, following: str, *, short: bool = False) -> Unit:
    text, n = line.text, line.number
    if line.is_tail:
        credit = _CREDIT.search(text)
        if credit:
            return Unit("credit", f"{credit.group('names')} 摄", n, n)
        return Unit("byline", text.strip("（）() "), n, n)
    if (m := _TOP_BYLINE.match(line.raw.strip())) and looks_like_name_line(m.group("names")):
        return Unit("byline", " ".join(m.group("names").split()), n, n)
    if m := _PAREN_BYLINE.match(text):
        return Unit("byline", " ".join(m.group("names").split()), n, n)
    if _CONTINUED.fullmatch(text):
        return Unit("para", text, n, n)
    if _CREDIT.search(text) and display_width(text) <= 60:
        return Unit("caption", text, n, n)
    if _DASHES.match(text) and 2 <= len(_DASHES.sub("", text)) <= 40 and not closes_sentence(text):
        return Unit("subtitle", _DASHES.sub("", heading_text(line.raw)), n, n, parts=[text])
    after_body = previous is not None and previous.kind in ("para", "caption")
    if after_body and looks_like_name_line(" ".join(line.raw.split())) and not line.heading_mark:
        return Unit("byline", " ".join(line.raw.split()), n, n)
    if line.heading_mark or (
        looks_like_heading(text, narrow=narrow)
        and _heading_allowed(previous, narrow, short=short)
        and not runs_on(text, following)
    ):
        unit = _heading(line)
        unit.short_head = narrow and not _heading_allowed(previous, narrow)
        return unit
    return _para(line)


def _heading_allowed(previous: Unit | None, narrow: bool, *, short: bool = False) -> bool:
    """May a heading start here? In narrow columns only where an article can start, or on a
    line that stops visibly short of the column after a closed sentence (a section head)."""
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


def _stays_open(para: Unit, lines: tuple[Line, ...], widths: list[float], k: int, narrow: bool) -> bool:
    """Does the next line continue this paragraph?"""
    if k + 1 >= len(lines) or lines[k + 1].is_tail or _ends_with_marker(para.text):
        return False
    following = lines[k + 1]
    if _DATELINE.match(following.text) or (following.heading_mark and not _continues_after(lines, k + 1, narrow)):
        return False
    if not closes_sentence(para.text):
        return True
    if not narrow:
        return False
    return widths[k] >= _column_width(widths, k) - 1.0


def _column_width(widths: list[float], k: int) -> float:
    # The second-widest of the nearby lines: one wide heading or stray line does not count.
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
    previous.parts[-1] = previous.text
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
