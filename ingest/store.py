"""Stage 5, store: write a :class:`Document` into the archive's database.

A changed file replaces its old articles. Paragraph ids that disappear are not forgotten:
each gets a :class:`PassageRedirect` to the most similar new paragraph (an edit) or to
nothing (gone, with its old text kept), so a shared link never silently lands elsewhere.
Everything happens in the caller's session; the caller commits once per run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app import models
from app.places import Gazetteer, load_gazetteer
from ingest import ids
from ingest.model import Article, DiscoveredZone, Document

#: Below this similarity an old paragraph is "gone", not "edited".
EDIT_SIMILARITY = 0.5


@dataclass(frozen=True)
class StoreResult:
    article_ids: tuple[str, ...]
    redirected: int
    gone: int


def store_document(session: Session, document: Document, *, now: datetime) -> StoreResult:
    """Replace whatever the archive held for ``document.source.name`` with ``document``."""
    source = document.source
    old = session.scalar(select(models.Source).where(models.Source.name == source.name))
    old_paragraphs = _paragraph_snapshot(old)
    if old is not None:
        session.delete(old)
        session.flush()
    row = models.Source(
        id=ids.source_id(source.name), name=source.name, sha256=source.sha256, encoding=source.encoding,
        text=source.text, publication=document.info.publication, page=document.info.page,
        date=document.info.date, ingested_at=now,
    )
    session.add(row)
    _store_discovered(session, [z for a in document.articles for z in a.new_zones])
    articles = _article_rows(document)
    row.articles = articles
    session.flush()
    redirected, gone = _record_redirects(session, old_paragraphs, articles, now=now)
    return StoreResult(tuple(a.id for a in articles), redirected, gone)


def seed_places(session: Session, gazetteer: Gazetteer | None = None) -> None:
    """Make the place tables match the gazetteer (idempotent: rows are merged by slug)."""
    gazetteer = gazetteer or load_gazetteer()
    for city in gazetteer.cities:
        session.merge(models.City(slug=city.slug, name=city.name, code=city.code, lon=city.lon, lat=city.lat))
    session.flush()
    for county in gazetteer.counties:
        session.merge(models.County(
            slug=county.slug, name=county.name, code=county.code, city_slug=county.city_slug,
            former_names=list(county.former_names),
        ))
    for zone in gazetteer.zones:
        session.merge(models.Zone(
            slug=zone.slug, name=zone.name, aliases=list(zone.aliases), level=zone.level,
            city_slug=zone.city_slug, county_slug=zone.county_slug, discovered=zone.discovered,
        ))
    session.flush()


def _store_discovered(session: Session, zones: list[DiscoveredZone]) -> None:
    # A zone the gazetteer does not list; never overwrite a listed zone of the same slug.
    for zone in zones:
        if session.get(models.Zone, zone.slug) is None and session.scalar(
            select(models.Zone.slug).where(models.Zone.name == zone.name)
        ) is None:
            session.add(models.Zone(
                slug=zone.slug, name=zone.name, aliases=list(zone.aliases), level=None,
                city_slug=zone.city_slug, county_slug=zone.county_slug, discovered=True,
            ))
    session.flush()


def _article_rows(document: Document) -> list[models.Article]:
    name = document.source.name
    rows: list[models.Article] = []
    article_keys: Counter[str] = Counter()
    paragraph_texts: Counter[str] = Counter()
    for ordinal, article in enumerate(document.articles):
        key = _article_key(article)
        article_id = ids.article_id(name, key, article_keys[key])
        article_keys[key] += 1
        row = models.Article(
            id=article_id, ordinal=ordinal, title=article.title or "", title_supplied=article.title_supplied,
            kicker=article.kicker, subtitle=article.subtitle, byline=article.byline, dateline=article.dateline,
            date=document.info.date, continued_from=article.continued_from, continued_to=article.continued_to,
            index_key=f"{article_id}:{_version(article)}",
        )
        paragraph_ids: list[str] = []
        for position, paragraph in enumerate(article.paragraphs):
            pid = ids.paragraph_id(name, paragraph.text, paragraph_texts[paragraph.text])
            paragraph_texts[paragraph.text] += 1
            paragraph_ids.append(pid)
            row.paragraphs.append(models.Paragraph(
                id=pid, ordinal=position, kind=paragraph.kind, text=paragraph.text,
                line_start=paragraph.lines[0], line_end=paragraph.lines[1],
            ))
        row.places = [
            models.ArticlePlace(kind=kind, slug=slug, ordinal=i)
            for kind, slugs in (("zone", article.zones), ("city", article.cities))
            for i, slug in enumerate(dict.fromkeys(slugs))
        ]
        row.mentions = [
            models.Mention(
                paragraph_id=paragraph_ids[m.paragraph] if 0 <= m.paragraph < len(paragraph_ids) else None,
                kind=m.kind, slug=m.slug, surface=m.surface, start=m.start, end=m.end, role=m.role,
            )
            for m in article.mentions
        ]
        rows.append(row)
    return rows


def _article_key(article: Article) -> str:
    if article.title and not article.title_supplied:
        return f"{article.kicker or ''}{article.title}"
    return article.paragraphs[0].text if article.paragraphs else article.title or ""


def _version(article: Article) -> str:
    """What the search index stores about an article; a change means a new index document."""
    parts = [article.kicker or "", article.title or "", article.subtitle or "", article.byline or ""]
    parts += [p.text for p in article.paragraphs] + sorted(article.zones) + sorted(article.cities)
    return ids.content_hash(*parts)


def _paragraph_snapshot(source: models.Source | None) -> list[tuple[str, str, str]]:
    if source is None:
        return []
    return [(p.id, p.text, a.id) for a in source.articles for p in a.paragraphs]


def _record_redirects(
    session: Session, old: list[tuple[str, str, str]], articles: list[models.Article], *, now: datetime
) -> tuple[int, int]:
    live = {p.id: p for a in articles for p in a.paragraphs}
    # A passage that came back (an edit undone) is live again, not redirected.
    session.execute(delete(models.PassageRedirect).where(models.PassageRedirect.old_id.in_(list(live))))
    owner = {p.id: a.id for a in articles for p in a.paragraphs}
    new_articles = {a.id for a in articles}
    article_successor: dict[str, str | None] = {}
    redirected = gone = 0
    for old_id, text, article_id in old:
        if old_id in live:
            article_successor.setdefault(article_id, owner[old_id])
            continue
        successor = _most_similar(text, article_id, articles)
        session.merge(models.PassageRedirect(
            old_id=old_id, new_id=successor, old_text=text, article_id=article_id, created_at=now,
        ))
        if successor:
            article_successor.setdefault(article_id, owner[successor])
        redirected, gone = (redirected + 1, gone) if successor else (redirected, gone + 1)
    session.execute(delete(models.ArticleRedirect).where(models.ArticleRedirect.old_id.in_(list(new_articles))))
    for old_article in {a for _, _, a in old} - new_articles:
        session.merge(models.ArticleRedirect(
            old_id=old_article, new_id=article_successor.get(old_article), old_title="", created_at=now,
        ))
    return redirected, gone


def _most_similar(text: str, article_id: str, articles: list[models.Article]) -> str | None:
    """The new paragraph an edited one became: same article first, then anywhere in the file."""
    best_id, best_score = None, EDIT_SIMILARITY
    for article in sorted(articles, key=lambda a: a.id != article_id):
        for paragraph in article.paragraphs:
            matcher = SequenceMatcher(None, text, paragraph.text, autojunk=False)
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio() + (0.05 if article.id == article_id else 0.0)
            if score > best_score:
                best_id, best_score = paragraph.id, score
    return best_id
