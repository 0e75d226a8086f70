"""Stage 5, store: write a :class:`Document` into the archive's database.

A changed file replaces its old articles. Paragraph ids that disappear are not forgotten:
each gets a :class:`PassageRedirect` to the most similar new paragraph (an edit) or to
nothing (gone, with its old text kept), so a shared link never silently lands elsewhere.
Rows go in as bulk Core inserts (an ORM unit of work per file costs more than the rest
of the ingest); everything happens in the caller's session, which commits once per run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app import models
from app.places import Gazetteer, load_gazetteer
from ingest import ids
from ingest.model import DiscoveredZone, Document, PageArticle

#: Below this similarity an old paragraph is "gone", not "edited".
EDIT_SIMILARITY = 0.5


@dataclass(frozen=True)
class StoreResult:
    article_ids: tuple[str, ...]
    redirected: int
    gone: int


@dataclass(frozen=True)
class StoredParagraph:
    id: str
    text: str
    article_id: str


@dataclass
class Rows:
    """The insert rows of one document, table by table."""

    articles: list[dict[str, Any]]
    paragraphs: list[dict[str, Any]]
    places: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    #: What the articles state about their zones (:mod:`ingest.facts`), citing passages.
    facts: list[dict[str, Any]] = field(default_factory=list)


def store_document(
    session: Session, document: Document, *, now: datetime,
    origin: Mapping[str, str] | None = None, pipeline_version: str | None = None,
) -> StoreResult:
    """Replace whatever the archive held for ``document.source.name`` with ``document``.

    ``origin`` is what the source's provenance records (where the file was read from, what
    its manifest or sidecar stated); ``pipeline_version`` the version that derived it.
    """
    source = document.source
    source_id = ids.source_id(source.name)
    old = _paragraph_snapshot(session, source.name)
    old_titles = _article_titles(session, source.name)
    # ON DELETE CASCADE takes the old articles, paragraphs, places and mentions with it.
    session.execute(delete(models.Source).where(models.Source.name == source.name))
    session.execute(insert(models.Source), [{
        "id": source_id, "name": source.name, "sha256": source.sha256, "encoding": source.encoding,
        "text": source.text, "publication": document.info.publication, "page": document.info.page,
        "date": document.info.date, "url": document.info.url, "origin": dict(origin or {}),
        "pipeline_version": pipeline_version, "ingested_at": now,
    }])
    _store_discovered(session, [z for a in document.articles for z in a.new_zones])
    rows = document_rows(document, source_id=source_id)
    for table, values in (
        (models.Article, rows.articles), (models.Paragraph, rows.paragraphs),
        (models.ArticlePlace, rows.places), (models.Mention, rows.mentions), (models.ZoneFact, rows.facts),
    ):
        if values:
            session.execute(insert(table), values)
    new = [StoredParagraph(p["id"], p["text"], p["article_id"]) for p in rows.paragraphs]
    redirected, gone = _record_redirects(session, old, new, old_titles, now=now)
    return StoreResult(tuple(a["id"] for a in rows.articles), redirected, gone)


def remove_source(session: Session, name: str, *, now: datetime) -> StoreResult:
    """Take the source ``name`` out of the archive; every passage id it held answers "gone".

    Each of its paragraphs becomes a :class:`PassageRedirect` to nothing that keeps the old
    text, and each article an :class:`ArticleRedirect` to nothing with its old title, so
    links to them say what they were instead of 404.
    """
    old = _paragraph_snapshot(session, name)
    old_titles = _article_titles(session, name)
    session.execute(delete(models.Source).where(models.Source.name == name))
    _, gone = _record_redirects(session, old, [], old_titles, now=now)
    return StoreResult(tuple(old_titles), 0, gone)


def seed_places(session: Session, gazetteer: Gazetteer | None = None) -> None:
    """Make the place tables match the gazetteer (idempotent: rows are matched by slug).

    Rows already as the gazetteer says are left alone, so the usual run — same gazetteer
    as last time — writes nothing and costs three queries, not one merge per place.
    """
    gazetteer = gazetteer or load_gazetteer()
    _upsert(session, models.City, [
        {"slug": c.slug, "name": c.name, "code": c.code, "lon": c.lon, "lat": c.lat} for c in gazetteer.cities
    ])
    session.flush()  # counties and zones refer to cities
    _upsert(session, models.County, [
        {"slug": c.slug, "name": c.name, "code": c.code, "city_slug": c.city_slug, "former_names": list(c.former_names)}
        for c in gazetteer.counties
    ])
    _upsert(session, models.Zone, [
        {
            "slug": z.slug, "name": z.name, "aliases": list(z.aliases), "level": z.level, "city_slug": z.city_slug,
            "county_slug": z.county_slug, "discovered": z.discovered, "catalogue_name": z.catalogue_name,
            "former_names": list(z.former_names), "counties": list(z.counties), "approval_year": z.approval_year,
            "merged_into": z.merged_into, "evidence": z.evidence,
        }
        for z in gazetteer.zones
    ])
    session.flush()


def _upsert(session: Session, model: Any, wanted: list[dict[str, Any]]) -> None:
    """Insert the rows ``wanted`` lists that are missing; update the columns that differ."""
    held = {row.slug: row for row in session.scalars(select(model).where(model.slug.in_([w["slug"] for w in wanted])))}
    for values in wanted:
        row = held.get(values["slug"])
        if row is None:
            session.add(model(**values))
            continue
        for column, value in values.items():
            if getattr(row, column) != value:
                setattr(row, column, value)


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


def document_rows(document: Document, *, source_id: str) -> Rows:
    """Insert rows for every article of ``document``, with content-derived ids (pure)."""
    name = document.source.name
    rows = Rows([], [], [], [])
    article_keys: Counter[str] = Counter()
    paragraph_texts: Counter[str] = Counter()
    for ordinal, article in enumerate(document.articles):
        key = _article_key(article)
        article_id = ids.article_id(name, key, article_keys[ids.normalised(key)])
        article_keys[ids.normalised(key)] += 1
        rows.articles.append({
            "id": article_id, "source_id": source_id, "ordinal": ordinal, "title": article.title or "",
            "title_supplied": article.title_supplied, "kicker": article.kicker, "subtitle": article.subtitle,
            "byline": article.byline, "dateline": article.dateline, "date": document.info.date,
            "continued_from": article.continued_from, "continued_to": article.continued_to,
            "index_key": f"{article_id}:{_version(article)}",
        })
        paragraph_ids: list[str] = []
        for position, paragraph in enumerate(article.paragraphs):
            # Repeats are counted as the id sees the text, or whitespace twins would collide.
            normal = ids.normalised(paragraph.text)
            pid = ids.paragraph_id(name, paragraph.text, paragraph_texts[normal])
            paragraph_texts[normal] += 1
            paragraph_ids.append(pid)
            rows.paragraphs.append({
                "id": pid, "article_id": article_id, "ordinal": position, "kind": paragraph.kind,
                "text": paragraph.text, "line_start": paragraph.lines[0], "line_end": paragraph.lines[1],
            })
        rows.places += _place_rows(article, article_id)
        rows.mentions += [
            {
                "article_id": article_id,
                "paragraph_id": paragraph_ids[m.paragraph] if 0 <= m.paragraph < len(paragraph_ids) else None,
                "kind": m.kind, "slug": m.slug, "surface": m.surface, "start": m.start, "end": m.end,
                "role": m.role,
            }
            for m in article.mentions
        ]
        rows.facts += _fact_rows(article, article_id, paragraph_ids, document.info.date)
    return rows


def _fact_rows(article: PageArticle, article_id: str, paragraph_ids: list[str], date: str | None) -> list[dict[str, Any]]:
    """The article's zone facts, each citing the passage (paragraph id) it came from."""
    if article.facts is None:  # a document built without the facts stage (older callers, tests)
        from ingest.facts import article_facts  # not at the top: the stages' rules load in their own process

        facts = article_facts(article, date=date)
    else:
        facts = article.facts
    return [
        {
            "zone_slug": f.zone, "article_id": article_id, "passage_id": paragraph_ids[f.paragraph],
            "ordinal": i, "kind": f.kind, "value": f.value, "unit": f.unit, "period": f.period,
            "name": f.name, "stage": f.stage, "date": date,
        }
        for i, f in enumerate(facts)
    ]


