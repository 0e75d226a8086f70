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

from ingest.model import Article, CleanPage, Paragraph
from ingest.units import Unit, build_units

_ENTITY_SUFFIX = re.compile(
    r"(开发区|示范区|高新区|农高区|经开区|园区|产业园|工业园|项目|调研组|指导组|督查组|[一二三四五六七八九十]组"
    r"|考察团|管委会|委员会|政府|公司|集团|[省市县]委|[省市]?[^布格大全新开结当时]局|厅|中心)$"
)
#: Below this share of the title's length a second heading line is a subtitle (副题).
_SUBTITLE_SHARE = 0.5
_SUPPLIED_TITLE_LENGTH = 24


@dataclass
class Draft:
    heads: list[Unit] = field(default_factory=list)
    #: The heads were a guess (a heading after a continued fragment); a title printed after
    #: the article overrides them and they become its first section heading.
    provisional: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)
    byline: str | None = None
    reporter: str | None = None
    dateline: str | None = None
    continued_from: str | None = None
    continued_to: str | None = None
    closed: bool = False


def segment_page(page: CleanPage) -> list[Article]:
    """Split one page into articles (see the module contract)."""
    drafts: list[Draft] = []
    block: list[Unit] = []
    units = build_units(page.lines)
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
    return [finish(draft) for draft in drafts if draft.paragraphs or draft.heads]


def _starts_article(unit: Unit | None) -> bool:
    return unit is None or (unit.kind == "para" and bool(unit.dateline or unit.continued_from))


def _place_block(block: list[Unit], following: Unit | None, drafts: list[Draft]) -> None:
    current = drafts[-1] if drafts else None
    untitled = current is not None and (not current.heads or current.provisional)
    if current is not None and current.closed and untitled and _starts_article(following):
        if current.provisional:
            current.paragraphs[:0] = [_heading_paragraph(u) for u in current.heads]
        current.heads, current.provisional = list(block), False
        return
    if current is not None and not current.closed and current.paragraphs:
        if following is None and untitled:
            current.heads, current.provisional = list(block), False
            return
        if not _starts_article(following):
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
    if unit.kind == "byline":
        current.byline = f"{current.byline} {unit.text}" if current.byline and current.paragraphs else unit.text
        current.closed = current.closed or bool(current.paragraphs)
    elif unit.kind in ("credit", "caption"):
        current.paragraphs.append(Paragraph("caption", unit.text, (unit.first, unit.last)))
        current.closed = current.closed or unit.kind == "credit"
    elif unit.kind == "marker":
        if unit.continued_to:
            current.continued_to, current.closed = unit.continued_to, True
        elif unit.continued_from:
            drafts.append(Draft(continued_from=unit.continued_from))


def _place_paragraph(unit: Unit, current: Draft | None, drafts: list[Draft]) -> None:
    fresh = current is None or current.closed or (_starts_article(unit) and bool(current.paragraphs))
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
        current.paragraphs.append(Paragraph("body", unit.text, (unit.first, unit.last)))
    if unit.continued_to:
        current.continued_to, current.closed = unit.continued_to, True


def _heading_paragraph(unit: Unit) -> Paragraph:
    return Paragraph("heading", unit.text, (unit.first, unit.last))


def finish(draft: Draft) -> Article:
    """Turn a draft into an :class:`Article`: title block read, title supplied if missing."""
    kicker, title, subtitle = read_title_block(draft.heads)
    article = Article(
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


def read_title_block(heads: list[Unit]) -> tuple[str | None, str | None, str | None]:
    """Kicker (引题), title and subtitle (副题) from a block of heading lines."""
    subtitle = " ".join(u.text for u in heads if u.kind == "subtitle") or None
    lines = _merge_overlaps([u.text for u in heads if u.kind == "heading"])
    if not lines:
        return None, None, subtitle
    if len(lines) == 1:
        first, _, rest = lines[0].partition(" ")
        if rest and _is_kicker(first):
            return first, rest, subtitle
        return None, lines[0], subtitle
    if _is_kicker(lines[0]):
        return lines[0], " ".join(lines[1:]), subtitle
    if len(lines) == 2 and subtitle is None and len(lines[1]) <= _SUBTITLE_SHARE * len(lines[0]):
        return None, lines[0], lines[1]
    return None, " ".join(lines), subtitle


def _is_kicker(text: str) -> bool:
    """A zone, body or project named above the title, or a lead-in (``在…``)."""
    compact = text.replace(" ", "")
    return bool(_ENTITY_SUFFIX.search(compact)) or (compact.startswith("在") and len(compact) <= 24)


def _merge_overlaps(lines: list[str]) -> list[str]:
    """OCR sometimes reads a two-line title twice over: ``管网漏水事故现场指导抢险处置`` and
    ``王立伟赴…管网漏水事故现场``. A suffix of one that is a prefix of the other joins them."""
    merged: list[str] = []
    for line in lines:
        if merged:
            joined = _overlap_join(merged[-1], line) or _overlap_join(line, merged[-1])
            if joined:
                merged[-1] = joined
                continue
        merged.append(line)
    return merged


def _overlap_join(first: str, second: str) -> str | None:
    for size in range(min(len(first), len(second)) - 1, 3, -1):
        if first.endswith(second[:size]):
            return first + second[size:]
    return None


def supply_title(article: Article) -> str:
    """A title for an article the page printed none for: its first sentence, shortened."""
    body = next((p.text for p in article.paragraphs if p.kind == "body"), "")
    sentence = re.split(r"(?<=[。！？])", body, maxsplit=1)[0] or body
    if len(sentence) > _SUPPLIED_TITLE_LENGTH:
        clause = re.split(r"[，；：]", sentence)[0]
        sentence = clause if 6 <= len(clause) <= _SUPPLIED_TITLE_LENGTH else sentence[:_SUPPLIED_TITLE_LENGTH]
        sentence += "…"
    return sentence.rstrip("。！？") or "（无标题）"
