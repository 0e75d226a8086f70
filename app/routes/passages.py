"""The passage permalink ``/p/{id}`` and ``/api/passages/{id}``.

An edited passage's old id answers 200 with the current version and says so; a gone one
answers 410 with its old quote (through :class:`app.errors.Gone`); an unknown one 404.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.archive import passages
from app.archive.common import shown_id
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


class PassageAnswer(BaseModel):
    """``/api/passages/{id}``: the passage page's context without its article, which is one
    request away (``/api/articles/{article_id}``)."""

    # Forbid what is not declared: a field added to the page's context fails the tests here
    # rather than slipping into (or out of) the answer unannounced.
    model_config = ConfigDict(extra="forbid")
    requested_id: str = Field(description="The id in the URL.")
    id: str = Field(description="The id of the paragraph shown (differs from requested_id after an edit).")
    status: Literal["live", "edited"] = Field(description="'edited' when the id named an earlier version.")
    redirected_from: list[str] = Field(description="Ids followed to reach this paragraph, oldest first.")
    old_text: str | None = Field(description="The requested id's text before the edit (null when live).")
    kind: Literal["body", "heading", "caption"]
    text: str
    line_start: int = Field(description="First source line of the paragraph (1-based).")
    line_end: int = Field(description="Last source line of the paragraph.")
    permalink: str = Field(description="The URL to cite: /p/{id} (absolute with DEVZONE_BASE_URL).")
    source_url: str = Field(description="Its lines in the source view: /sources/{source_id}#L{start}-L{end}.")
    citation_gbt: str = Field(description="Citation in GB/T 7714-2015 form.")
    citation_plain: str = Field(description="A plain-text citation.")
    citation_ris: str = Field(description="The citation as an RIS record (also /p/{id}.ris).")
    citation_bibtex: str = Field(description="The citation as a BibTeX entry (also /p/{id}.bib).")
    article_id: str = Field(description="Its article: /api/articles/{article_id}.")
    article_title: str


def _small(context: passages.PassageContext) -> PassageAnswer:
    own = {f.name: getattr(context, f.name) for f in fields(context) if f.name != "article"}
    record = context.article.record
    return PassageAnswer(**own, article_id=record["id"], article_title=record["title"])


@page_and_json(router, "/p/{paragraph_id}", "passage.html", api_path="/api/passages/{paragraph_id}",
               errors=(404, 410), to_json=_small, json_model=PassageAnswer)
def passage(
    request: Request, paragraph_id: str, session: SessionDep, settings: SettingsDep
) -> passages.PassageContext:
    """The paragraph marked inside its article, how it was reached (``status``,
    ``redirected_from``), a copy-link button and its citations."""
    return passages.passage(session, paragraph_id, base_url=settings.public_base)