def _place_rows(article: PageArticle, article_id: str) -> list[dict[str, Any]]:
    """The article's zones with their roles (mentioned ones too), its cities, and the
    counties it names, each with the strongest role its mentions had: what search needs to
    find an article by a county's name."""
    zones = article.zone_roles or {slug: "subject" for slug in article.zones}
    counties: dict[str, str] = {}
    for m in article.mentions:
        if m.kind == "county" and "|" not in m.slug:
            counties[m.slug] = min(counties.get(m.slug, "mentioned"), m.role, key=_ROLE_ORDER.index)
    return [
        {"article_id": article_id, "kind": kind, "slug": slug, "ordinal": i, "role": role}
        for kind, roles in (
            ("zone", zones), ("city", {slug: "subject" for slug in article.cities}), ("county", counties),
        )
        for i, (slug, role) in enumerate(roles.items())
    ]


_ROLE_ORDER = ("subject", "reported", "mentioned")


def _article_key(article: PageArticle) -> str:
    if article.title and not article.title_supplied:
        return f"{article.kicker or ''}{article.title}"
    return article.paragraphs[0].text if article.paragraphs else article.title or ""


def _version(article: PageArticle) -> str:
    """What the search index stores about an article; a change means a new index document."""
    parts = [article.kicker or "", article.title or "", article.subtitle or "", article.byline or ""]
    parts += [p.text for p in article.paragraphs] + sorted(article.zones) + sorted(article.cities)
    return ids.content_hash(*parts)


