"""Schemathesis over the archive's OpenAPI schema: every operation, a bounded number of
generated requests each, every check on — no server error, only declared status codes and
media types, answers valid under the declared response schemas — but one: a request valid
under the schema may still be refused (422), because ``zone=``/``city=`` must name a place
the archive knows and ``date_from`` must not be after ``date_to``, which no schema says.
Generated ids are almost never real, so each route naming a record in its path is also
called once with a real one and its answer checked the same way."""

from __future__ import annotations

from typing import Any

import hypothesis
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import given
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.config import Settings
from app.main import create_app

#: Generated requests per operation: enough to reach each parameter's edges, bounded for CI.
EXAMPLES = 25


def test_every_operation_answers_as_its_schema_says(sample_settings: Settings) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(sample_settings))
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 8
    failures: dict[str, str] = {}
    for operation in operations:
        try:
            _fuzz(operation)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - one report for every operation
            failures[operation.label] = str(exc)[:1500]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())


def _fuzz(operation: Any) -> None:
    @given(case=operation.as_strategy())
    @hypothesis.settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(hypothesis.HealthCheck))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    run()


def test_every_record_route_answers_a_real_record_as_its_schema_says(
    sample_settings: Settings, client: TestClient
) -> None:
    real = _real_ids(client)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(sample_settings))
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        names = [parameter.name for parameter in operation.path_parameters]
        if names:
            case = operation.Case(path_parameters={name: real[operation.path][name] for name in names})
            assert case.call_and_validate().status_code == 200, operation.label
            checked.append(operation.path)
    assert set(checked) == set(real)


def _real_ids(client: TestClient) -> dict[str, dict[str, str]]:
    # The busiest zone and city, the paper with most pages, and its newest page's first article.
    zone = client.get("/api/zones").json()["cities"][0]["zones"][0]["slug"]
    city = client.get("/api/cities").json()["cities"][0]["slug"]
    paper = client.get("/api/papers").json()["papers"][0]["key"]
    page = client.get(f"/api/papers/{paper}").json()["issues"][0]["pages"][0]
    article = page["articles"][0]
    return {
        "/api/zones/{slug}": {"slug": zone}, "/api/cities/{slug}": {"slug": city}, "/api/papers/{key}": {"key": paper},
        "/api/sources/{source_id}": {"source_id": page["source_id"]},
        "/api/articles/{article_id}": {"article_id": article["id"]},
        "/api/passages/{paragraph_id}": {"paragraph_id": article["passage"]["id"]},
    }
