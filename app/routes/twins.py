"""One view, two formats: a page at ``path`` and its JSON twin at ``/api`` + ``path``.

The way Datasette serves a table as HTML and as ``.json`` from one data function: a route
module writes the function that parses parameters and returns the page's context once, and
:func:`page_and_json` registers both URLs for it. The HTML route renders ``template`` with
the context as ``ctx``; the JSON route answers :func:`app.archive.common.as_json` of the
same context (or ``to_json(context)`` where a page's JSON is a narrower record). The
function's own parameters (path, query, dependencies, ``request``) become both routes'.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.archive.common import as_json
from app.errors import error_responses
from app.templating import page

View = Callable[..., Any]


def page_and_json(
    router: APIRouter, path: str, template: str, *, to_json: Callable[[Any], Any] = as_json,
    api_path: str | None = None, page_extras: View | None = None,
) -> Callable[[View], View]:
    """Decorator: serve ``view``'s context as ``template`` at ``path`` and as JSON at ``/api{path}``
    (or ``api_path``). ``page_extras``, called with the view's own arguments, adds template
    variables only the page needs (the map)."""

    def register(view: View) -> View:
        signature = inspect.signature(view, eval_str=True)
        wants_request = "request" in signature.parameters
        own = [p for name, p in signature.parameters.items() if name != "request"]
        request_parameter = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)

        def call(request: Request, kwargs: dict[str, Any]) -> Any:
            return view(request=request, **kwargs) if wants_request else view(**kwargs)

        def html(request: Request, **kwargs: Any) -> Response:
            extras = page_extras(**kwargs) if page_extras else {}
            return page(request, template, call(request, kwargs), **extras)

        def api(request: Request, **kwargs: Any) -> Any:
            return to_json(call(request, kwargs))

        # FastAPI reads parameters from __signature__: the view's own, plus the request.
        endpoints: list[tuple[Any, str, Any]] = [(html, "page", Response), (api, "json", dict[str, Any])]
        for endpoint, suffix, returns in endpoints:
            endpoint.__name__ = f"{view.__name__}_{suffix}"
            endpoint.__doc__ = view.__doc__
            endpoint.__signature__ = signature.replace(parameters=[request_parameter, *own], return_annotation=returns)
        router.get(path, response_class=HTMLResponse, include_in_schema=False)(html)
        # Ids in the path can be unknown (404) or removed (410); any parameter can be bad (422).
        errors = error_responses(404, 410, 422) if "{" in path else error_responses(422)
        router.get(api_path or f"/api{path}", responses=errors)(api)
        return view

    return register
