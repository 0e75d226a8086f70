"""The search: a query string and filters in, one ranked result per article out.

:func:`search` parses the query (:mod:`app.search.query`), finds every article holding
each literal through the gram fields (:mod:`app.search.matching` — exact, so a literal
substring is never missed and pieces never match), keeps only documents whose key the
database names (an ingest may be half-way), ranks, counts facets, and builds the page's
hits from the database rows: the best passage, marked by :mod:`app.search.snippets`.

Ranking, per positive clause, weighted by the clause's rarity (idf): BM25 of its
occurrences in the article; a bonus when it is in the title (more) or kicker/subtitle;
a bonus when it names or is part of the name of one of the article's own zones (most for
the article's first zone) or cities; and a small BM25 term for jieba's words, which
prefers the word standing alone (化工) over inside another (煤化工).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import session_scope
from app.models import Article, ArticlePlace, City, Paragraph, Source, Zone
from app.search import engine, fallback, filters, ranking, tantivy_index, tantivy_search
from app.search.analyzer import literal_chars
from app.search.index_reader import open_searcher
from app.search.matching import Leaf, leaves
from app.search.query import Clause, CountyNames, Names, ParsedQuery, ZoneNames, parse
from app.search.snippets import best_passage, find_spans, mark, snippet
from app.search.thesaurus import pinyin_places

FACET_LIMIT = 30


@dataclass(frozen=True)
class SearchParams:
    """What a search asks: the query string, filters, order and page."""

    q: str
    #: Filter name → value, for the filters of :data:`app.search.filters.FILTERS` that are set.
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = "relevance"  # relevance | date | oldest
    page: int = 1
    per_page: int = 20
    #: Facets cost a pass over every match; exports and other pagers that never show them
    #: ask without.
    facets: bool = True


@dataclass
class SearchHit:
    """One article: its best passage with the hits marked, and where it leads."""

    article_id: str
    title: str
    date: str | None
    zones: list[dict[str, str]]
    source: str | None
    passage: dict[str, str] | None  # {"id": paragraph id, "snippet_html": …}
    url: str
    title_html: str = ""
    score: float = 0.0
    #: How the article matched: literal | expansion | literal_ignoring_punctuation |
    #: words_same_sentence | words_same_paragraph | words | most_words.
    match: str = "literal"
    coverage: str = ""  # in the most-words tier: words held / words asked, e.g. "2/3"
    index_key: str = ""


@dataclass
class Explanation:
    """How the query was read: ``text`` for people, ``clauses`` for machines."""

    text: str
    clauses: list[dict[str, Any]] = field(default_factory=list)
    #: How the results matched: ``tier`` (literal | words | most), the ``literal`` strings,
    #: the separate ``words`` asked for, the ``expansions`` and the ``places`` linked.
    matched: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchResults:
    """A page of results plus the whole result set's facets."""

    query: str
    total: int
    page: int
    per_page: int
    results: list[SearchHit]
    facets: dict[str, list[tuple[str, str, int]]]  # facet (filters.FACETS) → (value, label, count)
    explanation: Explanation
    suggestions: list[dict[str, str]]  # {"kind", "slug", "name", "url"}
    #: ``total`` is a lower bound, not an exact count (the most-words tier past its candidates).
    total_estimated: bool = False


def search(settings: Settings, params: SearchParams) -> SearchResults:
    """Runs ``params`` against the archive at ``settings``; never raises for any query text."""
    with session_scope(settings) as session:
        names, labels = _names(session)
        typed = parse(params.q, names)

        def run(parsed: ParsedQuery, asked: SearchParams) -> tuple[int, list[ranking.Found], dict[str, Any]]:
            return _run(settings, session, parsed, asked, names, labels)

        outcome = fallback.run_tiers(typed, names, params, run, lambda keys: _texts(session, keys))
        parsed, total, page, facets = outcome.parsed, outcome.total, outcome.found, outcome.facets
        if outcome.tier == "literal":
            outcome.notes = fallback.literal_notes(parsed, _texts(session, [item.key for item in page]))
        hits = _hits(session, parsed, page, labels)
        for hit in hits:
            hit.match, hit.coverage = outcome.notes.get(hit.index_key, ("literal", ""))
    return SearchResults(
        query=params.q,
        total=total,
        page=params.page,
        per_page=params.per_page,
        results=hits,
        facets=facets,
        explanation=_explain(parsed, outcome),
        suggestions=_suggestions(typed),
        total_estimated=outcome.estimated,
    )


