"""How a page is set (part of stage 3a): the regime, line widths, the column each line
stands in, paragraph indents and blank lines that mean something.

A reader of a printed column sees where paragraphs end without reading a word: a line that
stops short of the column, an indent, a blank line on a page that does not put one after
every line. OCR text keeps these cues only as widths, leading spaces and line numbers;
:func:`read_cues` measures them once per page for :mod:`ingest.units`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Collection
from dataclasses import dataclass

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
#: Even rough OCR widths do not leave a full line this many characters short of its column.
CLEARLY_SHORT = 3.0
#: Share of a narrow page's running lines within the tolerance of the column that makes the
#: page *exact* (text set to a width, not read off paper), where one character is visible.
EXACT_SHARE = 0.9
_CLOSERS = "。！？…"
_FULL_WIDTH_PUNCT = "“”‘’—…·"
#: Marks a line may not start with: typesetters hang them past the column's end.
_HANGING = "，。、；：！？”’）》"
_INDENT = re.compile(r"^(?:\u3000|[ \t]{2,})[\u3000 \t]*")


@dataclass(frozen=True)
class Cues:
    """What the page's setting says about each line besides its text (by line index)."""

    narrow: bool
    #: Widths are exact: a line one character short of the column is visibly short.
    exact: bool
    widths: list[float]
    #: The width of the column each line stands in (see :func:`column_width`).
    columns: list[float]
    #: A paragraph indent opens the line (two ideographic or ASCII spaces).
    indented: list[bool]
    #: A blank line stands before the line, on a page that does not put one after every line.
    gap_before: list[bool]


#: Characters set half width: below the CJK blocks, except the punctuation Chinese sets full.
_HALF_WIDTH = re.compile("[^\u2e81-\U0010ffff" + re.escape(_FULL_WIDTH_PUNCT) + "]")


def display_width(text: str) -> float:
    """Width in full-width characters: Latin letters and digits are half as wide; Chinese
    text sets its quotation marks, dashes and ellipses full width."""
    # Counted by one regex pass: widths are taken for every line several times per page.
    return len(text) - 0.5 * _HALF_WIDTH.subn("", text)[1]


def closes_sentence(text: str) -> bool:
    stripped = text.rstrip("”’」』）)")
    if stripped != text:
        return bool(stripped) and stripped[-1] in _CLOSERS
    return bool(text) and text[-1] in _CLOSERS


def is_narrow_page(lines: tuple[Line, ...]) -> bool:
    """A page set in columns, one OCR line per printed line, rather than one line per
    paragraph. Any of: short lines that mostly stop mid-sentence; column-wide lines (up to
    50) that mostly do; lines that share one width; indented first lines that the next
    line continues."""
    prose = [line for line in lines if not line.is_tail and re.search("[，。；：、]", line.text)]
    if not prose:
        return False
    widths = [display_width(line.text) for line in prose]
    open_share = sum(not closes_sentence(line.text) for line in prose) / len(prose)
    if statistics.median(widths) < NARROW_COLUMN_WIDTH and open_share > 0.5:
        return True
    if max(widths) <= WIDEST_COLUMN and open_share >= 0.5:
        return True
    return _lines_share_a_column(lines) or _indents_run_on(lines)


def _lines_share_a_column(lines: tuple[Line, ...]) -> bool:
    """Do three or more lines, two in five of those of ten characters or more, share one
    width up to 50? Headings, bylines and a paragraph's last lines vary; full lines do not."""
    widths = [width for line in lines if not line.is_tail and (width := _set_width(line.text)) >= 10]
    count, column = _commonest_width(widths, COLUMN_TOLERANCE)
    return count >= 3 and count >= 0.4 * len(widths) and column <= WIDEST_COLUMN