def _article_titles(session: Session, name: str) -> dict[str, str]:
    query = select(models.Article.id, models.Article.title).join(models.Source).where(models.Source.name == name)
    return {article_id: title for article_id, title in session.execute(query)}


def _paragraph_snapshot(session: Session, name: str) -> list[StoredParagraph]:
    query = (
        select(models.Paragraph.id, models.Paragraph.text, models.Paragraph.article_id)
        .join(models.Article).join(models.Source)
        .where(models.Source.name == name)
        .order_by(models.Article.ordinal, models.Paragraph.ordinal)
    )
    return [StoredParagraph(*row) for row in session.execute(query)]


def _record_redirects(
    session: Session, old: list[StoredParagraph], new: list[StoredParagraph], old_titles: dict[str, str],
    *, now: datetime,
) -> tuple[int, int]:
    live = {p.id: p for p in new}
    # A passage that came back (an edit undone, a removed file ingested again) is live
    # again, not redirected.
    session.execute(delete(models.PassageRedirect).where(models.PassageRedirect.old_id.in_(list(live))))
    session.execute(delete(models.ArticleRedirect).where(models.ArticleRedirect.old_id.in_({p.article_id for p in new})))
    if not old:
        return 0, 0
    article_successor: dict[str, str | None] = {}
    redirected = gone = 0
    aligned = successors(old, new)
    for paragraph in old:
        if paragraph.id in live:
            article_successor.setdefault(paragraph.article_id, live[paragraph.id].article_id)
            continue
        successor = aligned[paragraph.id]
        session.merge(models.PassageRedirect(
            old_id=paragraph.id, new_id=successor.id if successor else None, old_text=paragraph.text,
            article_id=paragraph.article_id, created_at=now,
        ))
        if successor:
            article_successor.setdefault(paragraph.article_id, successor.article_id)
        redirected, gone = (redirected + 1, gone) if successor else (redirected, gone + 1)
    _record_article_redirects(session, old_titles, {p.article_id for p in new}, article_successor, now)
    return redirected, gone


def _record_article_redirects(
    session: Session, old: dict[str, str], new: set[str], successor: dict[str, str | None], now: datetime
) -> None:
    for article_id in old.keys() - new:
        session.merge(models.ArticleRedirect(
            old_id=article_id, new_id=successor.get(article_id), old_title=old[article_id], created_at=now,
        ))


def successors(old: list[StoredParagraph], new: list[StoredParagraph]) -> dict[str, StoredParagraph | None]:
    """Where each old paragraph went, by aligning the two versions of the file (pure).

    Runs of identical text pair up in order, so of two copies of a repeated paragraph the
    untouched one leads to itself, not to its edited twin. An old paragraph inside a
    changed stretch goes to the most similar new one of that stretch, else of the whole
    file (it moved), else nowhere (gone).
    """
    matcher = SequenceMatcher(None, [p.text for p in old], [p.text for p in new], autojunk=False)
    found: dict[str, StoredParagraph | None] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset, paragraph in enumerate(old[i1:i2]):
            if tag == "equal":
                found[paragraph.id] = new[j1 + offset]
            else:
                found[paragraph.id] = _most_similar(paragraph, new[j1:j2]) or _most_similar(paragraph, new)
    return found


def _most_similar(paragraph: StoredParagraph, new: list[StoredParagraph]) -> StoredParagraph | None:
    """The new paragraph an edited one became: same article first, then anywhere in the file."""
    best, best_score = None, EDIT_SIMILARITY
    for candidate in sorted(new, key=lambda p: p.article_id != paragraph.article_id):
        matcher = SequenceMatcher(None, paragraph.text, candidate.text, autojunk=False)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio() + (0.05 if candidate.article_id == paragraph.article_id else 0.0)
        if score > best_score:
            best, best_score = candidate, score
    return best