def _run(
    settings: Settings, session: Session, parsed: ParsedQuery, params: SearchParams, names: Names,
    labels: dict[str, dict[str, str]],
) -> tuple[int, list[ranking.Found], dict[str, list[tuple[str, str, int]]]]:
    """One engine pass: (exact total, the page asked for, facets)."""
    # An archive indexed before tantivy was the default keeps answering from Whoosh
    # until its next ingest fills the tantivy index.
    if engine.current() == "tantivy" and tantivy_index.open_index(settings.index_dir) is not None:
        limit = FACET_LIMIT if params.facets else 0
        answer = tantivy_search.run(session, settings.index_dir, parsed, names, params, facet_limit=limit)
        return answer.total, answer.found, _labelled(answer.facets, labels)
    return _whoosh_page(settings, session, parsed, params, names, labels)


def _texts(session: Session, keys: list[str]) -> dict[str, list[str]]:
    """Index key → the article's title block and paragraph texts (for the tiers' checks)."""
    if not keys:
        return {}
    found: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    for row in session.execute(select(Article.id, Article.index_key, Article.title, Article.kicker, Article.subtitle)
                               .where(Article.index_key.in_(keys))):
        ids[row.id] = row.index_key
        found[row.index_key] = [text for text in (row.title, row.kicker, row.subtitle) if text]
    for paragraph in session.execute(select(Paragraph.article_id, Paragraph.text)
                                     .where(Paragraph.article_id.in_(list(ids))).order_by(Paragraph.ordinal)):
        found[ids[paragraph.article_id]].append(paragraph.text)
    return found


def _whoosh_page(
    settings: Settings, session: Session, parsed: ParsedQuery, params: SearchParams, names: Names,
    labels: dict[str, dict[str, str]],
) -> tuple[int, list[ranking.Found], dict[str, list[tuple[str, str, int]]]]:
    """The Whoosh engine: every match scored in Python, then sorted and paged."""
    db_keys = set(session.scalars(select(Article.index_key)))
    found = _find(settings, parsed, params, db_keys, names)
    ranking.order(found, params.sort)
    start = (max(params.page, 1) - 1) * params.per_page
    return len(found), found[start : start + params.per_page], _facets(found, labels)


def _find(
    settings: Settings, parsed: ParsedQuery, params: SearchParams, db_keys: set[str], names: Names
) -> list[ranking.Found]:
    if not parsed.clauses:
        return []
    with open_searcher(settings.index_dir) as searcher:
        if searcher is None:
            return []
        matches = []
        for leaf in leaves(searcher):
            live = _filtered(leaf, params, db_keys)
            if live:
                matches.append(ranking.match(leaf, parsed, live))
        found = ranking.score(matches, parsed, names)
    # Two segments may hold the same key only mid-update; keep the better-scored copy.
    best: dict[str, ranking.Found] = {}
    for item in found:
        if item.key not in best or item.score > best[item.key].score:
            best[item.key] = item
    return list(best.values())


def _filtered(leaf: Leaf, params: SearchParams, db_keys: set[str]) -> set[int]:
    """Live documents of the leaf that the database names and the filters allow."""
    data = leaf.data
    docs = {doc for doc in leaf.live() if data.keys[doc] in db_keys}
    for name, wanted in params.filters.items():
        item = filters.BY_NAME[name]
        values = data.values[item.field]
        docs = {doc for doc in docs if filters.holds(item, values[doc], wanted)}
    return docs


_ZONES_FINGERPRINT = select(func.count(Zone.slug), func.sum(func.length(Zone.name)),
                            func.sum(func.length(cast(Zone.aliases, String))))
_CITIES_FINGERPRINT = select(func.count(City.slug), func.sum(func.length(City.name)))
_names_cache: dict[tuple[Any, ...], tuple[Names, dict[str, dict[str, str]]]] = {}


def _names(session: Session) -> tuple[Names, dict[str, dict[str, str]]]:
    """:func:`_load_names`, kept while the place tables keep their fingerprint: reading and
    building them cost more than the search itself."""
    fingerprint = (
        str(session.get_bind().engine.url),
        *session.execute(_ZONES_FINGERPRINT).one(),
        *session.execute(_CITIES_FINGERPRINT).one(),
    )
    found = _names_cache.get(fingerprint)
    if found is None:
        if len(_names_cache) > 8:
            _names_cache.clear()
        found = _names_cache[fingerprint] = _load_names(session)
    return found


