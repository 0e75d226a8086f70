"""Search: the page and its JSON twin (CONTRACT.md's ``/api/search``).

These and the downloads (:mod:`app.routes.exports`) take the same parameters, parsed once by
:func:`search_params`; bad ones answer 422 (an HTML page for people, the JSON error shape for machines).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from app.archive.search import parse_params, resolve_places, search_page
from app.deps import SessionDep, SettingsDep
from app.errors import error_responses
from app.search.filters import FILTERS, Filter
from app.search.service import SearchParams
from app.templating import page

router = APIRouter(tags=["search"])
MAX_PAGE = 10_000


@dataclass
class ParsedSearch:
    """A search request: the service's parameters and the URL's own, for links."""

    params: SearchParams
    filters: dict[str, str]


def filter_values(**values: str | None) -> dict[str, str]:
    """The filters given (:data:`app.search.filters.FILTERS`), by name; its signature below
    declares each as a query parameter with the table's pattern, so the OpenAPI schema
    states them (the parser still checks each value itself)."""
    return {name: value for name, value in values.items() if value}


def _filter_parameter(item: Filter) -> inspect.Parameter:
    query = Query(pattern=item.pattern, description=item.description or None)
    return inspect.Parameter(item.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                             annotation=Annotated[str | None, query])


filter_values.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [_filter_parameter(item) for item in FILTERS], return_annotation=dict[str, str]
)


def search_params(
    settings: SettingsDep,
    session: SessionDep,
    filters: Annotated[dict[str, str], Depends(filter_values)],
    q: str = "",
    sort: Literal["relevance", "newest", "oldest", "date"] = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int | None, Query(ge=1, le=100)] = None,
) -> ParsedSearch:
    """Validated search parameters: ``page`` ≥ 1, ``per_page`` 1..100, each filter by its rule."""
    given = {"q": q, **filters, "sort": sort if sort != "relevance" else None,
             "per_page": str(per_page) if per_page is not None else None}
    params = parse_params(
        q=q.strip(), filters=filters, sort=sort, page=page,
        per_page=per_page if per_page is not None else settings.per_page, max_per_page=settings.max_per_page,
    )
    return ParsedSearch(params=resolve_places(session, params), filters={k: v for k, v in given.items() if v})


SearchDep = Annotated[ParsedSearch, Depends(search_params)]


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_html(request: Request, query: SearchDep, settings: SettingsDep, session: SessionDep) -> Response:
    """Results with marked snippets, facets as filter links, pagination, the explanation."""
    if not query.params.q:
        # Nothing to look for yet (perhaps a zone page's "search here" link): the box, the
        # filters kept as hidden fields, and how to write a query.
        return page(request, "search.html", None, q="", filters=query.filters)
    context = search_page(settings, session, query.params, query.filters)
    return page(request, "search.html", context, q=query.params.q, filters=query.filters)


class Passage(BaseModel):
    """The article's best passage: its id (``/p/{id}``) and the snippet, marked and escaped."""

    model_config = ConfigDict(extra="allow")
    id: str
    snippet_html: str


class Hit(BaseModel):
    """One article found (CONTRACT.md), with how it matched."""

    model_config = ConfigDict(extra="allow")
    article_id: str
    title: str
    date: str | None
    zones: list[dict[str, Any]]
    passage: Passage | None
    url: str


class SearchAnswer(BaseModel):
    """CONTRACT.md's ``/api/search`` answer, plus facets, the explanation and suggestions."""

    model_config = ConfigDict(extra="allow")
    query: str
    total: int = Field(ge=0)
    total_estimated: bool = Field(False, description="True when total is a lower bound, not an exact count: "
                                  "the most-words tier counts the first 200 candidates only.")
    page: int = Field(ge=1)
    per_page: int = Field(ge=1, le=100)
    results: list[Hit]


@router.get("/api/search", response_model=SearchAnswer, responses=error_responses(422))
def search_json(query: SearchDep, settings: SettingsDep, session: SessionDep) -> dict[str, Any]:
    """One result per article, best first: ``{query, total, page, per_page, results: […]}``."""
    return search_page(settings, session, query.params, query.filters).api
