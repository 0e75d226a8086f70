"""Articles: each article's page and JSON twin (the export record of CONTRACT.md), and
browsing — ``/articles`` (all, newest first) and ``/papers`` (papers → issues → pages)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.archive import articles, browse
from app.deps import SessionDep
from app.routes.twins import page_and_json

router = APIRouter(tags=["articles"])


@page_and_json(router, "/articles", "articles.html")
def article_list(
    session: SessionDep, paper: str | None = None, zone: str | None = None, city: str | None = None,
    year: str | None = None, page: int = 1,
) -> browse.ArticlesContext:
    """Every article, newest first (undated last), thirty a page, narrowed by paper, zone, city or year."""
    return browse.articles(session, paper=paper, zone=zone, city=city, year=year, page=page)


@page_and_json(router, "/papers", "papers.html")
def papers(session: SessionDep) -> browse.PapersContext:
    """Every paper held, with its issues, pages and articles counted and its date range."""
    return browse.papers(session)


@page_and_json(router, "/papers/{key}", "paper.html")
def paper(key: str, session: SessionDep) -> browse.PaperContext:
    """One paper: its issues newest first, each page with its articles in printed order; ``key`` is
    its name ('-' for pages naming none); 404 when unknown."""
    return browse.paper(session, key)


def _record(context: articles.ArticleContext) -> dict[str, Any]:
    return context.record


@page_and_json(router, "/articles/{article_id}", "article.html", to_json=_record)
def article(article_id: str, session: SessionDep) -> articles.ArticleContext:
    """The article as the export writes it (title block, places, every paragraph); 404 for an unknown id."""
    return articles.article(session, article_id)
