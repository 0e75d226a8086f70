"""Whole-result-set downloads: ``/search.csv`` and ``/search.jsonl``.

Both take ``/search``'s parameters (parsed by :func:`app.routes.search.search_params`),
stream their rows a page of results at a time, and stop after
``settings.max_export_rows`` rows, saying so in ``X-Result-Total`` / ``X-Result-Rows``, so
a broad query cannot tie up a server. CSV cells that a spreadsheet would read as a formula
(starting ``=``, ``+``, ``-``, ``@``, tab or carriage return) are prefixed with ``'``, as
OWASP's CSV-injection advice says. Absolute URLs come only from ``DEVZONE_BASE_URL``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from html import unescape
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.config import Settings
from app.deps import SettingsDep
from app.errors import error_responses
from app.routes.search import SearchDep
from app.search.service import SearchParams, results_json, search

router = APIRouter(tags=["search"])

TAG = re.compile(r"<[^>]*>")
CSV_COLUMNS = ("article_id", "title", "date", "zones", "source", "passage_id", "passage", "url")
#: What a spreadsheet takes as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ERRORS = error_responses(422, json_route=False)


class CSVResponse(StreamingResponse):
    media_type = "text/csv"


class JSONLinesResponse(StreamingResponse):
    media_type = "application/x-ndjson"


def neutralise(cell: str) -> str:
    """``cell`` as a spreadsheet shows it and never evaluates it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class Capped:
    """The first ``limit`` results of a search, read a page at a time.

    The first page is read before the response starts, so a failing search still gets a
    proper error response instead of a cut-off download.
    """

    def __init__(self, settings: Settings, params: SearchParams) -> None:
        self.settings, self.params = settings, params
        self.size = settings.max_per_page
        self.first = results_json(search(settings, replace(params, page=1, per_page=self.size)))
        self.total: int = self.first["total"]
        self.rows = min(self.total, settings.max_export_rows)

    def headers(self) -> dict[str, str]:
        return {"x-result-total": str(self.total), "x-result-rows": str(self.rows)}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        answer, page_number, sent = self.first, 1, 0
        while True:
            for result in answer["results"]:
                if sent >= self.rows:
                    return
                sent += 1
                yield result
            if not answer["results"] or page_number * self.size >= self.rows:
                return
            page_number += 1
            answer = results_json(search(self.settings, replace(self.params, page=page_number, per_page=self.size)))


def csv_row(result: dict[str, Any], base: str) -> list[str]:
    """One result as CSV cells, each neutralised."""
    passage = result.get("passage") or {}
    zones = [z if isinstance(z, str) else z.get("slug", "") for z in result.get("zones") or []]
    text = unescape(TAG.sub("", passage.get("snippet_html") or ""))
    cells = [result["article_id"], result["title"], result.get("date") or "", ";".join(zones),
             str(result.get("source") or ""), passage.get("id") or "", text, base + result["url"]]
    return [neutralise(cell) for cell in cells]


@router.get("/search.csv", response_class=CSVResponse, responses=ERRORS)
def search_csv(query: SearchDep, settings: SettingsDep) -> CSVResponse:
    """The result set as CSV (UTF-8 with BOM so spreadsheet programs read Chinese), capped."""
    results = Capped(settings, query.params)
    base = settings.public_base

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        yield "\ufeff" + buffer.getvalue()
        for result in results:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(csv_row(result, base))
            yield buffer.getvalue()

    headers = {"content-disposition": 'attachment; filename="search.csv"', **results.headers()}
    return CSVResponse(rows(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/search.jsonl", response_class=JSONLinesResponse, responses=ERRORS)
def search_jsonl(query: SearchDep, settings: SettingsDep) -> JSONLinesResponse:
    """The result set as JSON lines, one ``/api/search`` result per line, capped."""
    results = Capped(settings, query.params)
    lines = (json.dumps(result, ensure_ascii=False) + "\n" for result in results)
    return JSONLinesResponse(lines, media_type="application/x-ndjson; charset=utf-8", headers=results.headers())