def _indents_run_on(lines: tuple[Line, ...]) -> bool:
    """Is each indented line followed by an unindented one of about its width?

    That is a paragraph's first line and its continuation in a column; pages that put one
    paragraph on each line indent every line, or follow one with a blank line or a heading.
    """
    starts = [k for k, line in enumerate(lines[:-1]) if _INDENT.match(line.raw) and not line.is_tail]
    if not starts:
        return False
    return all(
        not _INDENT.match(lines[k + 1].raw)
        and display_width(lines[k + 1].text) <= display_width(lines[k].raw.rstrip()) + 1.5 <= WIDEST_COLUMN
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


def read_cues(
    lines: tuple[Line, ...], furniture: Collection[int] = (), *, opens_article: Callable[[Line], bool] = lambda _: False
) -> Cues:
    """The page's regime, line widths, columns, indents and meaningful blank lines.

    ``furniture`` holds the line numbers cleaning lifted out (a running head leaves no blank
    line); ``opens_article`` tells lines that only follow a title (their line is no column
    text).
    """
    lifted = set(furniture)
    blanks = [False] + [
        any(n not in lifted for n in range(before.number + 1, line.number))
        for before, line in zip(lines, lines[1:], strict=False)
    ]
    # A page with a blank line after (nearly) every line says nothing with one.
    meaningful = sum(blanks) < 0.5 * max(1, len(lines) - 1)
    # An indent takes room in the column: the indented first line of a paragraph is full.
    widths = [display_width(line.text) + _indent_width(line) for line in lines]
    exact = _widths_are_exact(lines, widths, opens_article)
    return Cues(
        narrow=is_narrow_page(lines),
        exact=exact,
        widths=widths,
        columns=column_widths(lines, widths, exact=exact),
        indented=[bool(_INDENT.match(line.raw)) and not line.is_tail for line in lines],
        gap_before=[meaningful and blank for blank in blanks],
    )


def _indent_width(line: Line) -> float:
    match = _INDENT.match(line.raw)
    return display_width(match.group().replace("\t", "  ")) if match and not line.is_tail else 0.0


def _widths_are_exact(lines: tuple[Line, ...], widths: list[float], opens_article: Callable[[Line], bool]) -> bool:
    """Do the lines that run on (stop mid-sentence, and what follows is no byline or
    subtitle that would make them a title) nearly all fill one column width?"""
    running = [
        k
        for k, line in enumerate(lines[:-1])
        if re.search("[，、]", line.text) and not closes_sentence(line.text) and not opens_article(lines[k + 1])
    ]
    if len(running) < 3:
        return True  # too few lines to show OCR's rough widths: measure what there is exactly
    columns = column_widths(lines, widths, exact=True)
    fitting = sum(abs(widths[k] - columns[k]) <= COLUMN_TOLERANCE for k in running)
    return fitting >= EXACT_SHARE * len(running)


def apart_by_width(cues: Cues, k: int) -> bool:
    """Is line ``k`` visibly shorter or wider than its column? Exact widths show one
    character; rough OCR widths only a line well short of the column."""
    column = cues.columns[k]
    if cues.exact:
        return abs(cues.widths[k] - column) > COLUMN_TOLERANCE
    return cues.widths[k] <= SHORT_LINE_SHARE * column


def _set_width(text: str) -> float:
    """A line's width up to the column's edge: a closing mark at its end may hang past it."""
    return display_width(text) - (1.0 if text and text[-1] in _HANGING else 0.0)


def column_widths(lines: tuple[Line, ...], widths: list[float], *, exact: bool) -> list[float]:
    """The width of the column around each line.

    With exact widths, the width that most nearby prose lines reach or fall half a
    character short of (a half-width digit can leave a full line so): full lines outnumber
    a paragraph's last lines; headings and bylines, with no inner punctuation, do not vote;
    a closing mark at a line's end is left out, as typesetters hang it past the column.
    With rough OCR widths, the second-widest nearby line: one wide heading or stray line
    does not count.
    """
    if not exact:
        return [_second_widest(widths[max(0, k - 4): k + 5]) for k in range(len(lines))]
    prose = {j: widths[j] - display_width(line.text) + _set_width(line.text)
             for j, line in enumerate(lines) if re.search("[，。；：、]", line.text[:-1])}
    columns = []
    for k in range(len(lines)):
        window = [width for j, width in prose.items() if abs(j - k) <= 8] or list(prose.values()) or [widths[k]]
        columns.append(_reached_by_most(window))
    return columns


def _reached_by_most(window: list[float]) -> float:
    """The width most of ``window`` reach or fall at most half a character short of."""
    return max((sum(column - 0.5 <= width <= column for width in window), column) for column in window)[1]


def _second_widest(window: list[float]) -> float:
    ordered = sorted(window, reverse=True)
    return ordered[1] if len(ordered) > 1 else ordered[0]
