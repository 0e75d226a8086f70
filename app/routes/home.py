"""The front page and the archive's OpenSearch description."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.archive import articles
from app.archive.common import as_json
from app.deps import SessionDep, SettingsDep
from app.templating import page, render

router = APIRouter(tags=["home"])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home_page(request: Request, session: SessionDep) -> Response:
    """Search box, zones by city, latest articles, corpus stats."""
    return page(request, "home.html", articles.home(session))


@router.get("/api/home")
def home_json(session: SessionDep) -> dict[str, object]:
    """The front page's data: corpus stats, zones by city, latest articles."""
    return as_json(articles.home(session))


@router.get("/opensearch.xml", include_in_schema=False)
def opensearch(request: Request, settings: SettingsDep) -> Response:
    """Lets a browser add the archive as a search engine (absolute with ``DEVZONE_BASE_URL``)."""
    response = render(request, "opensearch.xml", {"base": settings.public_base})
    response.headers["content-type"] = "application/opensearchdescription+xml; charset=utf-8"
    return response
