"""The raw source text with line numbers (``/sources/{id}``), and its JSON twin."""

from __future__ import annotations

from fastapi import APIRouter

from app.archive import articles
from app.deps import SessionDep
from app.routes.twins import page_and_json

router = APIRouter(tags=["sources"])


@page_and_json(router, "/sources/{source_id}", "source.html", errors=(404,))
def source(source_id: str, session: SessionDep) -> articles.SourceContext:
    """The source file's text as numbered lines (``#L10-L14`` marks lines), and the articles cut from it."""
    return articles.source(session, source_id)
