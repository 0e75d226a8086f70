"""The OpenAPI schema says what the routes do: the search answer's model, parameter bounds,
and the error statuses an id can meet, each with the one error shape."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_declares_its_answer_and_bounds(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    search = spec["paths"]["/api/search"]["get"]
    answer = search["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"query", "total", "page", "per_page", "results"} <= set(spec["components"]["schemas"][answer]["required"])
    bounds = {p["name"]: p["schema"] for p in search["parameters"]}
    assert bounds["per_page"]["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert bounds["page"]["minimum"] == 1
    assert set(bounds["sort"]["enum"]) >= {"relevance", "newest", "oldest"}
    for path in ("/api/search", "/search.csv", "/search.jsonl"):
        bad = spec["paths"][path]["get"]["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
        assert bad.endswith("/ErrorBody"), path


def test_ids_declare_404_410_and_422_with_the_error_shape(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles/{article_id}", "/api/passages/{paragraph_id}", "/api/zones/{slug}"):
        responses = paths[path]["get"]["responses"]
        assert {"404", "410", "422"} <= set(responses), path
        assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
