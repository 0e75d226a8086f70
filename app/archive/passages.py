"""The passage permalink: resolve a paragraph id, following edits, and cite it.

The contract's promise is kept here. A live id shows its paragraph. An id whose paragraph
was edited follows ``passage_redirects`` (chains included: edited twice) to the current
version, and the page says so and quotes the old text. An id whose passage is gone raises
:class:`app.errors.Gone` with the old quote. A link never silently lands somewhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app import models
from app.archive.articles import ArticleContext, article
from app.archive.common import documented, shown_id
from app.errors import Gone, NotFound
from app.templating import zh_date

#: Longest redirect chain followed; a longer one (or a cycle) counts as gone.
MAX_HOPS = 32


@dataclass
class PassageContext:
    """A passage permalink page: the paragraph, marked inside its article, with a citation."""

    requested_id: str = documented("The id in the URL.")
    id: str = documented("The id of the paragraph shown (differs from requested_id after an edit).")
    status: str = documented("'live' (the id names this paragraph) or 'edited' (it named an earlier version).")
    redirected_from: list[str] = documented("Ids followed to reach this paragraph, oldest first (empty when live).")
    old_text: str | None = documented("The requested id's text before the edit (None when live).")
    kind: str = documented("'body', 'heading' or 'caption'.")
    text: str = documented("The paragraph's text (escaped by templates).")
    line_start: int = documented("First source line of the paragraph.")
    line_end: int = documented("Last source line of the paragraph.")
    permalink: str = documented("The absolute URL to cite: /p/{id} of the paragraph shown.")
    source_url: str = documented("Link to its lines in the source view: /sources/{source_id}#L{start}-L{end}.")
    citation_gbt: str = documented("Citation in GB/T 7714-2015 form (newspaper, online: [N/OL]).")
    citation_plain: str = documented("A plain-text citation: title, publication, date, page, permalink.")
    article: ArticleContext = documented("The whole article, with marked_id set to this paragraph.")


def resolve(session: Session, paragraph_id: str) -> tuple[models.Paragraph, list[models.PassageRedirect]]:
    """The live paragraph ``paragraph_id`` leads to and the redirects followed to get there.

    Raises :class:`NotFound` for an id the archive never held and :class:`Gone` (with the
    old quote) for one whose passage no longer exists.
    """
    chain: list[models.PassageRedirect] = []
    current: str | None = paragraph_id
    while current is not None and len(chain) <= MAX_HOPS:
        paragraph = session.get(models.Paragraph, current)
        if paragraph is not None:
            return paragraph, chain
        redirect = session.get(models.PassageRedirect, current)
        if redirect is None or any(r.old_id == current for r in chain):
            break
        chain.append(redirect)
        current = redirect.new_id
    if not chain:
        raise NotFound(f"没有编号为 {shown_id(paragraph_id)} 的段落。")
    article_id = next((r.article_id for r in reversed(chain) if r.article_id), None)
    if article_id is not None and session.get(models.Article, article_id) is None:
        article_id = None
    raise Gone(
        "这个段落已从档案中删除（原文经过修订后不再包含它）。下面引用的是它原来的文字。",
        requested_id=paragraph_id, old_text=chain[0].old_text, article_id=article_id,
    )


def passage(session: Session, paragraph_id: str, *, base_url: str, today: date | None = None) -> PassageContext:
    """The passage page for ``paragraph_id``; ``base_url`` (no trailing slash) makes the permalink."""
    paragraph, chain = resolve(session, paragraph_id)
    context = article(session, paragraph.article_id, marked_id=paragraph.id)
    permalink = f"{base_url}/p/{paragraph.id}"
    return PassageContext(
        requested_id=paragraph_id,
        id=paragraph.id,
        status="edited" if chain else "live",
        redirected_from=[r.old_id for r in chain],
        old_text=chain[0].old_text if chain else None,
        kind=paragraph.kind,
        text=paragraph.text,
        line_start=paragraph.line_start,
        line_end=paragraph.line_end,
        permalink=permalink,
        source_url=f"/sources/{context.source_id}#L{paragraph.line_start}-L{paragraph.line_end}",
        citation_gbt=citation_gbt(context, permalink, today=today or date.today()),
        citation_plain=citation_plain(context, paragraph, permalink),
        article=context,
    )


def _title(record: dict[str, object]) -> str:
    # A title the page never printed is the editor's: bracketed, as catalogues do.
    title = str(record["title"])
    return f"[{title}]" if record.get("title_supplied") else title


def citation_gbt(context: ArticleContext, permalink: str, *, today: date) -> str:
    """GB/T 7714-2015, newspaper article online: ``作者. 题名[N/OL]. 报纸名, 日期(版次)[引用日期]. URL.``"""
    record = context.record
    source = record["source"]
    author = f"{record['byline']}. " if record.get("byline") else ""
    # GB/T 7714 marks unknown facts in brackets rather than leaving gaps.
    publication = source.get("publication") or "[报纸名不详]"
    issue = record.get("date") or "[出版日期不详]"
    page = f"({source['page']})" if source.get("page") else ""
    return f"{author}{_title(record)}[N/OL]. {publication}, {issue}{page}[{today.isoformat()}]. {permalink}."


def citation_plain(context: ArticleContext, paragraph: models.Paragraph, permalink: str) -> str:
    """A citation for an e-mail or a chat: 《题名》，报纸，日期，版次，作者. Permalink."""
    record = context.record
    source = record["source"]
    parts = [f"《{_title(record)}》"]
    if source.get("publication"):
        parts.append(str(source["publication"]))
    parts.append(zh_date(record.get("date")))
    if source.get("page"):
        parts.append(f"{source['page']}版")
    if record.get("byline"):
        parts.append(f"作者：{record['byline']}")
    return "，".join(parts) + f"。段落 {paragraph.id}：{permalink}"
