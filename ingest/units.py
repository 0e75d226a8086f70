"""Stage 3a, segment (lines → units): join the lines a page broke into paragraphs and tell
headings, subtitles, bylines, captions and continuation markers apart.

Two page regimes need different evidence (:mod:`ingest.columns` tells them apart). On
*wide* pages (one OCR line per printed paragraph, broken where columns end) a paragraph
ends at a sentence end and a short unpunctuated line after a closed sentence is a heading.
In *columns* of any width (every printed line its own line) a sentence end only closes the
paragraph where a reader sees it end: the line stops short of the column, the next one is
indented or follows a blank line, or it stands on its own (a byline, a ——subtitle, a
short head). Headings are believed where an article can start (the top of the page, after
a byline) or on a line that stands apart from the column after a closed sentence.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

import rjieba

from ingest.bylines import (
    BARE_CREDIT,
    CAPTION_END,
    CREDIT,
    DASHES,
    DATELINE,
    PAREN_BYLINE,
    leading_byline,
    looks_like_signature,
    opens_article,
    reporter_names,
)
from ingest.clean import CJK, heading_text
from ingest.columns import (
    CLEARLY_SHORT,
    COLUMN_TOLERANCE,
    Cues,
    apart_by_width,
    closes_sentence,
    display_width,
    read_cues,
)
from ingest.model import Line

#: How wide the headline a web page opens with may run (web titles are long).
HEADLINE_WIDTH = 48
#: A caption with no credit names its picture: ``…产业园西区鸟瞰图``.
_PICTURE = re.compile(r"(?:鸟瞰图|效果图|示意图|全景图|航拍图|规划图|资料图|图为.{0,30})$|^图为")
#: Widest a photo caption runs (with its credit); longer text is a paragraph.
CAPTION_WIDTH = 60
#: A kicker that ends in a colon sits over its title: ``山西大同：``.
_COLON_KICKER = re.compile(rf"^[{CJK}·【】 ]{{2,12}}[：:]$")
_CONTINUED = re.compile(r"[（(]\s*(?P<dir>上接|接上|下转|转下|转)\s*第?\s*(?P<page>[A-Z]?\d{1,2})\s*版\s*[)）]")


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


def looks_like_heading(text: str, *, narrow: bool, apart: bool = False, headline: bool = False) -> bool:
    """Short, not a sentence, not a dateline; narrow columns also forbid inner punctuation,
    unless the line stands ``apart`` from the column (then it reads as on a wide page). A
    ``headline`` — the line a web page opens with — may run longer and exclaim inside
    (``【新春走基层】可期！未来…``)."""
    if not text or DATELINE.match(text) or text[-1] in "，、；：,;:" or closes_sentence(text):
        return False
    limit, inner = (26, r"[，。；：！？,;]") if narrow and not apart else (28, r"[。；！？;]")
    if headline:
        limit, inner = HEADLINE_WIDTH, r"[。；;]"
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


def build_units(lines: tuple[Line, ...], *, furniture: Collection[int] = ()) -> list[Unit]:
    """Group cleaned lines into :class:`Unit` s (see the module contract).

    ``furniture`` holds the source line numbers that cleaning lifted out (running heads):
    the gap one leaves between two lines of a paragraph is no blank line.
    """
    cues = read_cues(lines, furniture, opens_article=opens_article)
    narrow = cues.narrow
    units: list[Unit] = []
    para: Unit | None = None
    subtitle: Unit | None = None  # a subtitle the page broke mid-word onto the next line
    for k, line in enumerate(lines):
        if subtitle is not None and not line.is_tail:
            subtitle.text += heading_text(line.raw)
            subtitle.parts.append(line.text)
            subtitle.last = line.number
            subtitle = subtitle if _breaks_a_word(lines, k) else None
            continue
        subtitle = None
        if para is not None and not line.is_tail:
            if _in_marked_block(lines, k) and _continues_after(lines, cues, k):
                para.wedged.append(_heading(line) if line.heading_mark else _subtitle(line))
                continue
            _extend(para, line)
            if not _stays_open(para, lines, cues, k):
                para = None
            continue
        para = None
        following = lines[k + 1].text if k + 1 < len(lines) else ""
        short = narrow and stands_apart(lines, cues, k)
        in_column = narrow and cues.exact and not short
        if short or (narrow and cues.widths[k] <= cues.columns[k] - CLEARLY_SHORT):
            following = ""  # the line ends where the page chose to end it: no word runs across
        headline = opens_web_page(lines, units, k, narrow=narrow, furniture=furniture)
        if headline:
            following = ""  # the page set the headline apart: no word runs across
        unit = _start_unit(
            line, units[-1] if units else None, narrow, following, short=short, in_column=in_column, headline=headline
        )
        if unit.kind == "heading" and units and _joins_heading(units[-1], line):
            _merge_heading(units[-1], unit)
            continue
        if unit.kind == "caption" and BARE_CREDIT.match(unit.text) and _caption_above(units, cues, k):
            units[-1].kind = "caption"  # a credit right under a short paragraph closes the caption it is
        units.append(unit)
        if unit.kind == "para" and _stays_open(unit, lines, cues, k):
            para = unit
        elif unit.kind == "subtitle" and _breaks_a_word(lines, k):
            subtitle = unit
    for unit in units:
        _lift_markers(unit)
    return units


def stands_apart(lines: tuple[Line, ...], cues: Cues, k: int) -> bool:
    """Does line ``k`` of a narrow page stand apart from the column text around it?

    It does when it stops visibly short of the column or runs wider than it, when a blank
    line or an indent follows it on a page that uses them, or when what follows can only
    open an article (a ——subtitle, a byline above the body, a dateline, a title line set
    apart by its width under a kicker).
    """
    if apart_by_width(cues, k) or k + 1 >= len(lines):
        return True
    following = lines[k + 1]
    return (
        (
            apart_by_width(cues, k + 1)
            and not following.heading_mark  # a kicker is marked too where titles are
            and looks_like_heading(following.text, narrow=True, apart=True)
        )
        or cues.gap_before[k + 1]
        or cues.indented[k + 1]
        or opens_article(following)
    )


def opens_web_page(
    lines: tuple[Line, ...], units: list[Unit], k: int, *, narrow: bool, furniture: Collection[int]
) -> bool:
    """Is line ``k`` the headline a page opens with? It comes before any text (kickers aside)
    on a page of whole-paragraph lines, and the page sets it apart: furniture (a 发布时间
    line, an image) was lifted after it, or a caption, dateline or byline follows."""
    if narrow or any(u.kind not in ("heading", "subtitle") for u in units) or k + 1 >= len(lines):
        return False
    line, following = lines[k], lines[k + 1]
    lifted = any(line.number < n < following.number for n in furniture)
    return lifted or opens_article(following) or bool(CREDIT.search(following.text) or _PICTURE.search(following.text))


def _start_unit(
    line: Line, previous: Unit | None, narrow: bool, following: str, *,
    short: bool = False, in_column: bool = False, headline: bool = False,
) -> Unit:
    """One line that opens a unit, read by its text and what comes before it; ``short``: it
    stands apart from a narrow column; ``in_column``: it fills an exact column like text;
    ``headline``: it is the line a web page opens with (:func:`opens_web_page`)."""
    text, n = line.text, line.number
    if line.is_tail:
        credit = CREDIT.search(text)
        if credit:
            return Unit("credit", f"{credit.group('names')} 摄", n, n)
        return Unit("byline", text.strip("（）() "), n, n)
    if (names := leading_byline(line)) is not None:
        return Unit("byline", names, n, n, leads=True)
    if m := PAREN_BYLINE.match(" ".join(line.raw.split())):  # raw: the gap between two names stays
        return Unit("byline", " ".join(m.group("names").split()), n, n)
    if _CONTINUED.fullmatch(text):
        return Unit("para", text, n, n)
    if (CREDIT.search(text) or _PICTURE.search(text)) and display_width(text) <= CAPTION_WIDTH and not closes_sentence(text):
        return Unit("caption", text, n, n)
    if _COLON_KICKER.match(text) and _heading_allowed(previous, narrow, short=True) and not line.is_tail:
        return _heading(line)
    if _is_subtitle(text):
        return _subtitle(line)
    after_body = previous is not None and previous.kind in ("para", "caption")
    if after_body and looks_like_signature(" ".join(line.raw.split())) and not line.heading_mark:
        return Unit("byline", " ".join(line.raw.split()), n, n)
    if line.heading_mark or (
        not in_column
        and looks_like_heading(text, narrow=narrow, apart=short, headline=headline)
        and _heading_allowed(previous, narrow, short=short)
        and not runs_on(text, following)
    ):
        unit = _heading(line)
        unit.short_head = narrow and not _heading_allowed(previous, narrow)
        return unit
    return _para(line)


def _caption_above(units: list[Unit], cues: Cues, k: int) -> bool:
    """Is the last unit a caption whose credit a narrow column wrapped onto line ``k``: a
    caption-sized paragraph right above it, with no blank line between?"""
    return (
        cues.narrow and not cues.gap_before[k] and bool(units) and units[-1].kind == "para"
        and display_width(units[-1].text) <= CAPTION_WIDTH
    )


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
    match = DATELINE.match(line.text)
    if match and len(line.text) > match.end():
        unit.dateline = match.group("dateline")
        reporter = match.group("reporter")
        unit.reporter = reporter_names(reporter) if reporter else None
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
    if DATELINE.match(following.text) or (
        following.heading_mark and not _continues_after(lines, cues, k + 1)
    ):
        return False
    if CAPTION_END.search(para.text):
        return False  # a wrapped caption ends with its credit, wherever the line stops
    if not closes_sentence(para.text):
        return True
    if not cues.narrow or cues.gap_before[k + 1] or cues.indented[k + 1]:
        return False
    return cues.widths[k] >= cues.columns[k] - COLUMN_TOLERANCE and not _stands_alone(
        lines, cues, k + 1
    )


def _stands_alone(lines: tuple[Line, ...], cues: Cues, k: int) -> bool:
    """After a closed sentence, is line ``k`` its own block rather than more of the paragraph?"""
    line = lines[k]
    following = lines[k + 1].text if k + 1 < len(lines) else ""
    if leading_byline(line) is not None or PAREN_BYLINE.match(line.text) or looks_like_signature(line.text):
        return True
    if DASHES.match(line.text) and not closes_sentence(line.text):
        return True
    return (
        looks_like_heading(line.text, narrow=True, apart=True)
        and stands_apart(lines, cues, k)
        and not runs_on(line.text, following)
    )


def _ends_with_marker(text: str) -> bool:
    # ``…组建扬尘污染防治监管队伍，（下转4版）``: the article leaves this page here.
    matches = list(_CONTINUED.finditer(text))
    return bool(matches) and matches[-1].end() == len(text.rstrip())


def _breaks_a_word(lines: tuple[Line, ...], k: int) -> bool:
    """Does a word run from line ``k`` onto the next line?"""
    return k + 1 < len(lines) and not lines[k + 1].is_tail and runs_on(lines[k].text, lines[k + 1].text)


def _is_subtitle(text: str) -> bool:
    return bool(DASHES.match(text)) and 2 <= len(DASHES.sub("", text)) <= 40 and not closes_sentence(text)


def _subtitle(line: Line) -> Unit:
    return Unit("subtitle", DASHES.sub("", heading_text(line.raw)), line.number, line.number, parts=[line.text])


def _in_marked_block(lines: tuple[Line, ...], k: int) -> bool:
    """Is line ``k`` part of a marked title block: a marked heading, or the ——subtitle
    printed under one?"""
    return lines[k].heading_mark or (k > 0 and _in_marked_block(lines, k - 1) and _is_subtitle(lines[k].text))


def _continues_after(lines: tuple[Line, ...], cues: Cues, k: int) -> bool:
    """Is line ``k`` (in a marked title block: kicker, title, ——subtitle) wedged inside a
    sentence that goes on after the block?"""
    first, last = k, k
    while first > 0 and _in_marked_block(lines, first - 1):
        first -= 1
    while last + 1 < len(lines) and _in_marked_block(lines, last + 1):
        last += 1
    if first == 0 or last + 1 >= len(lines):
        return False
    before, after = lines[first - 1], lines[last + 1]
    # In a column, a line that fills it is column text even with no punctuation.
    heading_like = looks_like_heading(after.text, narrow=cues.narrow) and (
        not cues.narrow or stands_apart(lines, cues, last + 1)
    )
    return not closes_sentence(before.text) and not after.is_tail and not heading_like


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
