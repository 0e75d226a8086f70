"""The ``devzone`` command as installed: a head start for a small ingest, then the CLI.

Kept apart from :mod:`ingest.cli` so the head start (:mod:`ingest.head_start`) forks before
the CLI's own imports — typer, pydantic-settings — which it would otherwise wait for.
"""

from __future__ import annotations

import sys


def main() -> None:
    from ingest import head_start

    head_start.start(head_start.files_named(sys.argv))
    from ingest.cli import main as cli_main

    cli_main()
