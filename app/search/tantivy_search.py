"""A parsed query run on the tantivy index: exact total, one page by score or date, facets.

Matching is the same as :mod:`app.search.ranking`'s: each positive clause must match one of
its literals (a character: a ``g1`` term; two: a ``g2`` term; more: a ``g2`` phrase of the
covering bigrams at their offsets — exact, see :mod:`app.search.tantivy_index`), a linked
zone also satisfies its clause, negative clauses exclude. Tantivy's BM25 of those literal
queries ranks, plus boosted optional clauses in the spirit of the Whoosh ranking: the
literal in the title (more) or kicker/subtitle, the article filed under a zone or city the
clause names (more for its first zone), jieba's words of the clause in the body.

The whole search is compiled Rust: counting (exact, every time), collecting the top of
the page and the facet aggregations never pass a posting through Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Article
from app.search import ranking
from app.search.analyzer import covering_bigrams
from app.search.filters import BY_NAME, FACETS, FIELD
from app.search.query import Clause, Names, ParsedQuery
from app.search.tantivy_index import index_path, indexed_keys, open_index

Occur = tantivy.Occur
Query = tantivy.Query

#: Scales the constant bonuses (zone, city) to the size of a typical clause's BM25 score.
BONUS_SCALE = 2.0
#: Facet name → the raw field counted (the filter table's facets).
FACET_FIELDS = FACETS


@dataclass
class Page:
    """What one search found: the exact total, the page asked for, facet counts."""

    total: int
    found: list[ranking.Found]
    facets: dict[str, list[tuple[str, int]]]


def literal_query(schema: Any, literal: str, one: str, two: str) -> Any:
    """Documents whose fields ``one`` (characters) / ``two`` (bigrams) hold ``literal``."""
    if len(literal) == 1:
        return Query.term_query(schema, one, literal)
    if len(literal) == 2:
        return Query.term_query(schema, two, literal)
    return Query.phrase_query(schema, two, list(covering_bigrams(literal)))


def _any(queries: list[Any]) -> Any:
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Should, q) for q in queries])


def clause_match(schema: Any, clause: Clause, searcher: Any = None) -> Any:
    """The documents satisfying one clause (any of its literals, or its linked zone)."""
    queries = [literal_query(schema, literal, "g1", "g2") for literal in clause.literals]
    queries += _punctuated(schema, clause, searcher)
    queries += [Query.boost_query(literal_query(schema, literal, "g1", "g2"), ranking.EXPANSION_WEIGHT)
                for literal in clause.matching[len(clause.literals):]]
    zones = sorted({*clause.linked_zones, *([clause.linked_zone] if clause.linked_zone else [])})
    for field, values in (("zone", zones), ("city", sorted(clause.linked_cities))):
        if values:
            queries.append(Query.const_score_query(Query.term_set_query(schema, field, values), 0.0))
    return _any(queries)


def _punctuated(schema: Any, clause: Clause, searcher: Any) -> list[Any]:
    """The articles printing the clause's literal with punctuation inside (``also_keys``),
    scored as BM25 would score the literal's phrase there (its bigrams' idf, its count)."""
    if not clause.also_keys or searcher is None or len(clause.literals[0]) < 3:
        return []
    total = max(searcher.num_docs, 1)
    idf = 0.0
    for _, gram in covering_bigrams(clause.literals[0]):
        df = searcher.doc_freq("g2", gram)
        idf += math.log(1 + (total - df + 0.5) / (df + 0.5))
    by_count: dict[int, list[str]] = {}
    for key, count in clause.also_keys.items():
        by_count.setdefault(count, []).append(key)
    return [Query.const_score_query(Query.term_set_query(schema, "key", sorted(keys)),
                                    idf * count * (ranking.K1 + 1) / (count + ranking.K1))
            for count, keys in sorted(by_count.items())]


def _bonuses(schema: Any, clause: Clause, names: Names) -> list[Any]:
    found = []
    for one, two, weight in (("t1", "t2", ranking.TITLE_BONUS), ("h1", "h2", ranking.HEAD_BONUS)):
        queries = [literal_query(schema, literal, one, two) for literal in clause.literals]
        found.append(Query.boost_query(_any(queries), weight))
    zones = sorted(ranking._zones_containing(clause, names))
    cities = sorted(ranking._cities_containing(clause, names))
    for field, values, weight in (("zone", zones, ranking.ZONE_BONUS), ("zone1", zones, ranking.PRIMARY_ZONE_BONUS),
                                  ("city", cities, ranking.CITY_BONUS)):
        if values:
            found.append(Query.const_score_query(Query.term_set_query(schema, field, values), weight * BONUS_SCALE))
    return found


def _word_bonuses(schema: Any, clauses: Iterable[Clause]) -> list[Any]:
    words = ranking._words(clauses)
    return [Query.boost_query(Query.term_query(schema, "words", word), ranking.WORD_WEIGHT) for word in words]


def filters(schema: Any, values: Mapping[str, str]) -> list[Any]:
    """Score-free queries for the search's filters (:data:`app.search.filters.FILTERS`, by
    name); documents without a date fail a date range."""
    found = []
    for name, value in values.items():
        item = BY_NAME[name]
        if not FIELD[item.field].is_date:
            found.append(Query.term_query(schema, item.field, value))
        else:
            day = _date_int(value)
            low, high = {"is": (day, day), "from": (day, None), "to": (1, day)}[item.op]
            found.append(Query.range_query(schema, item.field, tantivy.FieldType.Integer, low, high))
    return [Query.const_score_query(query, 0.0) for query in found]


def _date_int(value: str) -> int:
    digits = "".join(char for char in value if char.isdigit())[:8]
    return int(digits.ljust(8, "0")) if digits else 0


def build(schema: Any, parsed: ParsedQuery, names: Names, limits: list[Any], excluded: list[str],
          searcher: Any = None) -> tuple[Any, Any]:
    """(ranking query, matching-only query) for ``parsed`` under the filter queries ``limits``."""
    required = [(Occur.Must, clause_match(schema, clause, searcher)) for clause in parsed.positive]
    if not required:
        required = [(Occur.Must, Query.const_score_query(Query.all_query(), 0.0))]
    required += [(Occur.Must, query) for query in limits]
    for clause in parsed.negative:
        required += [(Occur.MustNot, literal_query(schema, literal, "g1", "g2")) for literal in clause.literals]
    if excluded:
        required.append((Occur.MustNot, Query.term_set_query(schema, "key", excluded)))
    optional = [q for clause in parsed.positive for q in _bonuses(schema, clause, names)]
    optional += _word_bonuses(schema, parsed.positive)
    matching = Query.boolean_query(required)
    ranked = Query.boolean_query(required + [(Occur.Should, q) for q in optional]) if optional else matching
    return ranked, matching


def excluded_keys(session: Session, index_dir: Path, searcher: Any) -> list[str]:
    """Index keys the database does not name (only between an ingest's index and database
    commits, or after a kill there): searched around, so totals stay exact.

    Ingest adds to the index before the database commits and deletes after, so the index
    holds every database key; equal counts therefore mean equal sets, and the full
    comparison runs only when the counts differ.
    """
    in_db = session.scalar(select(func.count()).select_from(Article)) or 0
    if in_db == searcher.num_docs:
        return []
    return sorted(indexed_keys(index_dir) - set(session.scalars(select(Article.index_key))))


def run(session: Session, index_dir: Path, parsed: ParsedQuery, names: Names, params: Any,
        *, facet_limit: int) -> Page:
    """The page of ``params`` (a ``SearchParams``) with the exact total and the facets."""
    index = open_index(index_dir)
    if index is None or not parsed.clauses or not index_path(index_dir).is_dir():
        return Page(0, [], {})
    index.reload()
    searcher = index.searcher()
    schema = index.schema
    limits = filters(schema, params.filters)
    ranked, matching = build(schema, parsed, names, limits, excluded_keys(session, index_dir, searcher), searcher)
    per_page = max(params.per_page, 1)
    offset = (max(params.page, 1) - 1) * per_page
    if params.sort == "date":
        result = searcher.search(matching, per_page, count=True, order_by_field="date", offset=offset,
                                 order=tantivy.Order.Desc)
        hits, total = list(result.hits), result.count or 0
    elif params.sort == "oldest":
        hits, total = _oldest_first(searcher, schema, matching, per_page, offset)
    else:
        result = searcher.search(ranked, per_page, count=True, offset=offset)
        hits, total = list(result.hits), result.count or 0
    found = [_found(searcher, value, address, by_date=params.sort != "relevance") for value, address in hits]
    facets = _facets(searcher, matching, facet_limit) if total and facet_limit else {}
    return Page(total, found, facets)


def _oldest_first(searcher: Any, schema: Any, matching: Any, per_page: int, offset: int) -> tuple[list[Any], int]:
    """Dated matches oldest first, then the undated ones (stored as date 0, which a plain
    ascending order would put first)."""
    def within(low: int, high: int) -> Any:
        dates = Query.range_query(schema, "date", tantivy.FieldType.Integer, low, high)
        return Query.boolean_query([(tantivy.Occur.Must, matching), (tantivy.Occur.Must, dates)])

    dated = searcher.search(within(1, 99991231), per_page, count=True, order_by_field="date", offset=offset,
                            order=tantivy.Order.Asc)
    dated_total = dated.count or 0
    hits = list(dated.hits)
    undated = within(0, 0)
    if len(hits) < per_page:
        rest = searcher.search(undated, per_page - len(hits), count=False, offset=max(0, offset - dated_total))
        hits += list(rest.hits)
    return hits, dated_total + searcher.search(undated, 1, count=True).count


def _found(searcher: Any, value: Any, address: Any, *, by_date: bool) -> ranking.Found:
    key = searcher.doc(address)["key"][0]
    return ranking.Found(key=key, score=0.0 if by_date else float(value), date="", source="", zones=(), cities=())


def _facets(searcher: Any, matching: Any, limit: int) -> dict[str, list[tuple[str, int]]]:
    # A few more buckets than shown, then ties broken by value as the Whoosh path does.
    size = limit + 20
    spec = {name: {"terms": {"field": field, "size": size, "segment_size": size * 10}}
            for name, field in FACET_FIELDS.items()}
    answer = searcher.aggregate(matching, spec)
    facets = {}
    for name in FACET_FIELDS:
        buckets = [(str(b["key"]), int(b["doc_count"])) for b in answer.get(name, {}).get("buckets", [])]
        facets[name] = sorted(buckets, key=lambda pair: (-pair[1], pair[0]))[:limit]
    return facets
