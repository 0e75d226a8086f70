"""``/docs``: the API reference, rendered from the app's own OpenAPI schema.

FastAPI's default ``/docs`` loads Swagger UI from a CDN and is blank without internet;
this page needs nothing but the server. ``/openapi.json`` stays for tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.templating import page

router = APIRouter(tags=["docs"])


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
    """One JSON endpoint, as the OpenAPI schema describes it."""

    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every documented operation of ``schema``, in path order."""
    found: list[Endpoint] = []
    for path, operations in sorted(schema.get("paths", {}).items()):
        for method, operation in operations.items():
            found.append(Endpoint(
                method=method.upper(), path=path, summary=operation.get("summary", ""),
                description=operation.get("description", ""),
                parameters=[_parameter(p) for p in operation.get("parameters", [])],
            ))
    return found


def _parameter(spec: dict[str, Any]) -> Parameter:
    schema = spec.get("schema", {})
    kinds = [s.get("type", "") for s in schema.get("anyOf", [schema])]
    return Parameter(
        name=spec.get("name", ""), where=spec.get("in", ""), required=bool(spec.get("required")),
        type=" | ".join(k for k in kinds if k) or "string", description=spec.get("description", ""),
    )


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The JSON API, endpoint by endpoint, with parameters; works offline."""
    return page(request, "apidocs.html", endpoints(request.app.openapi()))
