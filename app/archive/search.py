"""The search page's context: the search service's results plus what a page needs around them.

:func:`parse_params` validates the URL's parameters (422 through :class:`BadParameter`);
:func:`search_page` runs the one search and returns a :class:`SearchPageContext` whose
``api`` field is the contract's ``/api/search`` answer, so the page and its JSON twin come
from the same call. Facets become filter links that keep every other parameter in the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from html import escape
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import models
from app.archive.common import FilterChip, PlaceRef, documented, shown_id
from app.config import Settings
from app.errors import BadParameter
from app.search.analyzer import fold
from app.search.filters import BY_NAME, ranges
from app.search.filters import FILTERS as SEARCH_FILTERS
from app.search.service import SearchHit, SearchParams, SearchResults, results_json, search
from app.templating import zh_date

#: URL parameters a search page keeps when it builds links, in URL order.
FILTERS = ("q", *(item.name for item in SEARCH_FILTERS), "sort", "per_page")
#: Facet name → its heading (the filter table's facets, in its order).
FACET_LABELS = {item.name: item.facet for item in SEARCH_FILTERS if item.facet}
#: The contract's orders, and what the search service calls them ("date" stays an alias of newest).
SORTS = {"relevance": "relevance", "newest": "date", "oldest": "oldest", "date": "date"}
SORT_LABELS = {"relevance": "相关度", "newest": "最新在前", "oldest": "最早在前"}


def parse_params(
    *, q: str, filters: Mapping[str, str | None], sort: str, page: int, per_page: int, max_per_page: int,
) -> SearchParams:
    """The service's parameters from the URL's; ``filters`` are named as in
    :data:`app.search.filters.FILTERS`, each checked by its own rule."""
    if not 1 <= per_page <= max_per_page:
        raise BadParameter(f"per_page 应在 1 到 {max_per_page} 之间。", parameters=["per_page"])
    if page < 1:
        raise BadParameter("page 应不小于 1。", parameters=["page"])
    if sort not in SORTS:
        raise BadParameter("sort 只能是 relevance、newest 或 oldest。", parameters=["sort"])
    values = {name: value for name, value in filters.items() if value}
    for name, value in values.items():
        item = BY_NAME[name]
        if item.valid is not None and not item.valid(value):
            raise BadParameter(item.error.format(name=name), parameters=[name])
    for low, high in ranges(values):
        if values[low.name] > values[high.name]:
            raise BadParameter(f"{low.name} 不能晚于 {high.name}。", parameters=[low.name, high.name])
    return SearchParams(q=q, filters=values, sort=SORTS[sort], page=page, per_page=per_page)


def _zone_slug(session: Session, value: str) -> str:
    if session.get(models.Zone, value) is not None:
        return value
    slug = next((z.slug for z in session.scalars(select(models.Zone)) if value in (z.name, *(z.aliases or []))), None)
    if slug is None:
        raise BadParameter(f"没有名为 {shown_id(value)} 的开发区。", parameters=["zone"])
    return slug


def _city_slug(session: Session, value: str) -> str:
    if session.get(models.City, value) is not None:
        return value
    slug = session.scalar(select(models.City.slug).where(models.City.name.in_([value, f"{value}市"])))
    if slug is None:
        raise BadParameter(f"没有名为 {shown_id(value)} 的城市。", parameters=["city"])
    return str(slug)


#: Filter kind → how a value given by name becomes the slug the index holds.
_RESOLVE: dict[str, Callable[[Session, str], str]] = {"zone": _zone_slug, "city": _city_slug}


def resolve_places(session: Session, params: SearchParams) -> SearchParams:
    """``zone``/``city`` given by slug, official name or alias, as slugs; unknown ones are a
    bad parameter (422), not a silently empty result."""
    values = dict(params.filters)
    for name, value in params.filters.items():
        resolve = _RESOLVE.get(BY_NAME[name].kind)
        if resolve is not None:
            values[name] = resolve(session, value)
    return replace(params, filters=values)


@dataclass
class Hit:
    """One result: an article and its best passage with the query's words marked."""

    article_id: str = documented("Article id.")
    title: str = documented("Article title.")
    title_html: str = documented("The title, escaped, with hits in <mark> (rendered unescaped).")
    date: str | None = documented("Article date, YYYY-MM-DD.")
    zones: list[PlaceRef] = documented("Zones the article is about.")
    source: str | None = documented("Source file name.")
    publication: str | None = documented("The paper the page names (None when it names none).")
    page: str | None = documented("The page label as printed (版次), if known.")
    passage_id: str | None = documented("The best passage's paragraph id.")
    snippet_html: str = documented("The passage, escaped, with hits in <mark>: the one string rendered unescaped.")
    url: str = documented("Where the result leads: the passage permalink /p/{id}.")
    match_note: str = documented("How it matched when not literally: by expansion, ignoring punctuation, "
                                 "as separate words (same sentence/paragraph) or most words with coverage; '' when literal.")


