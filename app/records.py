"""Articles as plain JSON-ready records: the export format of CONTRACT.md.

One function serves ``devzone export`` and ``/api/articles/{id}``, so the two never drift.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import models


def article_record(article: models.Article, places: PlaceNames) -> dict[str, Any]:
    """The contract's export object for one stored article."""
    source = article.source
    return {
        "id": article.id,
        "title": article.title,
        "title_supplied": article.title_supplied,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "dateline": article.dateline,
        "date": article.date,
        "source": {
            "file": source.name, "sha256": source.sha256, "publication": source.publication, "page": source.page,
            "url": source.url,  # where the page was published online, when its user said so
        },
        "zones": [places.zone(p.slug) | {"role": p.role} for p in _ordered(article, "zone")],
        "cities": [places.city(p.slug) for p in _ordered(article, "city")],
        "paragraphs": [
            {"id": p.id, "kind": p.kind, "text": p.text, "lines": [p.line_start, p.line_end]}
            for p in article.paragraphs
        ],
        "continued_from": article.continued_from,
        "continued_to": article.continued_to,
    }


def _ordered(article: models.Article, kind: str) -> list[models.ArticlePlace]:
    return sorted((p for p in article.places if p.kind == kind), key=lambda p: p.ordinal)


class PlaceNames:
    """Zone and city rows by slug, read once per request or export."""

    def __init__(self, session: Session) -> None:
        self._zones = {z.slug: z for z in session.scalars(select(models.Zone))}
        self._cities = {c.slug: c for c in session.scalars(select(models.City))}

    def zone(self, slug: str) -> dict[str, Any]:
        zone = self._zones.get(slug)
        if zone is None:
            return {"slug": slug, "name": slug, "aliases": [], "city": None}
        city = self._cities.get(zone.city_slug or "")
        return {"slug": slug, "name": zone.name, "aliases": list(zone.aliases or []), "city": city.name if city else None}

    def city(self, slug: str) -> dict[str, Any]:
        city = self._cities.get(slug)
        return {"slug": slug, "name": city.name if city else slug}


def iter_article_records(session: Session) -> Iterator[dict[str, Any]]:
    """Every article, in source-file then page order."""
    places = PlaceNames(session)
    query = (
        select(models.Article)
        .join(models.Source)
        .order_by(models.Source.name, models.Article.ordinal)
        .options(selectinload(models.Article.paragraphs), selectinload(models.Article.places))
        .execution_options(yield_per=200)
    )
    for article in session.scalars(query):
        yield article_record(article, places)
