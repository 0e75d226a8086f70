"""The front page and the archive's OpenSearch description."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from app.archive import articles
from app.deps import SessionDep, SettingsDep
from app.routes.twins import page_and_json
from app.templating import render

router = APIRouter(tags=["home"])


@page_and_json(router, "/", "home.html", api_path="/api/home")
def home(session: SessionDep) -> articles.HomeContext:
    """The front page's data: corpus stats, zones by city, latest articles."""
    return articles.home(session)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    """Browsers and tools that ask for /favicon.ico get the archive's icon."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/opensearch.xml", include_in_schema=False)
def opensearch(request: Request, settings: SettingsDep) -> Response:
    """Lets a browser add the archive as a search engine (absolute with ``DEVZONE_BASE_URL``)."""
    response = render(request, "opensearch.xml", {"base": settings.public_base})
    response.headers["content-type"] = "application/opensearchdescription+xml; charset=utf-8"
    return response