def _load_names(session: Session) -> tuple[Names, dict[str, dict[str, str]]]:
    """The query language's place names and slug → label tables, gazetteer plus database."""
    zones: dict[str, ZoneNames] = {}
    cities: dict[str, str] = {}
    try:
        from app.places import load_gazetteer

        gazetteer = load_gazetteer()
        zones = {z.slug: ZoneNames(z.slug, z.name, (z.name, *z.aliases)) for z in gazetteer.zones}
        cities = {c.slug: c.name for c in gazetteer.cities}
    except Exception:  # noqa: BLE001 - the database's own tables still work without it
        pass
    for zone in session.scalars(select(Zone)):
        zones[zone.slug] = ZoneNames(zone.slug, zone.name, (zone.name, *(zone.aliases or [])))
    for city in session.scalars(select(City)):
        cities[city.slug] = city.name
    labels = {
        "zone": {slug: zone.name for slug, zone in zones.items()},
        "city": dict(cities),
    }
    names = Names.build(zones.values(), cities.items())
    _add_counties(names, zones)
    return names, labels


def _add_counties(names: Names, zones: dict[str, ZoneNames]) -> None:
    """The gazetteer's counties (all their names) and the pinyin of every place name."""
    try:
        from app.places import load_gazetteer

        gazetteer = load_gazetteer()
    except Exception:  # noqa: BLE001 - places without the gazetteer: cities and zones still work
        return
    for county in gazetteer.counties:
        in_county = tuple(zones[z.slug] for z in gazetteer.zones_of_county(county.slug) if z.slug in zones)
        entry = CountyNames(county.slug, county.name, county.names, county.city_slug, in_county)
        for name in county.names:
            if len(name) >= 2:
                names.counties.setdefault(literal_chars(name), entry)
    shorts = [c.short for c in gazetteer.cities] + [c.short for c in gazetteer.counties if c.short]
    names.pinyin.update(pinyin_places(shorts))


def _facets(found: list[ranking.Found], labels: dict[str, dict[str, str]]) -> dict[str, list[tuple[str, str, int]]]:
    counters: dict[str, Counter[str]] = {name: Counter() for name in filters.FACETS}
    for item in found:
        for name, index_field in filters.FACETS.items():
            counters[name].update(item.facets.get(index_field, ()))
    ordered = {name: sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:FACET_LIMIT]
               for name, counter in counters.items()}
    return _labelled(ordered, labels)


def _labelled(
    counts: dict[str, list[tuple[str, int]]], labels: dict[str, dict[str, str]]
) -> dict[str, list[tuple[str, str, int]]]:
    """(value, count) facet lists with each value's label: (value, label, count)."""
    facets = {}
    for name in filters.FACETS:
        table = labels.get(name, {})
        facets[name] = [(value, table.get(value, value), count) for value, count in counts.get(name, [])]
    return facets


def _hits(session: Session, parsed: ParsedQuery, page: list[ranking.Found], labels: dict[str, dict[str, str]]) -> list[SearchHit]:
    # Plain rows, not ORM objects: building ~500 instances per page cost more than the search.
    if not page:
        return []
    keys = [item.key for item in page]
    articles = {row.index_key: row for row in session.execute(
        select(Article.id, Article.index_key, Article.title, Article.date, Source.name.label("source"))
        .join(Source, Source.id == Article.source_id).where(Article.index_key.in_(keys))
    )}
    ids = [row.id for row in articles.values()]
    paragraphs: dict[str, list[Any]] = {article_id: [] for article_id in ids}
    for paragraph in session.execute(
        select(Paragraph.id, Paragraph.article_id, Paragraph.text).where(Paragraph.article_id.in_(ids))
        .order_by(Paragraph.article_id, Paragraph.ordinal)
    ):
        paragraphs[paragraph.article_id].append(paragraph)
    zones: dict[str, list[str]] = {article_id: [] for article_id in ids}
    for place in session.execute(
        select(ArticlePlace.article_id, ArticlePlace.slug).where(ArticlePlace.article_id.in_(ids), ArticlePlace.kind == "zone", ArticlePlace.role != "mentioned")
        .order_by(ArticlePlace.article_id, ArticlePlace.ordinal)
    ):
        zones[place.article_id].append(place.slug)
    clause_literals = [clause.matching for clause in parsed.positive]
    every_literal = [literal for literals in clause_literals for literal in literals]
    hits = []
    for item in page:
        article = articles.get(item.key)
        if article is not None:
            zone_refs = [{"slug": slug, "name": labels["zone"].get(slug, slug)} for slug in zones[article.id]]
            hits.append(_hit(article, paragraphs[article.id], zone_refs, item.score, clause_literals, every_literal))
    return hits