@dataclass
class FacetValue:
    """One value of a facet, as a filter link."""

    value: str = documented("The filter value (slug, year or file name).")
    label: str = documented("What the reader sees.")
    count: int = documented("Matching articles with this value.")
    url: str = documented("This search with the filter set (or cleared, when active); '' for 日期不详, which is a count only.")
    active: bool = documented("True when the search is already filtered by this value.")


@dataclass
class Facet:
    """Counts of the matching articles by one property."""

    name: str = documented("'zone', 'city', 'year' or 'source'.")
    label: str = documented("The facet's Chinese heading.")
    values: list[FacetValue] = documented("Values, most articles first.")


@dataclass
class PageLink:
    """A pagination link."""

    number: int = documented("Page number (1-based).")
    url: str = documented("This search at that page.")
    current: bool = documented("True for the page shown.")


@dataclass
class SearchPageContext:
    """The /search page: query, results, facets, pagination, explanation and help."""

    q: str = documented("The query as typed.")
    filters: dict[str, str] = documented("Active URL parameters (q, zone, city, year, source, dates, sort).")
    total: int = documented("Matching articles.")
    total_estimated: bool = documented("True when total is a lower bound (most-words matches beyond the "
                                       "candidates read), shown as 至少.")
    page: int = documented("Page shown (1-based).")
    per_page: int = documented("Results per page.")
    pages: list[PageLink] = documented("Pagination links around the current page (empty for one page).")
    prev_url: str | None = documented("The previous page, if any.")
    next_url: str | None = documented("The next page, if any.")
    hits: list[Hit] = documented("This page's results, best first (or newest first with sort=date).")
    facets: list[Facet] = documented("Facet counts as filter links.")
    undated: int = documented("Matching articles whose date is unknown (the year facet's 日期不详 bucket).")
    chips: list[FilterChip] = documented("Applied filters (place, year, page, date range) as removable chips.")
    sort: str = documented("The order shown: relevance, newest or oldest.")
    sorts: list[PageLink] = documented("The three orders as links (number unused: 0); current marks the one shown.")
    explanation: str = documented("How the query was read: segmentation, folding, expansion.")
    suggestions: list[PlaceRef] = documented("Zones or cities the query names: their pages are offered.")
    hints: list[PlaceRef] = documented("With no results: zones whose names share a place name with the query.")
    api: dict[str, Any] = documented("The contract's /api/search answer for the same call.")


def search_url(filters: Mapping[str, str], **changes: str | int | None) -> str:
    """``/search`` with ``filters`` updated by ``changes`` (None drops one), page last."""
    merged: dict[str, Any] = {**filters, **changes}
    query = [(key, merged[key]) for key in (*FILTERS, "page") if merged.get(key) not in (None, "", 1, "1")]
    return "/search?" + urlencode(query) if query else "/search"


