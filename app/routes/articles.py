"""Articles: each article's page and JSON twin (the export record of CONTRACT.md), and
browsing — ``/articles`` (all, newest first) and ``/papers`` (papers → issues → pages)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from app.archive import articles, browse
from app.deps import SessionDep
from app.routes.twins import page_and_json

router = APIRouter(tags=["articles"])
#: Far past the last page of any archive (30 articles a page), well inside the database's integers.
MAX_PAGE = 1_000_000


class SourceOfArticle(BaseModel):
    """The page the article was cut from."""

    model_config = ConfigDict(extra="forbid")
    file: str = Field(description="The source file's name as ingested.")
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    publication: str | None = Field(description="The paper the page names, if it names one.")
    page: str | None = Field(description="The page label as printed (B2, 3 …).")
    url: str | None = Field(description="Where the page was published online, when its user said so.")


class ZoneOfArticle(BaseModel):
    """A zone the article names, with its role in the article."""

    model_config = ConfigDict(extra="forbid")
    slug: str
    name: str
    aliases: list[str]
    city: str | None = Field(description="Its prefecture city's name.")
    role: Literal["subject", "reported", "mentioned"]


class CityOfArticle(BaseModel):
    """A prefecture city the article is about."""

    model_config = ConfigDict(extra="forbid")
    slug: str
    name: str


class ParagraphOfArticle(BaseModel):
    """One paragraph: its permanent id, clean text and the source lines it came from."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="The passage id; its permalink is /p/{id}.")
    kind: Literal["body", "heading", "caption"]
    text: str
    lines: list[int] = Field(min_length=2, max_length=2, description="First and last 1-based source line.")


class ArticleRecord(BaseModel):
    """CONTRACT.md's export object for one article, as ``devzone export`` writes it."""

    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    title_supplied: bool = Field(description="True when the page printed no title and the ingest supplied one.")
    kicker: str | None
    subtitle: str | None
    byline: str | None
    dateline: str | None
    date: str | None = Field(description="Publication date (YYYY-MM-DD) as the text states it, else null.")
    source: SourceOfArticle
    zones: list[ZoneOfArticle]
    cities: list[CityOfArticle]
    paragraphs: list[ParagraphOfArticle]
    continued_from: str | None
    continued_to: str | None


@page_and_json(router, "/articles", "articles.html", errors=(422,))
def article_list(
    session: SessionDep, paper: str | None = None, zone: str | None = None, city: str | None = None,
    year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> browse.ArticlesContext:
    """Every article, newest first (undated last), thirty a page, narrowed by paper, zone, city or year."""
    return browse.articles(session, paper=paper, zone=zone, city=city, year=year, page=page)


@page_and_json(router, "/papers", "papers.html")
def papers(session: SessionDep) -> browse.PapersContext:
    """Every paper held, with its issues, pages and articles counted and its date range."""
    return browse.papers(session)


@page_and_json(router, "/papers/{key}", "paper.html", errors=(404,))
def paper(key: str, session: SessionDep) -> browse.PaperContext:
    """One paper: its issues newest first, each page with its articles in printed order; ``key`` is
    its name ('-' for pages naming none); 404 when unknown."""
    return browse.paper(session, key)


def _record(context: articles.ArticleContext) -> ArticleRecord:
    return ArticleRecord.model_validate(context.record)


@page_and_json(router, "/articles/{article_id}", "article.html", errors=(301, 404, 410),
               to_json=_record, json_model=ArticleRecord)
def article(article_id: str, session: SessionDep) -> articles.ArticleContext:
    """The article as the export writes it (title block, places, every paragraph); 404 for an unknown
    id, 410 for a removed one, 301 to the new id of one whose edited title changed it."""
    return articles.article(session, article_id)
