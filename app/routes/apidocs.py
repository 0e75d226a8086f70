"""``/docs``: the API reference in Chinese, built from the app's own OpenAPI schema.

FastAPI's default ``/docs`` loads Swagger UI from a CDN and is blank without internet;
this page needs nothing but the server. Each endpoint shows what it answers, every
parameter described (:mod:`app.routes.apidocs_text`), an example request that works on
this archive (real ids filled in) and the shape of its answer. ``/openapi.json`` stays
for tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import models
from app.deps import SessionDep
from app.routes.apidocs_text import ENDPOINTS, PARAMETERS
from app.templating import page

router = APIRouter(tags=["docs"])

#: Parameter locations as a reader knows them.
WHERE = {"query": "查询参数", "path": "路径"}


@dataclass
class Parameter:
    """One query or path parameter of an endpoint."""

    name: str
    where: str  # query | path
    required: bool
    type: str
    description: str


@dataclass
class Endpoint:
    """One JSON endpoint: the schema's facts and the Chinese words and example for it."""

    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    example_request: str = ""
    example_response: str = ""


def endpoints(schema: dict[str, Any], ids: dict[str, str] | None = None) -> list[Endpoint]:
    """Every documented operation of ``schema``, in the schema's order; ``ids`` fill the examples."""
    found: list[Endpoint] = []
    for path, operations in schema.get("paths", {}).items():
        words = ENDPOINTS.get(path)
        for method, operation in operations.items():
            found.append(Endpoint(
                method=method.upper(), path=path, summary=words.summary if words else operation.get("summary", ""),
                description=operation.get("description", ""),
                parameters=[_parameter(p) for p in operation.get("parameters", [])],
                example_request=_filled(words.request, ids or {}) if words else "",
                example_response=words.response if words else "",
            ))
    return found


def _filled(request: str, ids: dict[str, str]) -> str:
    for name, value in ids.items():
        request = request.replace("{" + name + "}", value)
    return request


def _parameter(spec: dict[str, Any]) -> Parameter:
    schema = spec.get("schema", {})
    kinds = [s.get("type", "") for s in schema.get("anyOf", [schema])]
    name = spec.get("name", "")
    return Parameter(
        name=name, where=WHERE.get(spec.get("in", ""), spec.get("in", "")), required=bool(spec.get("required")),
        type=" | ".join(k for k in kinds if k and k != "null") or "string",
        description=PARAMETERS.get(name) or spec.get("description", ""),
    )


def _example_ids(session: Session) -> dict[str, str]:
    # Real ids, so every example request answers on this archive (placeholders when empty).
    row = session.execute(
        select(models.Paragraph.id, models.Paragraph.article_id, models.Article.source_id)
        .join(models.Article, models.Article.id == models.Paragraph.article_id)
        .order_by(models.Paragraph.article_id, models.Paragraph.ordinal).limit(1)
    ).first()
    if row is None:
        return {"paragraph": "p-…", "article": "a-…", "source": "s-…"}
    return {"paragraph": row[0], "article": row[1], "source": row[2]}


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request, session: SessionDep) -> Response:
    """The JSON API, endpoint by endpoint, with parameters and examples; works offline."""
    return page(request, "apidocs.html", endpoints(request.app.openapi(), _example_ids(session)))
