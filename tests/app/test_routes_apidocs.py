"""/docs: the API reference works offline and lists every JSON endpoint with its parameters."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.routes.apidocs import endpoints


def test_docs_page_lists_every_endpoint_without_a_cdn(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "cdn" not in response.text.lower()
    for path in client.get("/openapi.json").json()["paths"]:
        assert path in response.text


def test_search_endpoint_documents_its_parameters(client: TestClient) -> None:
    [search] = [e for e in endpoints(client.get("/openapi.json").json()) if e.path == "/api/search"]
    names = {p.name for p in search.parameters}
    assert {"q", "zone", "city", "date_from", "date_to", "page", "per_page"} <= names
