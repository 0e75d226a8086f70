"""Pieces every page context shares: documented fields, place references, article summaries.

Every context is a dataclass whose fields carry a ``help`` text (``documented``), so a
template author can see what each value means, and ``tests/app/test_template_context.py``
fails when a field is added without one. :func:`as_json` turns any context into the JSON
twin of its page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import models
from app.records import PlaceNames

#: Characters of a paragraph shown where a list needs a taste of it.
EXCERPT_CHARS = 120


def documented(help: str, **kwargs: Any) -> Any:
    """A dataclass field with its meaning attached (``metadata["help"]``).

    The same text under ``description`` is what pydantic puts in the OpenAPI schema, so the
    JSON twins' fields are described where API readers look.
    """
    return dataclasses.field(metadata={"help": help, "description": help}, **kwargs)


def as_json(context: Any) -> Any:
    """A context (dataclass, list, dict …) as plain JSON-ready values."""
    if dataclasses.is_dataclass(context) and not isinstance(context, type):
        return {f.name: as_json(getattr(context, f.name)) for f in dataclasses.fields(context)}
    if isinstance(context, list | tuple):
        return [as_json(item) for item in context]
    if isinstance(context, dict):
        return {key: as_json(value) for key, value in context.items()}
    return context


def shown_id(value: str) -> str:
    """An id or slug as an error message may quote it (long hostile input cut short)."""
    return value if len(value) <= 40 else value[:40] + "…"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The first ``limit`` characters of ``text``, with an ellipsis when cut."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


@dataclass
class PlaceRef:
    """A zone or city as a link target."""

    slug: str = documented("URL slug: /zones/{slug} or /cities/{slug}.")
    name: str = documented("Official Chinese name.")
    kind: str = documented("'zone' or 'city'.")

    @property
    def url(self) -> str:
        return f"/{'zones' if self.kind == 'zone' else 'cities'}/{self.slug}"


@dataclass
class FilterChip:
    """An applied filter, shown as a chip whose link takes it away."""

    name: str = documented("The URL parameter (zone, city, year, paper, date_from …).")
    label: str = documented("What the reader sees: the filter's kind and value in Chinese.")
    remove_url: str = documented("The same list or search without this filter.")


@dataclass
class PassageRef:
    """One paragraph as a link with a taste of its text."""

    id: str = documented("Paragraph id; the permalink is /p/{id}.")
    excerpt: str = documented("The paragraph's first characters (plain text, escaped by templates).")
    url: str = documented("The passage permalink, /p/{id}.")


@dataclass
class ArticleSummary:
    """An article in a list: enough to recognise it and open it."""

    id: str = documented("Article id; the page is /articles/{id}.")
    title: str = documented("Printed title, or one the ingest supplied (see title_supplied).")
    title_supplied: bool = documented("True when the page printed no title (shown as 编者拟题).")
    kicker: str | None = documented("The line printed above the title (引题), if any.")
    date: str | None = documented("Publication date, YYYY-MM-DD, if known.")
    publication: str | None = documented("Newspaper or magazine named on the page.")
    page: str | None = documented("Page label as printed (B2, 3 …).")
    zones: list[PlaceRef] = documented("Zones the article is about, most central first.")
    cities: list[PlaceRef] = documented("Prefecture cities the article is about.")
    passage: PassageRef | None = documented("The passage to show under the title (best match or opening).")

    @property
    def url(self) -> str:
        return f"/articles/{self.id}"


def place_refs(article: models.Article, places: PlaceNames, kind: str) -> list[PlaceRef]:
    """The article's own zones or cities, in their stored order."""
    rows = sorted((p for p in article.places if p.kind == kind), key=lambda p: p.ordinal)
    lookup = places.zone if kind == "zone" else places.city
    return [PlaceRef(slug=row.slug, name=lookup(row.slug)["name"], kind=kind) for row in rows]


def passage_ref(paragraph: models.Paragraph) -> PassageRef:
    return PassageRef(id=paragraph.id, excerpt=excerpt(paragraph.text), url=f"/p/{paragraph.id}")


def opening_paragraph(article: models.Article) -> models.Paragraph | None:
    """The first body paragraph (else the first of any kind): what a list shows by default."""
    body = [p for p in article.paragraphs if p.kind == "body"]
    candidates = body or article.paragraphs
    return candidates[0] if candidates else None


def summarize(
    article: models.Article, places: PlaceNames, *, passage: models.Paragraph | None = None
) -> ArticleSummary:
    """The :class:`ArticleSummary` of a loaded article; ``passage`` defaults to its opening."""
    chosen = passage if passage is not None else opening_paragraph(article)
    return ArticleSummary(
        id=article.id,
        title=article.title,
        title_supplied=article.title_supplied,
        kicker=article.kicker,
        date=article.date,
        publication=article.source.publication,
        page=article.source.page,
        zones=place_refs(article, places, "zone"),
        cities=place_refs(article, places, "city"),
        passage=passage_ref(chosen) if chosen is not None else None,
    )


def load_articles(session: Session, ids: Iterable[str]) -> dict[str, models.Article]:
    """Articles by id with what summaries read (source, places, paragraphs) loaded in bulk."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    query = (
        select(models.Article)
        .where(models.Article.id.in_(wanted))
        .options(
            selectinload(models.Article.source),
            selectinload(models.Article.places),
            selectinload(models.Article.paragraphs),
        )
    )
    return {article.id: article for article in session.scalars(query)}


def newest_first(articles: Sequence[models.Article]) -> list[models.Article]:
    """Dated articles newest first, then undated ones, each group in a stable order."""
    return sorted(articles, key=lambda a: (a.date is None, _negated(a.date), a.source_id, a.ordinal))


def _negated(date: str | None) -> tuple[int, ...]:
    # Sort key that puts later dates first without reversing the tie-breakers.
    if not date:
        return ()
    return tuple(-int(part) for part in date.split("-") if part.isdigit())
