"""The OpenAPI schema says what the routes do: every JSON answer's model, the right media
types, parameter bounds, and each error status only on the routes that can answer it (503,
a database gone away, on all), with the one error shape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from app.main import create_app
from ingest.pipeline import SAMPLE_CORPUS, ingest
from ingest.remove import remove

#: The only routes that can meet a record the archive held once and no more (410).
GONE = {"/api/articles/{article_id}", "/api/passages/{paragraph_id}"}
#: The only route whose record can move to a new id (301 to it): an article whose edited title changed it.
MOVED = {"/api/articles/{article_id}"}
#: What each download's suffix is answered as; everything else answers JSON.
MEDIA_TYPES = {".csv": "text/csv", ".jsonl": "application/x-ndjson"}


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            yield path, operation


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _error_shape(response: dict[str, Any]) -> str:
    return str(response["content"]["application/json"]["schema"]["$ref"]).rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    return client.get("/openapi.json").json()


def test_search_declares_its_answer_and_bounds(spec: dict[str, Any]) -> None:
    search = spec["paths"]["/api/search"]["get"]
    answer = _resolve(spec, search["responses"]["200"]["content"]["application/json"]["schema"])
    assert {"query", "total", "page", "per_page", "results"} <= set(answer["required"])
    bounds = {p["name"]: p["schema"] for p in search["parameters"]}
    assert bounds["per_page"]["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert bounds["page"]["minimum"] == 1
    assert set(bounds["sort"]["enum"]) >= {"relevance", "newest", "oldest"}


def test_article_list_bounds_its_page_and_year(spec: dict[str, Any]) -> None:
    bounds = {p["name"]: p["schema"] for p in spec["paths"]["/api/articles"]["get"]["parameters"]}
    assert bounds["page"]["minimum"] == 1 and bounds["page"]["maximum"] >= 10_000
    assert bounds["year"]["anyOf"][0]["pattern"] == r"^\d{4}$"


def test_every_answer_declares_its_media_type_and_json_its_model(spec: dict[str, Any]) -> None:
    for path, operation in _operations(spec):
        content = operation["responses"]["200"]["content"]
        expected = next((media for suffix, media in MEDIA_TYPES.items() if path.endswith(suffix)), "application/json")
        assert list(content) == [expected], path
        if expected != "application/json":
            continue
        # A bare object ({"type": "object"}, open to anything) says nothing of the answer.
        answer = _resolve(spec, content[expected]["schema"])
        assert answer.get("type") == "object" and answer.get("properties"), path
        assert answer.get("required"), path


def test_zone_facts_have_the_contracts_fields(spec: dict[str, Any]) -> None:
    zone = spec["paths"]["/api/zones/{slug}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    facts = _resolve(spec, zone)["properties"]["facts"]
    fact = _resolve(spec, facts["items"])
    contract = {"kind", "value", "unit", "period", "name", "stage", "passage_id", "article_id", "date"}
    assert set(fact["properties"]) == set(fact["required"]) == contract


def test_404_is_declared_exactly_where_a_path_names_a_record(spec: dict[str, Any], client: TestClient) -> None:
    for path, operation in _operations(spec):
        responses = operation["responses"]
        assert ("404" in responses) == ("{" in path), path
        if "{" in path:
            assert _error_shape(responses["404"]) == "ErrorBody", path
            unknown = path.split("{")[0] + "no-such-record"
            answer = client.get(unknown)
            assert answer.status_code == 404 and answer.json()["error"]["status"] == 404, unknown


def test_422_is_declared_exactly_where_query_parameters_are(spec: dict[str, Any]) -> None:
    for path, operation in _operations(spec):
        queried = any(p["in"] == "query" for p in operation.get("parameters", []))
        assert ("422" in operation["responses"]) == queried, path
        if queried:
            assert _error_shape(operation["responses"]["422"]) == "ErrorBody", path
    # FastAPI's own validation error shape is never answered, so never declared.
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_410_and_301_are_declared_only_where_they_can_be_met(spec: dict[str, Any]) -> None:
    assert {path for path, operation in _operations(spec) if "410" in operation["responses"]} == GONE
    assert {path for path, operation in _operations(spec) if "301" in operation["responses"]} == MOVED
    for path in GONE:
        assert _error_shape(spec["paths"][path]["get"]["responses"]["410"]) == "ErrorBody"
    for path in MOVED:
        moved = spec["paths"][path]["get"]["responses"]["301"]
        assert "content" not in moved and "Location" in moved["headers"]


def test_every_operation_declares_503_for_a_database_gone_away(spec: dict[str, Any]) -> None:
    for path, operation in _operations(spec):
        unavailable = operation["responses"]["503"]
        assert _error_shape(unavailable) == "ErrorBody" and "Retry-After" in unavailable["headers"], path


@dataclass
class Altered:
    """A client of an archive with a removed page and a moved article, and the ids to try."""

    client: TestClient
    ids: dict[str, str]  # path parameter → an id of the removed page
    moved: str  # an article id that leads to a live article's new one
    moved_to: str


@pytest.fixture(scope="module")
def altered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Altered]:
    """Two sample pages ingested, the first removed; an old article id redirected to one of the
    second, as a re-ingest does when an edited title changes an article's id."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("altered-archive"))
    first, second = sorted(SAMPLE_CORPUS.glob("*.txt"))[:2]
    ingest(settings, [first, second])
    with session_scope(settings) as session:
        gone = session.execute(
            select(models.Paragraph.article_id, models.Paragraph.id).join(models.Article).join(models.Source)
            .where(models.Source.name == first.name).limit(1)
        ).one()
        live = session.scalars(select(models.Article.id).join(models.Source).where(models.Source.name == second.name)).first()
        assert live is not None
        session.add(models.ArticleRedirect(old_id="a-movedaway", new_id=live, old_title="旧标题", created_at=datetime.now()))
    remove(settings, [first.name])
    with TestClient(create_app(settings)) as client:
        yield Altered(client, {"{article_id}": gone[0], "{paragraph_id}": gone[1]}, "a-movedaway", live)


def test_each_route_declaring_410_or_301_can_answer_it(altered: Altered) -> None:
    for path in GONE:
        url = path
        for name, value in altered.ids.items():
            url = url.replace(name, value)
        answer = altered.client.get(url)
        assert answer.status_code == 410 and answer.json()["error"]["status"] == 410, url
    [path] = MOVED
    moved = altered.client.get(path.replace("{article_id}", altered.moved), follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"].endswith("/" + altered.moved_to)
