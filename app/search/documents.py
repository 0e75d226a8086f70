"""What the index is told about one article version: a plain :class:`IndexDoc`.

:func:`doc_from_row` reads a stored ORM row; :meth:`IndexDoc.fields` turns it into the
keyword arguments of a Whoosh ``add_document`` call. Keeping the two apart lets the index
stage build documents in worker processes from plain, picklable values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.models import Article
from app.search.analyzer import SEGMENT_BREAK, fold
from app.search.filters import FIELDS


@dataclass
class IndexDoc:
    """One article version as indexed. ``key`` is ``Article.index_key``."""

    key: str
    article_id: str
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)  # slugs, the article's own zones first
    cities: list[str] = field(default_factory=list)
    date: str | None = None  # YYYY-MM-DD
    source: str | None = None  # the source file's name

    def head_segments(self) -> list[str]:
        """Title, kicker and subtitle: the segments that rank as the title block."""
        return [text for text in (self.title, self.kicker, self.subtitle) if text]

    def fields(self) -> dict[str, Any]:
        """Keyword arguments for ``writer.add_document`` (see :mod:`app.search.schema`)."""
        head = [_one_line(text) for text in self.head_segments()]
        paragraphs = [_one_line(text) for text in self.paragraphs]
        text = SEGMENT_BREAK.join([*head, *paragraphs])
        values: dict[str, Any] = {
            "key": self.key,
            "article_id": self.article_id,
            "chars": text,
            "bigrams": text,
            "title": SEGMENT_BREAK.join(head),
            "body": SEGMENT_BREAK.join(paragraphs),
            "byline": self.byline or "",
            "head_col": fold(SEGMENT_BREAK.join(head)).encode("utf-8"),
        }
        for item in FIELDS:  # the filter table's fields (app.search.filters)
            joined = " ".join(item.values(self))
            values[item.name] = joined
            if item.many:
                values[item.whoosh_column] = joined.encode("utf-8")
        # Empty values index nothing; leaving them out keeps Whoosh from analysing them.
        return {name: value for name, value in values.items() if value not in ("", b"")}


def _one_line(text: str) -> str:
    # A line break inside a segment is only whitespace; SEGMENT_BREAK must mean "boundary".
    return text.replace(SEGMENT_BREAK, " ")


def doc_from_row(article: Article) -> IndexDoc:
    """The :class:`IndexDoc` of a stored article (its places, paragraphs and source loaded)."""
    places = sorted(article.places, key=lambda place: place.ordinal)
    return IndexDoc(
        key=article.index_key,
        article_id=article.id,
        title=article.title or "",
        kicker=article.kicker,
        subtitle=article.subtitle,
        byline=article.byline,
        paragraphs=[paragraph.text for paragraph in article.paragraphs],
        # A zone named only in passing is no reason to file the article under it.
        zones=[place.slug for place in places if place.kind == "zone" and place.role != "mentioned"],
        cities=[place.slug for place in places if place.kind == "city"],
        date=article.date,
        source=article.source.name if article.source is not None else None,
    )
