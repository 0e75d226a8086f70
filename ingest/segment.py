"""Stage 3, segment: a cleaned page → its articles (:func:`segment_page`).

Units from :mod:`ingest.units` are assembled by one pass that keeps a *draft* article open.
A block of headings is read by what surrounds it:

- after an article that a byline closed, with no title of its own, and followed by a new
  dateline or the end of the page: that article's title, printed *after* it (004, 001 左云);
- inside an open article, followed by more of it: a section heading;
- otherwise: the title of the next article.

A dateline (``本刊讯``), a continuation (``(上接D1版)``) or a byline-closed draft starts a new
article. An article the page printed no title for gets one made from its first sentence,
and says so (``title_supplied``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.model import CleanPage, PageArticle, PageParagraph
from ingest.restore import restore_printed
from ingest.titles import read_title_block, supply_title
from ingest.units import Unit, build_units


@dataclass
class Draft:
    heads: list[Unit] = field(default_factory=list)
    #: The heads were a guess (a heading after a continued fragment); a title printed after
    #: the article overrides them and they become its first section heading.
    provisional: bool = False
    paragraphs: list[PageParagraph] = field(default_factory=list)
    byline: str | None = None
    reporter: str | None = None
    dateline: str | None = None
    continued_from: str | None = None
    continued_to: str | None = None
    closed: bool = False


def segment_page(page: CleanPage) -> list[PageArticle]:
    """Split one page into articles (see the module contract)."""
    drafts: list[Draft] = []
    block: list[Unit] = []
    units = build_units(page.lines, furniture=[line.number for line in page.furniture])
    for unit in units:
        if unit.kind in ("heading", "subtitle"):
            block.append(unit)
            continue
        if block:
            _place_block(block, unit, drafts)
            block = []
        _place_unit(unit, drafts)
    if block:
        _place_block(block, None, drafts)
    # Decisions were made on the reading form; the articles carry what the page printed.
    _fold_stray_bylines(drafts)
    return restore_printed([finish(draft) for draft in drafts if draft.paragraphs or draft.heads], page)


def _close_with_lone_byline(drafts: list[Draft]) -> None:
    """A byline in the form that opens articles (``记者 付永文``) followed by a heading, not
    by a body, signed the article before it: it closes that article instead."""
    if len(drafts) >= 2 and drafts[-1].byline and not drafts[-1].paragraphs and not drafts[-1].heads:
        lone = drafts.pop()
        before = drafts[-1]
        before.byline = f"{before.byline} {lone.byline}" if before.byline else lone.byline
        before.closed = True


def _fold_stray_bylines(drafts: list[Draft]) -> None:
    """A byline that opened a draft nothing followed signs the article before it: no
    article is made of a byline alone, and no name is lost."""
    for before, draft in zip(drafts, drafts[1:], strict=False):
        if draft.byline and not draft.paragraphs and not draft.heads:
            before.byline = f"{before.byline} {draft.byline}" if before.byline else draft.byline


def _starts_article(unit: Unit | None) -> bool:
    """Does ``unit`` open an article: the page's end, a dateline, a continuation, or a byline
    printed above a body (``□ 清徐融媒``)?"""
    if unit is None:
        return True
    return (unit.kind == "para" and bool(unit.dateline or unit.continued_from)) or (
        unit.kind == "byline" and unit.leads
    )


def _is_title_block(block: list[Unit]) -> bool:
    # Section heads come one at a time; a ——subtitle only ever stands under an article's title.
    return any(unit.kind == "subtitle" for unit in block)


def _cut_off(block: list[Unit], *, titled: bool) -> bool:
    """Is a heading-like block at the page's end the article's last line, cut off mid-sentence
    (excerpts end so)? It is when the unsigned article already has a title, or when the line
    is a clause (a comma in it) rather than a headline."""
    if len(block) != 1 or block[0].kind != "heading":
        return False
    return titled or bool(re.search("[，,]", block[0].text))


def _place_block(block: list[Unit], following: Unit | None, drafts: list[Draft]) -> None:
    _close_with_lone_byline(drafts)
    current = drafts[-1] if drafts else None
    untitled = current is not None and (not current.heads or current.provisional)
    if current is not None and current.closed and untitled and _starts_article(following):
        if current.provisional:
            current.paragraphs[:0] = [_heading_paragraph(u) for u in current.heads]
        current.heads, current.provisional = list(block), False
        return
    if current is not None and not current.closed and current.paragraphs:
        if following is None and _cut_off(block, titled=not untitled):
            current.paragraphs.extend(PageParagraph("body", u.text, (u.first, u.last)) for u in block)
            return
        if following is None and untitled:
            current.heads, current.provisional = list(block), False
            return
        if not _starts_article(following) and not _is_title_block(block):
            if current.continued_from and not any(p.kind == "heading" for p in current.paragraphs):
                drafts.append(Draft(heads=list(block), provisional=True))
                return
            current.paragraphs.extend(_heading_paragraph(u) for u in block)
            return
    drafts.append(Draft(heads=list(block)))


def _place_unit(unit: Unit, drafts: list[Draft]) -> None:
    current = drafts[-1] if drafts else None
    if unit.kind == "para":
        _place_paragraph(unit, current, drafts)
        return
    if current is None:
        current = Draft()
        drafts.append(current)
    if unit.kind == "byline" and unit.leads and current.paragraphs:
        current = Draft()  # a byline above a body: a new article without a printed title
        drafts.append(current)
    if unit.kind == "byline":
        current.byline = f"{current.byline} {unit.text}" if current.byline and current.paragraphs else unit.text
        current.closed = current.closed or bool(current.paragraphs)
    elif unit.kind in ("credit", "caption"):
        current.paragraphs.append(PageParagraph("caption", unit.text, (unit.first, unit.last)))
        current.closed = current.closed or unit.kind == "credit"
    elif unit.kind == "marker":
        if unit.continued_to:
            current.continued_to, current.closed = unit.continued_to, True
        elif unit.continued_from:
            drafts.append(Draft(continued_from=unit.continued_from))


def _place_paragraph(unit: Unit, current: Draft | None, drafts: list[Draft]) -> None:
    fresh = current is None or current.closed or (_starts_article(unit) and bool(current.paragraphs))
    # OCR wedges a headline spanning columns into the first sentence beside it; a section
    # head sits in its column. Wedged headings in a titled article start the next one.
    fresh = fresh or bool(unit.wedged and current is not None and current.heads and current.paragraphs)
    if current is not None and not current.paragraphs and current.continued_from and not current.heads:
        fresh = False  # a lone ``(上接…)`` line opened this draft
    if fresh or current is None:
        current = Draft()
        drafts.append(current)
    if unit.wedged:
        if current.heads:
            current.paragraphs.extend(_heading_paragraph(u) for u in unit.wedged)
        else:
            current.heads = list(unit.wedged)
    if not current.paragraphs:
        current.dateline = current.dateline or unit.dateline
        current.reporter = current.reporter or unit.reporter
    current.continued_from = current.continued_from or unit.continued_from
    if unit.text:
        current.paragraphs.append(PageParagraph("body", unit.text, (unit.first, unit.last)))
    if unit.continued_to:
        current.continued_to, current.closed = unit.continued_to, True


def _heading_paragraph(unit: Unit) -> PageParagraph:
    return PageParagraph("heading", unit.text, (unit.first, unit.last))


def finish(draft: Draft) -> PageArticle:
    """Turn a draft into a :class:`PageArticle`: title block read, title supplied if missing."""
    kicker, title, subtitle = read_title_block(draft.heads)
    article = PageArticle(
        title=title,
        paragraphs=draft.paragraphs,
        kicker=kicker,
        subtitle=subtitle,
        byline=draft.byline or draft.reporter,
        dateline=draft.dateline,
        continued_from=draft.continued_from,
        continued_to=draft.continued_to,
    )
    if not article.title:
        article.title = supply_title(article)
        article.title_supplied = True
    return article
