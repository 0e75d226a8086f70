"""The passage permalink ``/p/{id}`` and ``/api/passages/{id}``.

An edited passage's old id answers 200 with the current version and says so; a gone one
answers 410 with its old quote (through :class:`app.errors.Gone`); an unknown one 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.archive import passages
from app.archive.common import as_json, shown_id
from app.deps import SessionDep
from app.errors import NotFound
from app.templating import page

router = APIRouter(tags=["passages"])


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


#: Citation downloads: suffix → (context field, media type).
CITATION_FILES = {
    "ris": ("citation_ris", "application/x-research-info-systems; charset=utf-8"),
    "bib": ("citation_bibtex", "application/x-bibtex; charset=utf-8"),
}


@router.get("/p/{paragraph_id}.{kind}", include_in_schema=False)
def passage_citation(request: Request, paragraph_id: str, kind: str, session: SessionDep) -> Response:
    """The passage's citation as a file a reference manager imports (RIS or BibTeX)."""
    if kind not in CITATION_FILES:
        raise NotFound(f"没有 .{shown_id(kind)} 格式的引用，可用 .ris 或 .bib。")
    field, media_type = CITATION_FILES[kind]
    context = passages.passage(session, paragraph_id, base_url=_base(request))
    headers = {"content-disposition": f'attachment; filename="{context.id}.{kind}"'}
    # Registered before /p/{id}, whose parameter would otherwise swallow the suffix.
    return Response(getattr(context, field), media_type=media_type, headers=headers)


@router.get("/p/{paragraph_id}", response_class=HTMLResponse, include_in_schema=False)
def passage_page(request: Request, paragraph_id: str, session: SessionDep) -> Response:
    """The paragraph marked inside its article, with a copy-link button and citations."""
    return page(request, "passage.html", passages.passage(session, paragraph_id, base_url=_base(request)))


@router.get("/api/passages/{paragraph_id}")
def passage_json(request: Request, paragraph_id: str, session: SessionDep) -> dict[str, Any]:
    """The passage, how it was reached (``status``, ``redirected_from``) and its citations."""
    context = as_json(passages.passage(session, paragraph_id, base_url=_base(request)))
    # The article is one request away; the passage's own record stays small.
    article = context.pop("article")
    context["article_id"] = article["record"]["id"]
    context["article_title"] = article["record"]["title"]
    return context
