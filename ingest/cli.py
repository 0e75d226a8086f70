"""``devzone``: the archive's command line (CONTRACT.md). A thin shell over the pipeline
(ingest, reprocess, remove), the export records, the search service and the web app."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from app.config import Settings, settings_for

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="devzone-archive: Shanxi development-zone reports.")

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Archive folder (default: $DEVZONE_DATA_DIR, else ./data)."),
]


def _settings(data_dir: Path | None) -> Settings:
    return settings_for(data_dir)


@cli.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders.")],
    data_dir: DataDir = None,
) -> None:
    """Ingest report text files into the archive (idempotent; junk files are skipped)."""
    from ingest.pipeline import expand_paths, ingest

    missing = [p for p in paths if not p.exists()]
    for path in missing:
        typer.echo(f"skipped {path}: no such file or folder", err=True)
    existing = [p for p in paths if p.exists()]
    settings = _settings(data_dir)
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("ingesting", total=len(expand_paths(existing, archive=settings.data_dir.resolve())))
            summary = ingest(settings, existing, progress=lambda n: bar.advance(task, n))
    else:
        summary = ingest(settings, existing)
    for message in summary.notes:
        typer.echo(message, err=True)
    for message in summary.skipped:
        typer.echo(f"skipped {message}", err=True)
    typer.echo(summary.line(), err=True)


@cli.command("reprocess")
def reprocess_command(
    data_dir: DataDir = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Every source, not only those an older pipeline or gazetteer derived.")
    ] = False,
) -> None:
    """Run the pipeline again over the source texts the archive holds (passage ids kept)."""
    from ingest.reprocess import line, reprocess, stale_count

    settings = _settings(data_dir)
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("reprocessing", total=stale_count(settings, everything=everything))
            summary = reprocess(settings, everything=everything, progress=lambda n: bar.advance(task, n))
    else:
        summary = reprocess(settings, everything=everything)
    for message in summary.skipped:
        typer.echo(f"skipped {message}", err=True)
    typer.echo(line(summary), err=True)


@cli.command("remove")
def remove_command(
    sources: Annotated[list[str], typer.Argument(help="Source ids, names, paths or file names.")],
    data_dir: DataDir = None,
) -> None:
    """Take sources out of the archive; links to their passages then answer 410 Gone."""
    from ingest.remove import UnknownSource, remove

    try:
        summary = remove(_settings(data_dir), sources)
    except UnknownSource as exc:
        typer.echo(f"devzone remove: {exc}", err=True)
        raise typer.Exit(1) from None
    for message in summary.notes:
        typer.echo(message, err=True)


@cli.command("export")
def export_command(data_dir: DataDir = None) -> None:
    """Write the whole archive as JSON lines, one article per line."""
    from app.db import session_scope, upgrade
    from app.records import iter_article_records

    settings = _settings(data_dir)
    upgrade(settings)
    with session_scope(settings) as session:
        for record in iter_article_records(session):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@cli.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Search words; \"phrase\", OR, -exclude.")],
    data_dir: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /api/search JSON.")] = False,
    page: int = 1,
    per_page: int = 20,
) -> None:
    """Search the archive, as /search does."""
    from app.db import upgrade
    from app.search.service import SearchParams, results_json, search

    settings = _settings(data_dir)
    upgrade(settings)
    results = search(settings, SearchParams(q=query, page=page, per_page=min(per_page, settings.max_per_page)))
    if as_json:
        typer.echo(json.dumps(results_json(results), ensure_ascii=False))
        return
    typer.echo(f"{results.total} articles for {query!r}")
    for hit in results.results:
        typer.echo(f"{hit.date or '----------'}  {hit.title}  {hit.url}")


@cli.command("serve")
def serve_command(
    data_dir: DataDir = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web archive; an empty archive first ingests the bundled sample corpus."""
    import uvicorn

    from app.main import create_app
    from app.server import ArchiveH11Protocol
    from ingest.pipeline import SAMPLE_CORPUS, archive_is_empty, ingest, rebuild_missing_index

    settings = _settings(data_dir)
    if settings.serve_read_only:
        typer.echo(f"read-only archive: serving {settings.data_dir} as it is", err=True)
    elif archive_is_empty(settings):
        typer.echo(f"empty archive: ingesting the sample corpus ({SAMPLE_CORPUS})", err=True)
        typer.echo(ingest(settings, [SAMPLE_CORPUS]).line(), err=True)
    elif rebuild_missing_index(settings):
        typer.echo("the search index was missing or of an older schema: rebuilt from the database", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, http=ArchiveH11Protocol)


def main() -> None:
    """The ``devzone`` entry point: a failure is one line on stderr and exit status 1
    (``--debug`` anywhere on the command line shows the traceback instead)."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        cli(standalone_mode=True)
    except SystemExit as done:
        _end(done.code)
    except KeyboardInterrupt:
        typer.echo("devzone: interrupted; nothing was half-written (a run is all or nothing)", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        typer.echo(f"devzone: {one_line(exc)}", err=True)
        sys.exit(1)


def _end(code: int | str | None) -> None:
    """End the process as soon as the command is done. Its work is committed; with the
    database connections closed here, what Python's own teardown would still do — free every
    module and the jieba dictionary object by object, ~75 ms of a one-file ingest — is
    nothing the archive needs."""
    from app.db import dispose_engines

    if isinstance(code, str):
        typer.echo(code, err=True)
    dispose_engines()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that left (| head), or a closed stream
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def one_line(exc: BaseException) -> str:
    """What went wrong and what to do, in one line."""
    import errno

    from ingest.guard import ArchiveBusy

    if isinstance(exc, ArchiveBusy):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return ("no space left on device; the run was rolled back and its partial files removed — "
                "free some space and run it again")
    if isinstance(exc, PermissionError):
        return f"permission denied: {exc.filename or exc}; check the archive folder's owner and modes"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first[:300]} (run again with --debug for the traceback)"
