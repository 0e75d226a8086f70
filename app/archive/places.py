"""Read-side queries for browsing by place: the zone list, zone pages, city pages.

Built on the ``zones``/``cities``/``counties`` tables (the gazetteer as stored), the zones
and cities each article names with their role (``article_places``: subject, reported,
mentioned) and every mention (``mentions``). An article is *about* a zone when the zone is
its subject or reported on; a zone only mentioned lists the article below the others.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import models
from app.archive import dossier as dossiers
from app.archive.common import (
    ArticleSummary,
    PlaceRef,
    documented,
    load_articles,
    newest_first,
    shown_id,
    summarize,
)
from app.errors import NotFound
from app.records import PlaceNames

LEVEL_NAMES = {"national": "国家级", "provincial": "省级"}


@dataclass
class ZoneCount:
    """A zone in a list, with how many articles are about it."""

    slug: str = documented("Zone slug; the page is /zones/{slug}.")
    name: str = documented("Official name.")
    level: str | None = documented("'national', 'provincial' or None when unknown.")
    level_name: str | None = documented("The level in Chinese (国家级/省级), None when unknown.")
    discovered: bool = documented("True for zones found in reports that no official list has.")
    articles: int = documented("Articles about this zone (it is their subject or reported on).")
    mentions: int = documented("Further articles that name it only in passing.")


@dataclass
class CityGroup:
    """The zones of one city."""

    city: PlaceRef | None = documented("The prefecture city; None for zones not placed in a city.")
    zones: list[ZoneCount] = documented("Its zones, most written-about first.")
    articles: int = documented("Articles about any of these zones (an article may count for several).")


@dataclass
class ZonesContext:
    """Every zone of the archive (those without reports too), grouped by city."""

    cities: list[CityGroup] = documented("Groups in order of article count, then name.")
    total: int = documented("Number of zones listed.")
    reported: int = documented("Zones with at least one article about them.")


def _zone_count(zone: models.Zone, articles: int, mentions: int = 0) -> ZoneCount:
    return ZoneCount(
        slug=zone.slug, name=zone.name, level=zone.level, level_name=LEVEL_NAMES.get(zone.level or ""),
        discovered=zone.discovered, articles=articles, mentions=mentions,
    )


def _article_counts(session: Session, kind: str, *, mentioned: bool = False) -> dict[str, int]:
    """Articles per place slug: those about it, or (``mentioned``) those naming it in passing."""
    role = models.ArticlePlace.role
    rows = session.execute(
        select(models.ArticlePlace.slug, func.count())
        .where(models.ArticlePlace.kind == kind, role == "mentioned" if mentioned else role != "mentioned")
        .group_by(models.ArticlePlace.slug)
    )
    return {slug: count for slug, count in rows}


def zones_by_city(session: Session, *, every: bool = False) -> list[CityGroup]:
    """Zones with at least one article (``every``: all zones), grouped by city, busiest first."""
    counts = _article_counts(session, "zone")
    passing = _article_counts(session, "zone", mentioned=True)
    cities = {c.slug: c for c in session.scalars(select(models.City))}
    grouped: dict[str | None, list[ZoneCount]] = defaultdict(list)
    query = select(models.Zone) if every else select(models.Zone).where(models.Zone.slug.in_(list(counts)))
    for zone in session.scalars(query):
        grouped[zone.city_slug if zone.city_slug in cities else None].append(
            _zone_count(zone, counts.get(zone.slug, 0), passing.get(zone.slug, 0))
        )
    groups = [
        CityGroup(
            city=PlaceRef(slug=slug, name=cities[slug].name, kind="city") if slug else None,
            zones=sorted(zones, key=lambda z: (-z.articles, z.name)),
            articles=sum(z.articles for z in zones),
        )
        for slug, zones in grouped.items()
    ]
    # Zones without a city go last whatever their counts.
    return sorted(groups, key=lambda g: (g.city is None, -g.articles, g.city.name if g.city else ""))


def zones(session: Session) -> ZonesContext:
    """The /zones page: every zone, with how many articles are about it."""
    groups = zones_by_city(session, every=True)
    return ZonesContext(
        cities=groups,
        total=sum(len(g.zones) for g in groups),
        reported=sum(1 for g in groups for z in g.zones if z.articles),
    )


@dataclass
class CountyRef:
    """A county-level unit (区/县/县级市)."""

    slug: str = documented("County slug.")
    name: str = documented("Current name.")
    former_names: list[str] = documented("Names before the 2018–2019 renames (older reports use them).")
    mentions: int = documented("Times reports name it.")


@dataclass
class MonthCount:
    """Mentions of a zone in one month."""

    month: str = documented("YYYY-MM, or '' for undated articles.")
    mentions: int = documented("Times the zone is named in that month's articles.")
    articles: int = documented("Articles naming it that month.")


@dataclass
class ZoneContext:
    """A zone page: the zone, its articles and its neighbours."""

    slug: str = documented("Zone slug.")
    name: str = documented("Official name.")
    aliases: list[str] = documented("Short names reporters use (长治高新区 …).")
    level: str | None = documented("'national', 'provincial' or None.")
    level_name: str | None = documented("The level in Chinese, None when unknown.")
    discovered: bool = documented("True when found in reports rather than an official list.")
    catalogue_name: str | None = documented("Its name in the 2018 national catalogue, where that differs.")
    former_names: list[str] = documented("Names it had before (older reports use them).")
    approval_year: int | None = documented("Year of its approval, when a source states it.")
    merged_into: PlaceRef | None = documented("The zone it was merged into, if it was.")
    evidence: str | None = documented("Where the record's facts come from.")
    city: PlaceRef | None = documented("Its prefecture city.")
    county: CountyRef | None = documented("The county it lies in, when known.")
    counties: list[CountyRef] = documented("Every county-level unit it spans, when known.")
    articles: list[ArticleSummary] = documented(
        "Articles about it (its subject or reporting on it), newest first, each with its best passage."
    )
    mentioned_in: list[ArticleSummary] = documented("Articles that name it in passing, newest first.")
    timeline: list[MonthCount] = documented("Mentions by month, oldest first.")
    related: list[ZoneCount] = documented("Other zones of the same city, busiest first.")
    facts: list[dossiers.FactRecord] = documented(
        "What reports state about it (approval, level, area, industries, projects, firms, indicators), "
        "newest report first, each citing its passage."
    )
    dossier: list[dossiers.DossierLine] = documented("The facts by kind: latest value, earlier and conflicting ones.")


def zone(session: Session, slug: str) -> ZoneContext:
    """The zone ``slug`` (404 when no zone has it)."""
    row = session.get(models.Zone, slug)
    if row is None:
        raise NotFound(f"没有名为 {shown_id(slug)} 的开发区。")
    city = session.get(models.City, row.city_slug) if row.city_slug else None
    county = session.get(models.County, row.county_slug) if row.county_slug else None
    mentions: list[tuple[str, str | None]] = [
        (article_id, paragraph_id)
        for article_id, paragraph_id in session.execute(
            select(models.Mention.article_id, models.Mention.paragraph_id)
            .where(models.Mention.kind == "zone", models.Mention.slug == slug)
        )
    ]
    about = set(session.scalars(
        select(models.ArticlePlace.article_id).where(
            models.ArticlePlace.kind == "zone", models.ArticlePlace.slug == slug, models.ArticlePlace.role != "mentioned"
        )
    ))
    passing = set(session.scalars(
        select(models.ArticlePlace.article_id).where(models.ArticlePlace.kind == "zone", models.ArticlePlace.slug == slug)
    )) - about
    loaded = load_articles(session, [*about, *passing, *(article_id for article_id, _ in mentions)])
    places = PlaceNames(session)
    best = _best_passages(mentions)
    summaries = {
        article_id: summarize(a, places, passage=_paragraph(a, best.get(article_id))) for article_id, a in loaded.items()
    }
    ordered = [a.id for a in newest_first(list(loaded.values()))]
    counts = _article_counts(session, "zone")
    neighbours: list[models.Zone] = list(session.scalars(
        select(models.Zone).where(models.Zone.city_slug == row.city_slug, models.Zone.slug != slug)
    )) if row.city_slug else []
    merged = session.get(models.Zone, row.merged_into) if row.merged_into else None
    facts = dossiers.zone_facts(session, slug)
    spans = [c for c in (session.get(models.County, s) for s in row.counties or []) if c is not None]
    return ZoneContext(
        slug=row.slug, name=row.name, aliases=list(row.aliases or []), level=row.level,
        level_name=LEVEL_NAMES.get(row.level or ""), discovered=row.discovered,
        catalogue_name=row.catalogue_name, former_names=list(row.former_names or []),
        approval_year=row.approval_year,
        merged_into=PlaceRef(slug=merged.slug, name=merged.name, kind="zone") if merged else None,
        evidence=row.evidence,
        city=PlaceRef(slug=city.slug, name=city.name, kind="city") if city else None,
        county=_county_ref(county, 0) if county else None,
        counties=[_county_ref(c, 0) for c in spans],
        articles=[summaries[i] for i in ordered if i in about],
        mentioned_in=[summaries[i] for i in ordered if i not in about],
        timeline=_timeline(mentions, loaded),
        related=sorted((_zone_count(z, counts.get(z.slug, 0)) for z in neighbours), key=lambda z: (-z.articles, z.name)),
        facts=facts, dossier=dossiers.dossier(facts),
    )


def _best_passages(mentions: list[tuple[str, str | None]]) -> dict[str, Counter[str]]:
    # Per article: how often each paragraph names the zone (the most-naming one is "best").
    best: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, paragraph_id in mentions:
        if paragraph_id:
            best[article_id][paragraph_id] += 1
    return best


def _paragraph(article: models.Article, counts: Counter[str] | None) -> models.Paragraph | None:
    if not counts:
        return None
    ranked = [p for p in article.paragraphs if p.id in counts]
    return max(ranked, key=lambda p: (counts[p.id], -p.ordinal), default=None)


def _timeline(mentions: list[tuple[str, str | None]], loaded: dict[str, models.Article]) -> list[MonthCount]:
    per_month: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for article_id, _ in mentions:
        article = loaded.get(article_id)
        month = (article.date or "")[:7] if article else ""
        per_month[month] += 1
        articles[month].add(article_id)
    return [
        MonthCount(month=month, mentions=per_month[month], articles=len(articles[month]))
        for month in sorted(per_month, key=lambda m: (m == "", m))
    ]


def _county_ref(county: models.County, mentions: int) -> CountyRef:
    return CountyRef(slug=county.slug, name=county.name, former_names=list(county.former_names or []), mentions=mentions)


@dataclass
class CityCount:
    """A city in a list."""

    slug: str = documented("City slug; the page is /cities/{slug}.")
    name: str = documented("Official name (…市).")
    articles: int = documented("Articles about the city.")
    zones: int = documented("Zones of the city with at least one article.")


@dataclass
class CitiesContext:
    """Every prefecture city."""

    cities: list[CityCount] = documented("Cities, most written-about first.")


def cities(session: Session) -> CitiesContext:
    """All prefecture cities with their counts."""
    counts = _article_counts(session, "city")
    zone_counts = _article_counts(session, "zone")
    zones_per_city: Counter[str] = Counter(
        z.city_slug for z in session.scalars(select(models.Zone)) if z.city_slug and z.slug in zone_counts
    )
    rows = [
        CityCount(slug=c.slug, name=c.name, articles=counts.get(c.slug, 0), zones=zones_per_city[c.slug])
        for c in session.scalars(select(models.City))
    ]
    return CitiesContext(cities=sorted(rows, key=lambda c: (-c.articles, c.slug)))


@dataclass
class CityContext:
    """A city page: its counties, its zones and the articles about it."""

    slug: str = documented("City slug.")
    name: str = documented("Official name.")
    code: str | None = documented("Administrative division code, when known.")
    counties: list[CountyRef] = documented("Its county-level units, most named first, then by name.")
    zones: list[ZoneCount] = documented("Its zones, most written-about first (zones without articles too).")
    articles: list[ArticleSummary] = documented("Articles about the city, newest first.")
    zone_facts: list[dossiers.ZoneKeyFacts] = documented("Its zones' key facts from the reports (zones with any).")


def city(session: Session, slug: str) -> CityContext:
    """The city ``slug`` (404 when no city has it)."""
    row = session.get(models.City, slug)
    if row is None:
        raise NotFound(f"没有名为 {shown_id(slug)} 的城市。")
    county_rows = session.scalars(select(models.County).where(models.County.city_slug == slug)).all()
    county_mentions = dict(session.execute(
        select(models.Mention.slug, func.count())
        .where(models.Mention.kind == "county", models.Mention.slug.in_([c.slug for c in county_rows]))
        .group_by(models.Mention.slug)
    ).all())
    counts = _article_counts(session, "zone")
    zone_rows = session.scalars(select(models.Zone).where(models.Zone.city_slug == slug)).all()
    about = session.scalars(
        select(models.ArticlePlace.article_id).where(models.ArticlePlace.kind == "city", models.ArticlePlace.slug == slug)
    ).all()
    loaded = load_articles(session, about)
    places = PlaceNames(session)
    zones = sorted((_zone_count(z, counts.get(z.slug, 0)) for z in zone_rows), key=lambda z: (-z.articles, z.name))
    return CityContext(
        slug=row.slug, name=row.name, code=row.code,
        counties=sorted(
            (_county_ref(c, county_mentions.get(c.slug, 0)) for c in county_rows), key=lambda c: (-c.mentions, c.slug)
        ),
        zones=zones,
        articles=[summarize(a, places) for a in newest_first(list(loaded.values()))],
        zone_facts=dossiers.city_table(session, [PlaceRef(slug=z.slug, name=z.name, kind="zone") for z in zones]),
    )
