"""The ``devzone`` command line: README's commands are the CLI's, and reprocess and remove
answer bad input with one line and a non-zero exit."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from app.config import Settings
from ingest.cli import cli
from ingest.pipeline import SAMPLE_CORPUS, ingest

REPO = Path(__file__).resolve().parents[2]


def test_readme_names_every_command_and_only_real_ones() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"devzone (\w+)", readme))
    offered = {command.name for command in cli.registered_commands}
    assert documented == offered


def test_reprocess_and_remove_report_in_one_line(empty_settings: Settings) -> None:
    ingest(empty_settings, [SAMPLE_CORPUS / "004_1f7bcc093c03989e.txt"])
    data_dir = str(empty_settings.data_dir)
    # The same backend as the fixture's archive (PostgreSQL too, when the tests have it).
    runner = CliRunner(env={"DEVZONE_DATABASE_URL": empty_settings.database} if empty_settings.database else None)
    reprocessed = runner.invoke(cli, ["reprocess", "--data-dir", data_dir])
    assert reprocessed.exit_code == 0 and "0 reprocessed, 1 up to date" in reprocessed.output
    unknown = runner.invoke(cli, ["remove", "--data-dir", data_dir, "nothing.txt"])
    assert unknown.exit_code == 1
    assert unknown.output.strip().splitlines() == ["devzone remove: no source 'nothing.txt' in the archive"]
    removed = runner.invoke(cli, ["remove", "--data-dir", data_dir, "004_1f7bcc093c03989e.txt"])
    assert removed.exit_code == 0 and "removed 004_1f7bcc093c03989e.txt" in removed.output
