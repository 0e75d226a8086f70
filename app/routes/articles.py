"""Articles: each article's page and JSON twin (the export record of CONTRACT.md), and
browsing — ``/articles`` (all, newest first) and ``/papers`` (papers → issues → pages)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.archive import articles, browse
from app.archive.common import as_json
from app.deps import SessionDep
from app.templating import page as _page

router = APIRouter(tags=["articles"])


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def articles_page(
    request: Request, session: SessionDep, paper: str | None = None, zone: str | None = None,
    city: str | None = None, year: str | None = None, page: int = 1,
) -> Response:
    """Every article, newest first, thirty a page, narrowed by paper, zone, city or year."""
    context = browse.articles(session, paper=paper, zone=zone, city=city, year=year, page=page)
    return _page(request, "articles.html", context)


@router.get("/api/articles")
def articles_json(
    session: SessionDep, paper: str | None = None, zone: str | None = None, city: str | None = None,
    year: str | None = None, page: int = 1,
) -> dict[str, Any]:
    """/articles as JSON: ``{filters, total, page, per_page, articles: […], …}``."""
    return as_json(browse.articles(session, paper=paper, zone=zone, city=city, year=year, page=page))


@router.get("/papers", response_class=HTMLResponse, include_in_schema=False)
def papers_page(request: Request, session: SessionDep) -> Response:
    """Every paper held, with its issues, pages and articles counted."""
    return _page(request, "papers.html", browse.papers(session))


@router.get("/api/papers")
def papers_json(session: SessionDep) -> dict[str, Any]:
    """Every paper held, with counts and its date range."""
    return as_json(browse.papers(session))


@router.get("/papers/{key}", response_class=HTMLResponse, include_in_schema=False)
def paper_page(request: Request, key: str, session: SessionDep) -> Response:
    """One paper: its issues newest first, each page with its articles in printed order."""
    return _page(request, "paper.html", browse.paper(session, key))


@router.get("/api/papers/{key}")
def paper_json(key: str, session: SessionDep) -> dict[str, Any]:
    """One paper by issue and page; ``key`` is its name ('-' for pages naming none); 404 when unknown."""
    return as_json(browse.paper(session, key))


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: str, session: SessionDep) -> Response:
    """Title block, place chips, every paragraph with its permalink anchor."""
    return _page(request, "article.html", articles.article(session, article_id))


@router.get("/api/articles/{article_id}")
def article_json(article_id: str, session: SessionDep) -> dict[str, Any]:
    """The article as the export writes it; 404 for an unknown id."""
    return articles.article(session, article_id).record
