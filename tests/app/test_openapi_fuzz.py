"""Schemathesis over the archive's OpenAPI schema: every operation, a bounded number of
generated requests each, every check on — no server error, only declared status codes and
media types, answers valid under the declared response schemas — but one: a request valid
under the schema may still be refused (422), because ``zone=``/``city=`` must name a place
the archive knows and ``date_from`` must not be after ``date_to``, which no schema says."""

from __future__ import annotations

from typing import Any

import hypothesis
import schemathesis
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
