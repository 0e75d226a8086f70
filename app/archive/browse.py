"""Browsing by paper and date: ``/papers`` → a paper's issues by date → each page's articles,
and ``/articles``, every article newest first with the usual filters.

A paper is the publication a page names; pages that name none are gathered under
:data:`UNKNOWN_PAPER` and said to be so. An issue is one date of one paper; pages whose date
is not known form one 日期不详 issue, listed last. Unknown names raise
:class:`app.errors.NotFound`; bad filters :class:`app.errors.BadParameter`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import models
from app.archive.common import ArticleSummary, FilterChip, documented, load_articles, shown_id, summarize
from app.errors import BadParameter, NotFound
from app.records import PlaceNames

#: The URL key of pages that name no publication.
UNKNOWN_PAPER = "-"
#: What a reader sees for them.
UNKNOWN_LABEL = "报刊不详"
#: Articles per page of /articles.
ARTICLES_PER_PAGE = 30


def paper_url(key: str) -> str:
    return f"/papers/{quote(key, safe='')}"


@dataclass
class PaperSummary:
    """One paper and how much of it the archive holds."""

    key: str = documented("The URL key: the publication's name, or '-' for pages naming none.")
    name: str = documented("The publication's name as printed ('报刊不详' when none is).")
    url: str = documented("Its page: /papers/{key}.")
    issues: int = documented("Issues (distinct dates) held; the undated pages count as one.")
    pages: int = documented("Pages (source files) held.")
    articles: int = documented("Articles cut from those pages.")
    date_first: str | None = documented("Earliest issue date, YYYY-MM-DD.")
    date_last: str | None = documented("Latest issue date, YYYY-MM-DD.")


@dataclass
class PapersContext:
    """/papers: every paper the archive holds pages of, most pages first."""

    papers: list[PaperSummary] = documented("Papers, most pages first, then by name.")


@dataclass
class PageOfIssue:
    """One printed page of an issue with its articles in page order."""

    source_id: str = documented("The page's source id; its text is at /sources/{source_id}.")
    label: str | None = documented("The page label as printed (B2, 3 …), if known.")
    name: str = documented("The source file's name: tells apart pages whose label is unknown.")
    articles: list[ArticleSummary] = documented("Articles on the page, in the order printed.")


@dataclass
class Issue:
    """One date of one paper."""

    date: str | None = documented("The issue's date, YYYY-MM-DD; None for the pages whose date is unknown.")
    pages: list[PageOfIssue] = documented("Its pages, by label.")


@dataclass
class PaperContext:
    """/papers/{key}: a paper's issues, newest first, each with its pages and their articles."""

    paper: PaperSummary = documented("The paper and its counts.")
    issues: list[Issue] = documented("Issues newest first; the undated one last.")


def _paper_key(source: models.Source) -> str:
    return source.publication or UNKNOWN_PAPER


def _issue_date(source: models.Source) -> str | None:
    # A page's own date, else the date its articles carry (all one issue's).
    return source.date or min((a.date for a in source.articles if a.date), default=None)


def _summary(key: str, sources: list[models.Source]) -> PaperSummary:
    dates = sorted({d for d in (_issue_date(s) for s in sources) if d})
    undated = any(_issue_date(s) is None for s in sources)
    return PaperSummary(
        key=key, name=key if key != UNKNOWN_PAPER else UNKNOWN_LABEL, url=paper_url(key),
        issues=len(dates) + int(undated), pages=len(sources), articles=sum(len(s.articles) for s in sources),
        date_first=dates[0] if dates else None, date_last=dates[-1] if dates else None,
    )


def _by_paper(session: Session) -> dict[str, list[models.Source]]:
    grouped: dict[str, list[models.Source]] = defaultdict(list)
    for source in session.scalars(select(models.Source).order_by(models.Source.name)):
        grouped[_paper_key(source)].append(source)
    return grouped


def papers(session: Session) -> PapersContext:
    """Every paper with its counts, most pages first."""
    summaries = [_summary(key, sources) for key, sources in _by_paper(session).items()]
    summaries.sort(key=lambda p: (p.key == UNKNOWN_PAPER, -p.pages, p.name))
    return PapersContext(papers=summaries)


