"""docker-compose.yml: valid under the Compose specification, and the topology that
tests/deploy/test_topology.py runs — PostgreSQL, one publishing ingest job, two read-only
app servers on the shared archive volume.

The schema is the compose-spec project's own ``compose-spec.json`` as vendored (with its
licence) by the pinned ``check-jsonschema`` test dependency; nothing is downloaded.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO

COMPOSE = REPO / "docker-compose.yml"
SERVERS = ("app-1", "app-2")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = YAML(typ="safe", pure=True).load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def compose_schema() -> dict[str, Any]:
    vendored = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "compose-spec.json"
    schema = json.loads(vendored.read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def test_compose_file_is_valid_under_the_compose_specification(compose: dict[str, Any]) -> None:
    schema = compose_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose)]
    assert errors == []


def test_the_schema_catches_a_broken_file(compose: dict[str, Any]) -> None:
    broken = {**compose, "services": {**compose["services"], "app-1": {**compose["services"]["app-1"], "ports": 8001}}}
    schema = compose_schema()
    assert not jsonschema.validators.validator_for(schema)(schema).is_valid(broken)


def test_topology_is_the_tested_one(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"db", "ingest", *SERVERS}
    assert services["db"]["image"].startswith("postgres:15")
    assert {"archive", "pgdata"} <= set(compose["volumes"])
    job = services["ingest"]
    assert job["environment"]["DEVZONE_PUBLISH_INDEX"] == "1" and job["restart"] == "no"
    assert job["command"][:2] == ["devzone", "ingest"] and "archive:/data" in job["volumes"]
    ports = set()
    for name in SERVERS:
        server = services[name]
        env = server["environment"]
        assert env["DEVZONE_DATABASE_URL"].startswith("postgresql+psycopg://") and "@db:" in env["DEVZONE_DATABASE_URL"]
        assert env["DEVZONE_DATABASE_URL"] == job["environment"]["DEVZONE_DATABASE_URL"]
        assert env["DEVZONE_READ_ONLY"] == "1" and "DEVZONE_PUBLISH_INDEX" not in env
        assert server["command"][:2] == ["devzone", "serve"]
        assert server["volumes"] == ["archive:/data:ro"]
        assert server["depends_on"]["ingest"]["condition"] == "service_completed_successfully"
        ports.update(server["ports"])
    assert len(ports) == len(SERVERS), "each server on a port of its own"
