"""The passage permalink: resolve a paragraph id, following edits, and cite it.

The contract's promise is kept here. A live id shows its paragraph. An id whose paragraph
was edited follows ``passage_redirects`` (chains included: edited twice) to the current
version, and the page says so and quotes the old text. An id whose passage is gone raises
:class:`app.errors.Gone` with the old quote. A link never silently lands somewhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import models
from app.archive import citations
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
    citation_gbt: str = documented("Citation in GB/T 7714-2015 form (newspaper, online: [N/OL]); unknown parts left out.")
    citation_plain: str = documented("A plain-text citation: title, authors, publication, date, page, permalink.")
    citation_ris: str = documented("The citation as an RIS record (download: /p/{id}.ris).")
    citation_bibtex: str = documented("The citation as a BibTeX entry (download: /p/{id}.bib).")
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
    removed = article_id is not None and _source_removed(session, article_id)
    if article_id is not None and session.get(models.Article, article_id) is None:
        article_id = None
    reason = "它所在的原文已从档案中移除" if removed else "原文经过修订后不再包含它"
    raise Gone(
        f"这个段落已从档案中删除（{reason}）。下面引用的是它原来的文字。",
        requested_id=paragraph_id, old_text=chain[0].old_text, article_id=article_id,
    )


def _source_removed(session: Session, article_id: str) -> bool:
    # `devzone remove` leaves the article's id leading nowhere and none of its passages live;
    # an edit that drops a paragraph keeps the article (or moves it to a new id).
    if session.get(models.Article, article_id) is not None:
        return False
    redirect = session.get(models.ArticleRedirect, article_id)
    if redirect is None or redirect.new_id is not None:
        return False
    followed = select(models.PassageRedirect.old_id).where(
        models.PassageRedirect.article_id == article_id, models.PassageRedirect.new_id.is_not(None)
    )
    return session.scalars(followed.limit(1)).first() is None


def passage(session: Session, paragraph_id: str, *, base_url: str, today: date | None = None) -> PassageContext:
    """The passage page for ``paragraph_id``; ``base_url`` (no trailing slash) makes the permalink."""
    paragraph, chain = resolve(session, paragraph_id)
    context = article(session, paragraph.article_id, marked_id=paragraph.id)
    permalink = f"{base_url}/p/{paragraph.id}"
    facts = citations.CiteFacts.from_record(
        context.record, paragraph_id=paragraph.id, permalink=permalink, accessed=today or date.today()
    )
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
        citation_gbt=citations.gbt7714(facts),
        citation_plain=citations.plain(facts, zh_date(facts.date)),
        citation_ris=citations.ris(facts),
        citation_bibtex=citations.bibtex(facts),
        article=context,
    )
