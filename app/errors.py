"""The archive's own errors and the one handler that shows them.

Every failure a user can cause ends here: an HTML page in Chinese for the reading room, or
one JSON shape for ``/api/*`` (and the other machine URLs)::

    {"error": {"status": 404, "message": "…"}}

A :class:`Gone` passage adds the quote it used to hold (``old_text``) and, when its article
still exists, ``article_id``. No traceback ever reaches a reader: unknown exceptions are
logged and answered with a plain 500 page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.security import HEADERS
from app.templating import render

logger = logging.getLogger(__name__)

#: Paths answered in JSON rather than HTML: the API and the data downloads.
MACHINE_PREFIXES = ("/api/",)
MACHINE_SUFFIXES = (".json", ".csv", ".jsonl", ".xml", ".atom")

TITLES = {
    301: "已移到新地址",
    400: "请求有误",
    404: "没有找到",
    405: "不支持的请求方法",
    410: "段落已不存在",
    422: "参数有误",
    500: "服务器出错",
    503: "暂时无法访问",
}
#: Seconds a client is told to wait when the database cannot be reached.
RETRY_AFTER = 5


class ArchiveError(Exception):
    """A failure with an HTTP status and a message a reader can act on (in Chinese)."""

    status = 500

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        #: Extra JSON-ready fields for the error object and the error page.
        self.extra = extra


class NotFound(ArchiveError):
    """No record has this id or slug."""

    status = 404


class Gone(ArchiveError):
    """The record existed once and is no more (a deleted passage); ``extra`` keeps its quote."""

    status = 410


class Moved(ArchiveError):
    """The record has a new id (an edited article's title changed it); answered with a 301.

    ``extra["new_id"]`` replaces the old id, the last segment of the requested path.
    """

    status = 301


class BadParameter(ArchiveError):
    """A query parameter the archive cannot use (a malformed date, a page below 1 …)."""

    status = 422


class ErrorDetail(BaseModel):
    """What went wrong: the status again and a message in Chinese (plus any extra fields)."""

    model_config = ConfigDict(extra="allow")
    status: int
    message: str


class ErrorBody(BaseModel):
    """The one JSON shape of every error."""

    error: ErrorDetail


def error_responses(*statuses: int, json_route: bool = True) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` declaring these error statuses with the one error shape. A route
    answering another media type (CSV) still errs in JSON: its errors name the JSON schema
    (registered by the JSON routes) rather than the route's own media type. A 301
    (:class:`Moved`) has no body, only the new address in ``Location``."""
    declared: dict[int | str, dict[str, Any]] = {}
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    for status in statuses:
        description = TITLES.get(status, "出错了")
        if status == Moved.status:
            declared[status] = {"description": description, "headers": {"Location": {"schema": {"type": "string"}}}}
        elif json_route:
            declared[status] = {"model": ErrorBody, "description": description}
        else:
            declared[status] = {"description": description, "content": content}
    return declared


def wants_json(request: Request) -> bool:
    """Machine URLs answer JSON; everything else is a page for people."""
    path = request.url.path
    return path.startswith(MACHINE_PREFIXES) or path.endswith(MACHINE_SUFFIXES)


def error_response(request: Request, status: int, message: str, extra: dict[str, Any] | None = None) -> Response:
    """The one rendering of an error: the JSON shape for machines, the error page for people."""
    extra = extra or {}
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message, **extra}}, status_code=status)
    context = {"status": status, "title": TITLES.get(status, "出错了"), "message": message, "extra": extra}
    return render(request, "error.html", context, status_code=status)


async def _archive_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ArchiveError)
    if isinstance(exc, Moved):
        location = request.url.path.rsplit("/", 1)[0] + "/" + quote(str(exc.extra["new_id"]))
        return RedirectResponse(location, status_code=exc.status)
    return error_response(request, exc.status, exc.message, exc.extra)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = {404: "没有这个页面。", 405: "此地址不支持这种请求方法。"}.get(exc.status_code, str(exc.detail))
    return error_response(request, exc.status_code, message)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # Name the parameters, never echo the user's value back (it may be 2,000 characters).
    names = sorted({str(err.get("loc", ("", "?"))[-1]) for err in exc.errors()})
    return error_response(request, 422, f"参数有误：{'、'.join(names)}。", {"parameters": names})


async def _database_unavailable(request: Request, exc: Exception) -> Response:
    # The database went away (a restart, a fail-over): a passing condition, not our bug.
    logger.warning("database unavailable on %s: %s", request.url.path, str(exc).splitlines()[0] if str(exc) else exc)
    response = error_response(request, 503, "档案数据库暂时无法访问，请稍后再试。")
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


async def _unexpected(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s", request.url.path)
    response = error_response(request, 500, "服务器内部出错，请稍后再试。")
    # Starlette answers this one outside every middleware, the security headers' included.
    for name, value in HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


_UNAVAILABLE = {
    "description": TITLES[503],
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
    **error_responses(503, json_route=False)[503],
}


def _declared_errors(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """``app.openapi`` saying what these handlers answer. FastAPI's own 422 on every route with
    a parameter goes: it names FastAPI's error shape, which :func:`_validation_error` never
    answers, and a path segment taken as a string cannot fail (routes that validate declare
    422 themselves). A 503 with ``Retry-After`` comes in: any operation can meet a database
    that went away (:func:`_database_unavailable`)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                shape = responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema", {})
                if shape.get("$ref", "").endswith("/HTTPValidationError"):
                    del responses["422"]
                responses.setdefault("503", dict(_UNAVAILABLE))
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        return schema

    return openapi


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through :func:`error_response`, and let the schema say only that."""
    app.openapi = _declared_errors(app)  # type: ignore[method-assign]
    app.add_exception_handler(ArchiveError, _archive_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(InterfaceError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)
