"""Article pages and their JSON twin (the export record of CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.archive import articles
from app.deps import SessionDep
from app.templating import page

router = APIRouter(tags=["articles"])


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: str, session: SessionDep) -> Response:
    """Title block, place chips, every paragraph with its permalink anchor."""
    return page(request, "article.html", articles.article(session, article_id))


@router.get("/api/articles/{article_id}")
def article_json(article_id: str, session: SessionDep) -> dict[str, Any]:
    """The article as the export writes it; 404 for an unknown id."""
    return articles.article(session, article_id).record