def paper(session: Session, key: str) -> PaperContext:
    """The paper ``key`` (its name, or '-') by issue; 404 when the archive holds none of it."""
    sources = _by_paper(session).get(key)
    if not sources:
        raise NotFound(f"档案中没有名为 {shown_id(key)} 的报刊。")
    issues: dict[str | None, list[models.Source]] = defaultdict(list)
    for source in sources:
        issues[_issue_date(source)].append(source)
    loaded = load_articles(session, [a.id for s in sources for a in s.articles])
    places = PlaceNames(session)
    ordered = sorted(issues, key=lambda d: (d is None, "" if d is None else _descending(d)))
    return PaperContext(
        paper=_summary(key, sources),
        issues=[
            Issue(date=day, pages=[
                PageOfIssue(
                    source_id=s.id, label=s.page, name=s.name,
                    articles=[summarize(loaded[a.id], places) for a in sorted(s.articles, key=lambda a: a.ordinal)],
                )
                for s in sorted(issues[day], key=lambda s: (_page_order(s.page), s.name))
            ])
            for day in ordered
        ],
    )


def _descending(day: str) -> str:
    # Newest first with a plain ascending sort: each digit complemented.
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in day)


def _page_order(label: str | None) -> tuple[str, int, str]:
    # A1 < A2 < A10 < B1; unlabelled pages last.
    if not label:
        return ("~", 0, "")
    letters = "".join(c for c in label if not c.isdigit())
    digits = "".join(c for c in label if c.isdigit())
    return (letters, int(digits) if digits else 0, label)


@dataclass
class ArticlesContext:
    """/articles: every article newest first (undated last), filtered, a page at a time."""

    filters: dict[str, str] = documented("Active filters: paper, zone, city, year.")
    chips: list[FilterChip] = documented("The active filters as removable chips.")
    total: int = documented("Articles matching the filters.")
    page: int = documented("Page shown (1-based).")
    per_page: int = documented("Articles per page.")
    articles: list[ArticleSummary] = documented("This page's articles, newest first.")
    prev_url: str | None = documented("The previous page, if any.")
    next_url: str | None = documented("The next page, if any.")
    papers: list[PaperSummary] = documented("Every paper, for the paper filter.")


def articles_url(filters: dict[str, str], page: int = 1) -> str:
    query = [*filters.items(), *([("page", str(page))] if page > 1 else [])]
    return "/articles?" + urlencode(query) if query else "/articles"


def articles(
    session: Session, *, paper: str | None = None, zone: str | None = None, city: str | None = None,
    year: str | None = None, page: int = 1,
) -> ArticlesContext:
    """Articles newest first, narrowed by paper key, zone or city slug and year (422 when bad)."""
    if page < 1:
        raise BadParameter("page 应不小于 1。", parameters=["page"])
    if year and not (len(year) == 4 and year.isdigit()):
        raise BadParameter("year 应为四位数字。", parameters=["year"])
    query = select(models.Article.id).join(models.Source)
    if paper:
        query = query.where(
            models.Source.publication.is_(None) if paper == UNKNOWN_PAPER else models.Source.publication == paper
        )
    names = {UNKNOWN_PAPER: UNKNOWN_LABEL}
    for kind, slug in (("zone", zone), ("city", city)):
        if slug:
            place: models.Zone | models.City | None = (
                session.get(models.Zone, slug) if kind == "zone" else session.get(models.City, slug)
            )
            if place is None:
                raise BadParameter(f"没有 {shown_id(slug)} 这个{'开发区' if kind == 'zone' else '城市'}。", parameters=[kind])
            names[slug] = place.name
            about = select(models.ArticlePlace.article_id).where(
                models.ArticlePlace.kind == kind, models.ArticlePlace.slug == slug
            )
            query = query.where(models.Article.id.in_(about))
    if year:
        query = query.where(models.Article.date.like(f"{year}-%"))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ids = session.scalars(
        query.order_by(models.Article.date.is_(None), models.Article.date.desc(), models.Article.source_id,
                       models.Article.ordinal)
        .offset((page - 1) * ARTICLES_PER_PAGE).limit(ARTICLES_PER_PAGE)
    ).all()
    loaded = load_articles(session, ids)
    places = PlaceNames(session)
    filters = {k: v for k, v in (("paper", paper), ("zone", zone), ("city", city), ("year", year)) if v}
    last = max(1, -(-total // ARTICLES_PER_PAGE))
    return ArticlesContext(
        filters=filters, chips=_chips(filters, names), total=total, page=page, per_page=ARTICLES_PER_PAGE,
        articles=[summarize(loaded[i], places) for i in ids],
        prev_url=articles_url(filters, page - 1) if page > 1 else None,
        next_url=articles_url(filters, page + 1) if page < last else None,
        papers=papers(session).papers,
    )


FILTER_LABELS = {"paper": "报刊", "zone": "开发区", "city": "城市", "year": "年份"}


def _chips(filters: dict[str, str], names: dict[str, str]) -> list[FilterChip]:
    return [
        FilterChip(
            name=key, label=f"{FILTER_LABELS[key]}：{names.get(value, value)}",
            remove_url=articles_url({k: v for k, v in filters.items() if k != key}),
        )
        for key, value in filters.items()
    ]
