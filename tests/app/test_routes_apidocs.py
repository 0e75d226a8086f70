"""/docs: the API reference works offline and lists every JSON endpoint with its parameters."""

from __future__ import annotations

import re
from html import unescape

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


def test_every_endpoint_and_parameter_is_described_in_chinese(client: TestClient) -> None:
    for endpoint in endpoints(client.get("/openapi.json").json()):
        assert endpoint.summary and any("\u4e00" <= c <= "\u9fff" for c in endpoint.summary), endpoint.path
        assert endpoint.example_request and endpoint.example_response, endpoint.path
        for parameter in endpoint.parameters:
            assert any("\u4e00" <= c <= "\u9fff" for c in parameter.description), (endpoint.path, parameter.name)


def test_every_example_request_answers_on_the_archive(client: TestClient) -> None:
    page = client.get("/docs").text
    requests = re.findall(r'<p class="example-request"><a href="([^"]+)"', page)
    assert len(requests) == len(client.get("/openapi.json").json()["paths"])
    for url in requests:
        assert client.get(unescape(url)).status_code == 200, url
