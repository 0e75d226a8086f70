"""One view, two formats: each page and its /api twin come from one function."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import session_scope
from app.records import iter_article_records
from app.routes.twins import page_and_json

PAIRS = [("/", "/api/home"), ("/zones", "/api/zones"), ("/cities", "/api/cities"), ("/papers", "/api/papers"),
         ("/articles", "/api/articles")]


@pytest.mark.parametrize(("page", "api"), PAIRS)
def test_each_page_has_its_json_twin(client: TestClient, page: str, api: str) -> None:
    html, data = client.get(page), client.get(api)
    assert html.status_code == data.status_code == 200
    assert html.headers["content-type"].startswith("text/html") and isinstance(data.json(), dict)


def test_twins_share_parameters_and_errors(client: TestClient) -> None:
    assert client.get("/articles", params={"page": 0}).status_code == 422
    assert client.get("/api/articles", params={"page": 0}).json()["error"]["status"] == 422
    assert client.get("/zones/nowhere").status_code == client.get("/api/zones/nowhere").status_code == 404


def test_the_decorator_registers_both_routes_with_the_views_parameters() -> None:
    router = APIRouter()

    @page_and_json(router, "/things/{slug}", "zones.html")
    def thing(slug: str, limit: int = 3) -> dict[str, object]:
        """A thing."""
        return {"slug": slug, "limit": limit}

    routes = {route.path: route for route in router.routes if isinstance(route, APIRoute)}
    assert set(routes) == {"/things/{slug}", "/api/things/{slug}"}
    api = routes["/api/things/{slug}"]
    assert {p.name for p in api.dependant.query_params} == {"limit"}
    assert {p.name for p in api.dependant.path_params} == {"slug"}
    assert api.endpoint.__doc__ == "A thing." and api.endpoint(request=None, slug="a", limit=5) == {"slug": "a", "limit": 5}


def test_a_twin_declares_its_answer_and_only_the_errors_named() -> None:
    router = APIRouter()

    @page_and_json(router, "/things/{slug}", "zones.html", errors=(404,))
    def thing(slug: str) -> list[str]:
        """A thing."""
        return [slug]

    app = FastAPI()
    app.include_router(router)
    responses = app.openapi()["paths"]["/api/things/{slug}"]["get"]["responses"]
    assert "404" in responses and "410" not in responses
    assert responses["200"]["content"]["application/json"]["schema"]["type"] == "array"
    with pytest.raises(TypeError, match="json_model"):
        page_and_json(router, "/other", "zones.html", to_json=str)


def test_an_articles_json_is_its_export_record(client: TestClient, sample_settings: Settings) -> None:
    with session_scope(sample_settings) as session:
        records = list(iter_article_records(session))
    for record in records[:5]:
        assert client.get(f"/api/articles/{record['id']}").json() == record
