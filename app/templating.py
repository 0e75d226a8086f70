"""The Jinja2 environment of the reading room: autoescape everywhere, a few Chinese filters.

Autoescape is on for every template, whatever its extension (``feed.atom`` and
``opensearch.xml`` included), so text from a report can never run as markup. The only
string marked safe is the search service's ``snippet_html``, which it builds from escaped
text and ``<mark>`` tags.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"


def zh_date(value: str | None) -> str:
    """``2024-08-19`` → ``2024年8月19日``; ``2024-08`` → ``2024年8月``; nothing → ``日期不详``."""
    if not value:
        return "日期不详"
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return value
    labels = ("年", "月", "日")
    return "".join(f"{number}{label}" for number, label in zip(numbers, labels, strict=False))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["zh_date"] = zh_date
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> Response:
    """The template ``name`` rendered with ``context`` (plus ``request``)."""
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def page(request: Request, name: str, ctx: Any, **extra: Any) -> Response:
    """A page whose template reads one context object as ``ctx`` (the JSON twin's data)."""
    return render(request, name, {"ctx": ctx, **extra})