def search_page(
    settings: Settings, session: Session, params: SearchParams, filters: dict[str, str]
) -> SearchPageContext:
    """Run the search ``params`` describe; ``filters`` are the URL's parameters for links."""
    results: SearchResults = search(settings, params)
    shown = {v for v, _, _ in results.facets.get("source", [])} | {hit.source for hit in results.results if hit.source}
    sources = _source_facts(session, shown | ({filters["source"]} if filters.get("source") else set()))
    results.facets["source"] = [
        (v, sources[v].label if v in sources else label, n) for v, label, n in results.facets.get("source", [])
    ]
    suggestions = _suggestions(results.suggestions) or _place_word(session, params.q)
    undated = results.total - sum(n for _, _, n in results.facets.get("year", []))
    last = max(1, -(-results.total // params.per_page))
    return SearchPageContext(
        q=params.q,
        filters=filters,
        total=results.total,
        total_estimated=results.total_estimated,
        page=params.page,
        per_page=params.per_page,
        pages=_pages(filters, params.page, last),
        prev_url=search_url(filters, page=params.page - 1) if params.page > 1 else None,
        next_url=search_url(filters, page=params.page + 1) if params.page < last else None,
        hits=[_hit(hit, sources) for hit in results.results],
        facets=_with_undated(_facets(results.facets, filters), undated),
        undated=undated,
        chips=_chips(session, filters, sources),
        sort=_sort_name(filters.get("sort")),
        sorts=[
            PageLink(number=0, url=search_url(filters, sort=None if name == "relevance" else name, page=None),
                     current=name == _sort_name(filters.get("sort")))
            for name in SORT_LABELS
        ],
        explanation=results.explanation.text,
        suggestions=suggestions,
        hints=[] if results.total or suggestions else zone_hints(session, params.q),
        api=results_json(results),
    )


def _pages(filters: Mapping[str, str], page: int, last: int) -> list[PageLink]:
    if last <= 1:
        return []
    numbers = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    return [PageLink(number=n, url=search_url(filters, page=n), current=n == page) for n in numbers]


def _sort_name(sort: str | None) -> str:
    return "newest" if sort == "date" else sort or "relevance"


def _hit(hit: SearchHit, sources: Mapping[str, SourceFacts]) -> Hit:
    passage = hit.passage or {}
    facts = sources.get(hit.source or "")
    return Hit(
        article_id=hit.article_id, title=hit.title, title_html=hit.title_html or escape(hit.title), date=hit.date,
        zones=[PlaceRef(slug=z["slug"], name=z.get("name") or z["slug"], kind="zone") for z in hit.zones],
        source=hit.source, publication=facts.publication if facts else None, page=facts.page if facts else None,
        passage_id=passage.get("id"), snippet_html=passage.get("snippet_html", ""), url=hit.url,
        match_note=match_note(hit.match, hit.coverage),
    )


_MATCH_NOTES = {
    "literal": "",
    "expansion": "按同义词或地名关联匹配",
    "literal_ignoring_punctuation": "字面匹配（忽略标点与空格）",
    "words_same_sentence": "分词匹配：各词在同一句中",
    "words_same_paragraph": "分词匹配：各词在同一段中",
    "words": "分词匹配：各词分散在文中",
    "most_words": "包含大部分词语",
}


def match_note(match: str, coverage: str) -> str:
    """The reader's words for how a hit matched (issue 10); '' for a literal match."""
    note = _MATCH_NOTES.get(match, "")
    return f"{note}（{coverage}）" if coverage else note


def _facets(raw: Mapping[str, list[tuple[str, str, int]]], filters: Mapping[str, str]) -> list[Facet]:
    facets = []
    for name, label in FACET_LABELS.items():
        values = [_facet_value(name, value, text, count, filters) for value, text, count in raw.get(name, [])]
        if values:
            facets.append(Facet(name=name, label=label, values=values))
    return facets


def _with_undated(facets: list[Facet], undated: int) -> list[Facet]:
    # The year facet says how many results carry no date; there is no filter for them (url "").
    if undated <= 0:
        return facets
    bucket = FacetValue(value="", label="日期不详", count=undated, url="", active=False)
    year = next((f for f in facets if f.name == "year"), None)
    if year is None:
        year = Facet(name="year", label=FACET_LABELS["year"], values=[])
        facets.insert(min(2, len(facets)), year)
    year.values.append(bucket)
    return facets


def _facet_value(name: str, value: str, label: str, count: int, filters: Mapping[str, str]) -> FacetValue:
    active = filters.get(name) == value
    # An active value's link clears the filter; any other sets it (and goes back to page 1).
    return FacetValue(
        value=value, label=label, count=count, active=active,
        url=search_url(filters, **{name: None if active else value, "page": None}),
    )


def _suggestions(raw: list[dict[str, str]]) -> list[PlaceRef]:
    return [
        PlaceRef(slug=item["slug"], name=item.get("name") or item["slug"], kind=item.get("kind", "zone"))
        for item in raw
        if item.get("slug") and item.get("kind", "zone") in ("zone", "city")
    ]


@dataclass(frozen=True)
class SourceFacts:
    """What a reader knows a page by: its paper, date and page label."""

    publication: str | None = documented("The paper the page names.")
    date: str | None = documented("The page's date, YYYY-MM-DD.")
    page: str | None = documented("The page label as printed.")
    name: str = documented("The source file's name (the search's source filter value).")

    @property
    def label(self) -> str:
        # 报刊 · 日期 · 版次, each said plainly when unknown; the file's number tells apart
        # pages of which nothing is known.
        parts = [self.publication or "报刊不详", zh_date(self.date), f"{self.page}版" if self.page else "版次不详"]
        known = self.publication or self.date or self.page
        return " · ".join(parts) + ("" if known else f"（文件 {self.name.split('_')[0][:8]}）")


def _source_facts(session: Session, names: set[str]) -> dict[str, SourceFacts]:
    """The facts of the sources this page shows — never every source (10,000s at archive scale)."""
    if not names:
        return {}
    columns = (models.Source.name, models.Source.publication, models.Source.date, models.Source.page)
    rows = session.execute(select(*columns).where(models.Source.name.in_(sorted(names))))
    return {name: SourceFacts(publication=pub, date=day, page=page, name=name) for name, pub, day, page in rows}


def _chips(session: Session, filters: Mapping[str, str], sources: Mapping[str, SourceFacts]) -> list[FilterChip]:
    """Every applied filter but the query, order and page size, with a link that drops it."""
    chips = []
    for item in SEARCH_FILTERS:
        value = filters.get(item.name)
        if value:
            shown = _SHOWN[item.kind](session, value, sources)
            chips.append(FilterChip(name=item.name, label=f"{item.chip}：{shown}",
                                    remove_url=search_url(filters, **{item.name: None, "page": None})))
    return chips


def _zone_shown(session: Session, value: str, sources: Mapping[str, SourceFacts]) -> str:
    zone = session.get(models.Zone, value) or session.scalar(select(models.Zone).where(models.Zone.name == value))
    return zone.name if zone else value


def _city_shown(session: Session, value: str, sources: Mapping[str, SourceFacts]) -> str:
    city = session.get(models.City, value)
    return city.name if city else value


#: Filter kind → how its chip shows a value.
_SHOWN: dict[str, Callable[[Session, str, Mapping[str, SourceFacts]], str]] = {
    "zone": _zone_shown,
    "city": _city_shown,
    "source": lambda session, value, sources: sources[value].label if value in sources else value,
    "date": lambda session, value, sources: zh_date(value),
    "year": lambda session, value, sources: f"{value}年",
}


def _place_word(session: Session, q: str) -> list[PlaceRef]:
    """A bare place word (交城, 长治) that names no zone itself: the zones that carry it.

    Offered above the results as 要找…的专页吗？ — the reader who types a county name may
    well want the zone's page.
    """
    word = q.strip()
    if not word or len(word) > 6 or any(c in word for c in ' "-()'):
        return []
    folded = fold(word)
    return [
        PlaceRef(slug=zone.slug, name=zone.name, kind="zone")
        for zone in session.scalars(select(models.Zone).order_by(models.Zone.name))
        if fold(zone.name).startswith(folded)
    ][:3]


#: Characters of a query word compared with zone names: a county or city name's length.
HINT_STEM = 2


def zone_hints(session: Session, q: str, *, limit: int = 6) -> list[PlaceRef]:
    """Zones whose name or alias shares a two-character stem with a query word (交城, 长治 …).

    Offered when a search finds nothing: the reader may have meant a zone by another name.
    """
    words = fold(q).replace('"', " ").split()
    # An excluded word (-交城) is what the reader does not want; offer nothing for it.
    stems = {word[:HINT_STEM] for word in words if not word.startswith("-") and len(word) >= HINT_STEM}
    if not stems:
        return []
    hints = []
    for zone in session.scalars(select(models.Zone).order_by(models.Zone.name)):
        names = [fold(name) for name in (zone.name, *(zone.aliases or []))]
        if any(stem in name for stem in stems for name in names):
            hints.append(PlaceRef(slug=zone.slug, name=zone.name, kind="zone"))
    return hints[:limit]
