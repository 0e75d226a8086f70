"""The passage permalink ``/p/{id}`` and ``/api/passages/{id}``.

An edited passage's old id answers 200 with the current version and says so; a gone one
answers 410 with its old quote (through :class:`app.errors.Gone`); an unknown one 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.archive import passages
from app.archive.common import as_json, shown_id
from app.deps import SessionDep, SettingsDep
from app.errors import NotFound
from app.routes.twins import page_and_json

router = APIRouter(tags=["passages"])


#: Citation downloads: suffix → (context field, media type).
CITATION_FILES = {
    "ris": ("citation_ris", "application/x-research-info-systems; charset=utf-8"),
    "bib": ("citation_bibtex", "application/x-bibtex; charset=utf-8"),
}


@router.get("/p/{paragraph_id}.{kind}", include_in_schema=False)
def passage_citation(
    request: Request, paragraph_id: str, kind: str, session: SessionDep, settings: SettingsDep
) -> Response:
    """The passage's citation as a file a reference manager imports (RIS or BibTeX)."""
    if kind not in CITATION_FILES:
        raise NotFound(f"没有 .{shown_id(kind)} 格式的引用，可用 .ris 或 .bib。")
    field, media_type = CITATION_FILES[kind]
    # DEVZONE_BASE_URL or a relative link: never the Host header, which any client can forge.
    context = passages.passage(session, paragraph_id, base_url=settings.public_base)
    headers = {"content-disposition": f'attachment; filename="{context.id}.{kind}"'}
    # Registered before /p/{id}, whose parameter would otherwise swallow the suffix.
    return Response(getattr(context, field), media_type=media_type, headers=headers)


def _small(context: passages.PassageContext) -> dict[str, Any]:
    # The article is one request away; the passage's own record stays small.
    record = as_json(context)
    article = record.pop("article")
    record["article_id"] = article["record"]["id"]
    record["article_title"] = article["record"]["title"]
    return record


@page_and_json(router, "/p/{paragraph_id}", "passage.html", api_path="/api/passages/{paragraph_id}", to_json=_small)
def passage(
    request: Request, paragraph_id: str, session: SessionDep, settings: SettingsDep
) -> passages.PassageContext:
    """The paragraph marked inside its article, how it was reached (``status``,
    ``redirected_from``), a copy-link button and its citations."""
    return passages.passage(session, paragraph_id, base_url=settings.public_base)
