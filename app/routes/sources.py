"""The raw source text with line numbers, and its JSON twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.archive import articles
from app.archive.common import as_json
from app.deps import SessionDep
from app.templating import page

router = APIRouter(tags=["sources"])


@router.get("/sources/{source_id}", response_class=HTMLResponse, include_in_schema=False)
def source_page(request: Request, source_id: str, session: SessionDep) -> Response:
    """Every line, numbered; ``#L10-L14`` marks lines (static/app.js)."""
    return page(request, "source.html", articles.source(session, source_id))


@router.get("/api/sources/{source_id}")
def source_json(source_id: str, session: SessionDep) -> dict[str, Any]:
    """The source file's text as lines, and the articles cut from it."""
    return as_json(articles.source(session, source_id))
