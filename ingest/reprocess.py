"""``devzone reprocess``: the pipeline again over the source texts the archive holds.

A better cleaning rule, layout reading or gazetteer reaches what is already archived
without the original files: each source's stored text (``Source.text``) and the facts its
user stated (``Source.origin``) run through read → clean → segment → link again and are
stored the way an edited file is. Passage ids keep the contract's promise — the same text
gets the same id, a re-cut paragraph's old id leads to its most similar successor, a
vanished one says it is gone — and an article whose id changes (a better title) leaves a
redirect. Sources already derived by the current :func:`pipeline_version` are skipped
unless ``everything`` is asked for. One transaction, indexed and logged like an ingest.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import models
from app.config import Settings
from app.db import session_scope, upgrade
from ingest import store
from ingest.model import SourceText
from ingest.pipeline import Job, Progress, RunSummary, run_transaction, store_jobs, utc_now
from ingest.version import pipeline_version

#: Sources whose texts are loaded (and derived, on both cores) at a time.
CHUNK = 200


def reprocess(settings: Settings, *, everything: bool = False, progress: Progress | None = None) -> RunSummary:
    """Re-derive the archive's stale sources (all of them with ``everything``).

    The summary counts re-derived sources as ``replaced`` and up-to-date ones as
    ``unchanged``.
    """
    upgrade(settings)
    summary = RunSummary(notes=["reprocess" + (" --all" if everything else "")])
    now = utc_now()
    version = pipeline_version()

    def work(session: Session) -> None:
        store.seed_places(session)
        held = session.execute(select(models.Source.name, models.Source.pipeline_version)).all()
        stale = sorted(name for name, held_version in held if everything or held_version != version)
        summary.unchanged = len(held) - len(stale)
        for chunk in _chunks(stale):
            store_jobs(session, _held_jobs(session, chunk), summary, progress, now=now, version=version)

    run_transaction(settings, summary, work, started=now)
    return summary


def stale_count(settings: Settings, *, everything: bool = False) -> int:
    """How many sources :func:`reprocess` would re-derive (for a progress bar)."""
    upgrade(settings)
    with session_scope(settings) as session:
        version = pipeline_version()
        return sum(1 for held in session.scalars(select(models.Source.pipeline_version)) if everything or held != version)


def line(summary: RunSummary) -> str:
    """What a reprocess run did, in one line."""
    return (
        f"{summary.replaced} reprocessed, {summary.unchanged} up to date, {len(summary.skipped)} skipped; "
        f"{summary.articles} articles written, {summary.redirected} passages redirected, {summary.gone} gone"
    )


def _chunks(names: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(names), CHUNK):
        yield names[start : start + CHUNK]


def _held_jobs(session: Session, names: list[str]) -> list[Job]:
    query = select(models.Source).where(models.Source.name.in_(names)).order_by(models.Source.name)
    jobs = []
    for row in session.scalars(query).all():
        jobs.append(Job(
            name=row.name, origin=dict(row.origin or {}),
            held=SourceText(name=row.name, sha256=row.sha256, encoding=row.encoding, text=row.text),
        ))
        session.expunge(row)  # store replaces the row with Core statements; keep no stale copy
    return jobs