def _hit(
    article: Any, paragraphs: list[Any], zones: list[dict[str, str]], score: float,
    clause_literals: list[list[str]], every_literal: list[str],
) -> SearchHit:
    best = best_passage([p.text for p in paragraphs], clause_literals)
    passage: dict[str, str] | None = None
    if best is not None:
        chosen = paragraphs[best.index]
        passage = {"id": chosen.id, "snippet_html": snippet(chosen.text, best.spans)}
    elif paragraphs:
        passage = {"id": paragraphs[0].id, "snippet_html": snippet(paragraphs[0].text, [])}
    return SearchHit(
        article_id=article.id,
        title=article.title,
        date=article.date,
        zones=zones,
        source=article.source,
        passage=passage,
        url=f"/p/{passage['id']}" if passage else f"/articles/{article.id}",
        title_html=mark(article.title, find_spans(article.title, every_literal)),
        score=round(score, 4),
        index_key=article.index_key,
    )


_TIER_TEXT = {
    "literal": "",
    "words": "没有找到完整的字面匹配，以下按分词匹配（须含全部词语）：",
    "most": "没有同时包含全部词语的文章，以下为包含大部分词语的文章：",
}


def _explain(parsed: ParsedQuery, outcome: fallback.Outcome) -> Explanation:
    clauses = [
        {"text": c.text, "literals": c.literals, "words": c.words, "exclude": c.exclude,
         "zone": c.zone.slug if c.zone else None, "city": c.city[0] if c.city else None,
         "expansions": c.expansions, "linked_zones": sorted({*c.linked_zones, *([c.linked_zone] if c.linked_zone else [])}),
         "linked_cities": c.linked_cities}
        for c in parsed.clauses
    ]
    positive = parsed.positive
    matched = {
        "tier": outcome.tier,
        "literal": [lit for c in positive for lit in c.literals] if outcome.tier == "literal" else [],
        "words": outcome.words,
        "expansions": [e for c in positive for e in c.expansions],
        "places": [name for c in positive for name in _place_names(c)],
    }
    return Explanation(text=_TIER_TEXT[outcome.tier] + parsed.explain(), clauses=clauses, matched=matched)


def _place_names(clause: Clause) -> list[str]:
    found = [clause.city[1]] if clause.city else []
    if clause.county is not None:
        found.append(clause.county.name)
    return found


def _suggestions(parsed: ParsedQuery) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for clause in parsed.positive:
        if clause.zone is not None:
            z = clause.zone
            seen.setdefault(("zone", z.slug), {"kind": "zone", "slug": z.slug, "name": z.name, "url": f"/zones/{z.slug}"})
        if clause.city is not None:
            slug, name = clause.city
            seen.setdefault(("city", slug), {"kind": "city", "slug": slug, "name": name, "url": f"/cities/{slug}"})
        if clause.county is not None and clause.zone is None:
            # A bare county name (交城) leads to the zones lying in it (交城经济开发区).
            for z in clause.county.zones:
                seen.setdefault(("zone", z.slug), {"kind": "zone", "slug": z.slug, "name": z.name,
                                                   "url": f"/zones/{z.slug}"})
    return list(seen.values())


def results_json(results: SearchResults) -> dict[str, Any]:
    """The contract's ``/api/search`` answer (plus facets, explanation and suggestions)."""
    return {
        "query": results.query,
        "total": results.total,
        "total_estimated": results.total_estimated,
        "page": results.page,
        "per_page": results.per_page,
        "results": [_hit_json(hit) for hit in results.results],
        "facets": {name: [{"value": v, "label": label, "count": n} for v, label, n in values]
                   for name, values in results.facets.items()},
        "explanation": {"text": results.explanation.text, "clauses": results.explanation.clauses,
                        "matched": results.explanation.matched},
        "suggestions": results.suggestions,
    }


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        "title_html": hit.title_html,
        "date": hit.date,
        "zones": hit.zones,
        "source": hit.source,
        "passage": hit.passage,
        "url": hit.url,
        "score": hit.score,
        "match": hit.match,
        "coverage": hit.coverage or None,
    }


def iter_all(settings: Settings, params: SearchParams, *, page_size: int = 100) -> Iterator[SearchHit]:
    """Every hit of a search, a page at a time (for exports and the CLI)."""
    page = 1
    while True:
        results = search(settings, SearchParams(**{**params.__dict__, "page": page, "per_page": page_size,
                                                   "facets": False}))
        yield from results.results
        if page * page_size >= results.total or not results.results:
            return
        page += 1
