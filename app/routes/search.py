"""Search: the page, its JSON twin (CONTRACT.md's ``/api/search``) and whole-set downloads.

All four URLs take the same parameters, parsed once by :func:`search_params`; bad ones
answer 422 (an HTML page for people, the JSON error shape for machines).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html import unescape
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from app.archive.search import parse_params, resolve_places, search_page
from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.search.service import SearchParams, results_json, search
from app.templating import page

router = APIRouter(tags=["search"])

TAG = re.compile(r"<[^>]*>")
CSV_COLUMNS = ("article_id", "title", "date", "zones", "source", "passage_id", "passage", "url")


@dataclass
class ParsedSearch:
    """A search request: the service's parameters and the URL's own, for links."""

    params: SearchParams
    filters: dict[str, str]


def search_params(
    settings: SettingsDep,
    session: SessionDep,
    q: str = "",
    zone: str | None = None,
    city: str | None = None,
    year: str | None = None,
    source: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int | None = None,
) -> ParsedSearch:
    """Validated search parameters: ``page`` ≥ 1, ``per_page`` 1..100, dates YYYY-MM-DD."""
    given = {"q": q, "zone": zone, "city": city, "year": year, "source": source, "date_from": date_from,
             "date_to": date_to, "sort": sort if sort != "relevance" else None,
             "per_page": str(per_page) if per_page is not None else None}
    params = parse_params(
        q=q.strip(), zone=zone, city=city, year=year, source=source, date_from=date_from, date_to=date_to,
        sort=sort, page=page, per_page=per_page if per_page is not None else settings.per_page,
        max_per_page=settings.max_per_page,
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


@router.get("/api/search")
def search_json(query: SearchDep, settings: SettingsDep, session: SessionDep) -> dict[str, Any]:
    """One result per article, best first: ``{query, total, page, per_page, results: […]}``."""
    return search_page(settings, session, query.params, query.filters).api


def _all_results(settings: Settings, params: SearchParams) -> Iterator[dict[str, Any]]:
    """The whole result set, read a full page at a time.

    The first page is read before the response starts, so a failing search still gets a
    proper error response instead of a cut-off download.
    """
    size = settings.max_per_page
    first = results_json(search(settings, replace(params, page=1, per_page=size)))

    def rest() -> Iterator[dict[str, Any]]:
        yield from first["results"]
        page_number, total = 1, first["total"]
        while page_number * size < total:
            page_number += 1
            answer = results_json(search(settings, replace(params, page=page_number, per_page=size)))
            if not answer["results"]:
                return
            yield from answer["results"]

    return rest()


def _csv_row(result: dict[str, Any], base: str) -> list[str]:
    passage = result.get("passage") or {}
    zones = [z if isinstance(z, str) else z.get("slug", "") for z in result.get("zones") or []]
    text = unescape(TAG.sub("", passage.get("snippet_html") or ""))
    return [result["article_id"], result["title"], result.get("date") or "", ";".join(zones),
            str(result.get("source") or ""), passage.get("id") or "", text, base + result["url"]]


@router.get("/search.csv")
def search_csv(request: Request, query: SearchDep, settings: SettingsDep) -> StreamingResponse:
    """The whole result set as CSV (UTF-8 with BOM so spreadsheet programs read Chinese)."""
    base = str(request.base_url).rstrip("/")
    results = _all_results(settings, query.params)

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        yield "\ufeff" + buffer.getvalue()
        for result in results:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(_csv_row(result, base))
            yield buffer.getvalue()

    headers = {"content-disposition": 'attachment; filename="search.csv"'}
    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/search.jsonl")
def search_jsonl(query: SearchDep, settings: SettingsDep) -> StreamingResponse:
    """The whole result set as JSON lines, one ``/api/search`` result per line."""
    lines = (json.dumps(result, ensure_ascii=False) + "\n" for result in _all_results(settings, query.params))
    return StreamingResponse(lines, media_type="application/x-ndjson; charset=utf-8")
