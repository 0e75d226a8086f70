"""One view, two formats: a page at ``path`` and its JSON twin at ``/api`` + ``path``.

The way Datasette serves a table as HTML and as ``.json`` from one data function: a route
module writes the function that parses parameters and returns the page's context once, and
:func:`page_and_json` registers both URLs for it. The HTML route renders ``template`` with
the context as ``ctx``; the JSON route answers the same context (or ``to_json(context)``
where a page's JSON is a narrower record). The function's own parameters (path, query,
dependencies, ``request``) become both routes'.

The JSON route's OpenAPI answer is the context's own dataclass, which pydantic reads as it
reads a model — the schema is the type the answer is made from, so the two cannot drift —
or, for a narrower record, the pydantic model ``to_json`` returns. Each route declares only
the error statuses its view can raise.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.errors import error_responses
from app.templating import page

View = Callable[..., Any]


def page_and_json(
    router: APIRouter, path: str, template: str, *, errors: tuple[int, ...] = (),
    to_json: Callable[[Any], Any] | None = None, json_model: Any = None,
    api_path: str | None = None, page_extras: View | None = None,
) -> Callable[[View], View]:
    """Decorator: serve ``view``'s context as ``template`` at ``path`` and as JSON at ``/api{path}``
    (or ``api_path``). ``errors`` are the statuses the view can answer besides 200 (404 for an
    unknown id, 410 for a removed one, 301 for a moved one, 422 for a bad query parameter),
    declared in the schema with the one error shape. ``to_json`` narrows the context to the
    JSON record, which is then the ``json_model`` it names. ``page_extras``, called with the
    view's own arguments, adds template variables only the page needs (the map)."""
    if to_json is not None and json_model is None:
        raise TypeError(f"{path}: a twin with its own to_json names the json_model it answers")

    def register(view: View) -> View:
        signature = inspect.signature(view, eval_str=True)
        wants_request = "request" in signature.parameters
        own = [p for name, p in signature.parameters.items() if name != "request"]
        request_parameter = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
        model = json_model if json_model is not None else signature.return_annotation

        def call(request: Request, kwargs: dict[str, Any]) -> Any:
            return view(request=request, **kwargs) if wants_request else view(**kwargs)

        def html(request: Request, **kwargs: Any) -> Response:
            extras = page_extras(**kwargs) if page_extras else {}
            return page(request, template, call(request, kwargs), **extras)

        def api(request: Request, **kwargs: Any) -> Any:
            context = call(request, kwargs)
            return to_json(context) if to_json is not None else context

        # FastAPI reads parameters from __signature__: the view's own, plus the request.
        endpoints: list[tuple[Any, str, Any]] = [(html, "page", Response), (api, "json", model)]
        for endpoint, suffix, returns in endpoints:
            endpoint.__name__ = f"{view.__name__}_{suffix}"
            endpoint.__doc__ = view.__doc__
            endpoint.__signature__ = signature.replace(parameters=[request_parameter, *own], return_annotation=returns)
        router.get(path, response_class=HTMLResponse, include_in_schema=False)(html)
        router.get(api_path or f"/api{path}", response_model=model, responses=error_responses(*errors))(api)
        return view

    return register
