"""Read-side queries for the home page, article pages and source views.

Each function takes a session, reads, and returns a documented context dataclass that both
the HTML template and the JSON twin serve; unknown ids raise :class:`app.errors.NotFound`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app import models
from app.archive.common import (
    ArticleSummary,
    PlaceRef,
    documented,
    load_articles,
    place_refs,
    shown_id,
    summarize,
)
from app.archive.places import CityGroup, zones_by_city
from app.errors import Gone, Moved, NotFound
from app.records import PlaceNames, article_record

#: How many of the newest articles the home page lists.
LATEST_COUNT = 8


@dataclass
class CorpusStats:
    """What the archive holds, in numbers."""

    sources: int = documented("Ingested source files (newspaper pages).")
    articles: int = documented("Articles cut from those pages.")
    paragraphs: int = documented("Paragraphs, each with its own permalink.")
    zones: int = documented("Development zones with at least one article about them.")
    cities: int = documented("Prefecture cities with at least one article about them.")
    date_first: str | None = documented("Earliest article date (YYYY-MM-DD), if any is dated.")
    date_last: str | None = documented("Latest article date (YYYY-MM-DD), if any is dated.")


@dataclass
class HomeContext:
    """The front page: search first, then what there is to browse."""

    stats: CorpusStats = documented("Corpus counts and date range.")
    cities: list[CityGroup] = documented("Zones with articles, grouped by city, with counts.")
    latest: list[ArticleSummary] = documented("The newest articles, newest first.")


def home(session: Session) -> HomeContext:
    """Corpus stats, zones grouped by city, and the latest articles."""
    groups = zones_by_city(session)
    first, last = session.execute(select(func.min(models.Article.date), func.max(models.Article.date))).one()
    city_count = session.scalar(
        select(func.count(func.distinct(models.ArticlePlace.slug))).where(models.ArticlePlace.kind == "city")
    )
    stats = CorpusStats(
        sources=session.scalar(select(func.count()).select_from(models.Source)) or 0,
        articles=session.scalar(select(func.count()).select_from(models.Article)) or 0,
        paragraphs=session.scalar(select(func.count()).select_from(models.Paragraph)) or 0,
        zones=sum(len(group.zones) for group in groups),
        cities=city_count or 0,
        date_first=first,
        date_last=last,
    )
    latest_ids = session.scalars(
        select(models.Article.id)
        .order_by(models.Article.date.is_(None), models.Article.date.desc(), models.Article.source_id, models.Article.ordinal)
        .limit(LATEST_COUNT)
    ).all()
    loaded = load_articles(session, latest_ids)
    places = PlaceNames(session)
    return HomeContext(stats=stats, cities=groups, latest=[summarize(loaded[i], places) for i in latest_ids])


@dataclass
class ParagraphView:
    """One paragraph as the article page shows it."""

    id: str = documented("Paragraph id: the anchor (#id) and the permalink /p/{id}.")
    kind: str = documented("'body', 'heading' (a section heading) or 'caption' (a photo caption).")
    text: str = documented("Clean reading text (escaped by templates).")
    line_start: int = documented("First line of the paragraph in the source file (1-based).")
    line_end: int = documented("Last line of the paragraph in the source file.")


@dataclass
class Continuation:
    """The other part of an article the paper continued on another page (上接/下转)."""

    direction: str = documented("'from' (上接: this part continues an earlier one) or 'to' (下转).")
    page: str = documented("The page label printed in the continuation note.")
    article_id: str | None = documented("The other part's article id, when the archive holds it.")
    title: str | None = documented("The other part's title, when the archive holds it.")


@dataclass
class ArticleContext:
    """An article page: its title block, places and every paragraph."""

    record: dict[str, Any] = documented("The export record of CONTRACT.md: what /api/articles/{id} answers.")
    source_id: str = documented("The source file's id; its text is at /sources/{source_id}.")
    paragraphs: list[ParagraphView] = documented("Paragraphs in reading order.")
    zones: list[PlaceRef] = documented("Zones the article is about (chips).")
    cities: list[PlaceRef] = documented("Cities the article is about (chips).")
    continuations: list[Continuation] = documented("上接/下转 notes, resolved to the other part if held.")
    marked_id: str | None = documented("The paragraph a passage permalink marks, if any.")


def article(session: Session, article_id: str, *, marked_id: str | None = None) -> ArticleContext:
    """The article ``article_id`` (404 when no article has it)."""
    row = session.scalar(
        select(models.Article)
        .where(models.Article.id == article_id)
        .options(
            selectinload(models.Article.source),
            selectinload(models.Article.paragraphs),
            selectinload(models.Article.places),
        )
    )
    if row is None:
        _moved_or_missing(session, article_id)
    places = PlaceNames(session)
    return ArticleContext(
        record=article_record(row, places),
        source_id=row.source_id,
        paragraphs=[
            ParagraphView(id=p.id, kind=p.kind, text=p.text, line_start=p.line_start, line_end=p.line_end)
            for p in row.paragraphs
        ],
        zones=place_refs(row, places, "zone"),
        cities=place_refs(row, places, "city"),
        continuations=_continuations(session, row),
        marked_id=marked_id,
    )


def _moved_or_missing(session: Session, article_id: str) -> NoReturn:
    # An article re-cut under a new id (its title was edited) moves; otherwise it is unknown.
    redirect = session.get(models.ArticleRedirect, article_id)
    if redirect is not None and redirect.new_id and session.get(models.Article, redirect.new_id) is not None:
        raise Moved("这篇文章已修订，编号已更新。", new_id=redirect.new_id)
    if redirect is not None:
        raise Gone("这篇文章已从档案中删除。")
    raise NotFound(f"没有编号为 {shown_id(article_id)} 的文章。")


def _continuations(session: Session, row: models.Article) -> list[Continuation]:
    notes: list[Continuation] = []
    for direction, label in (("from", row.continued_from), ("to", row.continued_to)):
        if label:
            other = _other_part(session, row, direction, label)
            notes.append(Continuation(
                direction=direction, page=label,
                article_id=other.id if other else None, title=other.title if other else None,
            ))
    return notes


def _other_part(session: Session, row: models.Article, direction: str, label: str) -> models.Article | None:
    # The other part sits on page ``label`` of the same publication and points back at ours.
    back = models.Article.continued_to if direction == "from" else models.Article.continued_from
    query = (
        select(models.Article)
        .join(models.Source)
        .where(models.Source.page == label, back == row.source.page, models.Article.id != row.id)
    )
    if row.source.publication:
        query = query.where(models.Source.publication == row.source.publication)
    if row.date:
        query = query.where(models.Article.date == row.date)
    return session.scalars(query.limit(1)).first()


@dataclass
class SourceLine:
    """One line of a source file."""

    number: int = documented("1-based line number; the anchor is #L{number}.")
    text: str = documented("The line exactly as ingested (escaped by templates).")
    paragraph_id: str | None = documented("The paragraph that starts on this line, if one does.")


@dataclass
class SourceArticle:
    """An article cut from this source, with the lines each of its paragraphs came from."""

    id: str = documented("Article id.")
    title: str = documented("Article title.")
    line_start: int = documented("First line of its first paragraph.")
    line_end: int = documented("Last line of its last paragraph.")


@dataclass
class SourceContext:
    """The raw text of one ingested file, line by line."""

    id: str = documented("Source id (s-…).")
    name: str = documented("File name as ingested.")
    sha256: str = documented("SHA-256 of the file's bytes.")
    encoding: str = documented("Character encoding the file was read with.")
    publication: str | None = documented("Publication named on the page.")
    page: str | None = documented("Page label.")
    date: str | None = documented("Page date, YYYY-MM-DD.")
    lines: list[SourceLine] = documented("Every line of the file.")
    articles: list[SourceArticle] = documented("Articles cut from this page, in page order.")


def source(session: Session, source_id: str) -> SourceContext:
    """The source file ``source_id`` with line numbers (404 when unknown)."""
    row = session.get(models.Source, source_id)
    if row is None:
        raise NotFound(f"没有编号为 {shown_id(source_id)} 的原文。")
    starts: dict[int, str] = {}
    articles: list[SourceArticle] = []
    for art in row.articles:
        for paragraph in art.paragraphs:
            starts.setdefault(paragraph.line_start, paragraph.id)
        if art.paragraphs:
            articles.append(SourceArticle(
                id=art.id, title=art.title,
                line_start=min(p.line_start for p in art.paragraphs),
                line_end=max(p.line_end for p in art.paragraphs),
            ))
    # Split exactly as the ingest numbered lines (on "\n" only), so #L{n} is the paragraph's n.
    texts = row.text.split("\n")
    if texts and texts[-1] == "":
        texts.pop()
    lines = [SourceLine(number=n, text=text, paragraph_id=starts.get(n)) for n, text in enumerate(texts, start=1)]
    return SourceContext(
        id=row.id, name=row.name, sha256=row.sha256, encoding=row.encoding, publication=row.publication,
        page=row.page, date=row.date, lines=lines, articles=articles,
    )
