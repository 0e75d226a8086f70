"""The docs say what the code does: README's commands exist, the architecture names every
pipeline module, and the CLI offers the contract's commands."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from ingest.cli import cli

REPO = Path(__file__).resolve().parent.parent


def test_readme_opens_with_the_two_commands_and_make_has_them() -> None:
    first_screen = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:15])
    assert "make run" in first_screen and "make test" in first_screen
    targets = set(re.findall(r"^([a-z]+):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))
    assert {"run", "test", "bench", "lint"} <= targets


def test_architecture_names_every_ingest_module() -> None:
    architecture = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    modules = {p.stem for p in (REPO / "ingest").glob("*.py")} - {"__init__", "model", "ids", "cli", "pipeline"}
    assert {m for m in modules if m not in architecture} == set()


def test_cli_offers_the_contracts_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "export", "search", "serve"):
        assert command in result.output
    contract_options = {"ingest": "--data-dir", "search": "--json", "serve": "--port"}
    for command, option in contract_options.items():
        assert option in CliRunner().invoke(cli, [command, "--help"]).output
