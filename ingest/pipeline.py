"""One ingest run: files → the archive, all or nothing.

Reads every file (junk is refused with a message and skipped), skips files whose bytes the
archive already holds, runs the pure stages (read → clean → segment → link) — on both
cores for large batches — then stores everything in one database transaction and indexes
it in the order ``docs/ARCHITECTURE.md`` explains, so a kill at any moment leaves readers
seeing the old archive or the new one, never half of each.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import models
from app.config import Settings
from app.db import session_scope, upgrade
from ingest import index, store
from ingest.clean import clean_page
from ingest.link import link_document
from ingest.model import Document
from ingest.read import SourceRejected, read_source
from ingest.segment import segment_page

#: Below this many changed files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 16
#: Files stored between flushes that clear the session's identity map.
FLUSH_EVERY = 50
SAMPLE_CORPUS = Path(__file__).resolve().parent / "sample_corpus"


@dataclass
class RunSummary:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # messages naming refused files
    articles: int = 0
    redirected: int = 0
    gone: int = 0

    def line(self) -> str:
        return (
            f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped; {self.articles} articles written"
        )


Progress = Callable[[int], None]


def process_file(path: Path) -> Document:
    """The pure stages for one file (raises :class:`SourceRejected` for junk)."""
    source = read_source(path)
    page = clean_page(source)
    return link_document(Document(source=source, info=page.info, articles=segment_page(page)))


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and every file under named folders (hidden ones left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return found


def ingest(settings: Settings, paths: Iterable[Path], *, progress: Progress | None = None) -> RunSummary:
    """Ingest ``paths`` into the archive at ``settings.data_dir`` (see the module contract)."""
    upgrade(settings)
    files = expand_paths(paths)
    summary = RunSummary()
    now = datetime.now(UTC).replace(tzinfo=None)
    run_id = _start_run(settings, now)
    try:
        with session_scope(settings) as session:
            index.sync_index(settings, session)  # heal whatever an earlier kill left behind
            store.seed_places(session)
            changed = _changed_files(session, files, summary, progress)
            for count, document in enumerate(_documents(changed, summary, progress), start=1):
                _store(session, document, summary, now)
                if count % FLUSH_EVERY == 0:
                    session.flush()
                    session.expunge_all()  # keeps memory flat however many files a run has
            session.flush()
            # New versions go into the index before the database commits: until it does,
            # search ignores them; after it does, they are there (docs/ARCHITECTURE.md).
            index.add_missing(settings, session)
        with session_scope(settings) as session:
            index.sync_index(settings, session)
    except BaseException:
        _finish_run(settings, run_id, "failed", summary)
        raise
    _finish_run(settings, run_id, "ok", summary)
    return summary


def _store(session: Session, document: Document, summary: RunSummary, now: datetime) -> None:
    existed = session.scalar(select(models.Source.id).where(models.Source.name == document.source.name))
    result = store.store_document(session, document, now=now)
    summary.replaced += bool(existed)
    summary.added += not existed
    summary.articles += len(result.article_ids)
    summary.redirected += result.redirected
    summary.gone += result.gone


def _changed_files(session: Session, files: list[Path], summary: RunSummary, progress: Progress | None) -> list[Path]:
    known = dict(session.execute(select(models.Source.name, models.Source.sha256)).all())
    changed: list[Path] = []
    seen: dict[str, Path] = {}
    for path in files:
        if path.name in seen:
            # One archive holds one file of each name; a second one would replace the first.
            summary.skipped.append(f"{path}: same file name as {seen[path.name]}")
            _tick(progress)
            continue
        seen[path.name] = path
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            summary.skipped.append(f"{path}: cannot read ({exc.strerror})")
            _tick(progress)
            continue
        if known.get(path.name) == digest:
            summary.unchanged += 1
            _tick(progress)
        else:
            changed.append(path)
    return changed


def _documents(paths: list[Path], summary: RunSummary, progress: Progress | None) -> Iterator[Document]:
    if len(paths) >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            results = pool.map(_process_or_refuse, paths, chunksize=8)
            yield from _collect(zip(paths, results, strict=True), summary, progress)
    else:
        yield from _collect(((p, _process_or_refuse(p)) for p in paths), summary, progress)


def _collect(pairs: Iterable[tuple[Path, Document | str]], summary: RunSummary, progress: Progress | None) -> Iterator[Document]:
    for path, result in pairs:
        _tick(progress)
        if isinstance(result, str):
            summary.skipped.append(f"{path}: {result}")
        else:
            yield result


def _process_or_refuse(path: Path) -> Document | str:
    try:
        return process_file(path)
    except SourceRejected as exc:
        return exc.reason


def _tick(progress: Progress | None) -> None:
    if progress is not None:
        progress(1)


def _start_run(settings: Settings, now: datetime) -> int:
    with session_scope(settings) as session:
        run = models.IngestRun(started_at=now, status="running", messages=[])
        session.add(run)
        session.flush()
        return run.id


def _finish_run(settings: Settings, run_id: int, status: str, summary: RunSummary) -> None:
    with session_scope(settings) as session:
        run = session.get(models.IngestRun, run_id)
        if run is None:
            return
        run.status, run.finished_at = status, datetime.now(UTC).replace(tzinfo=None)
        run.added, run.replaced, run.unchanged = summary.added, summary.replaced, summary.unchanged
        run.skipped, run.messages = len(summary.skipped), list(summary.skipped)


def archive_is_empty(settings: Settings) -> bool:
    upgrade(settings)
    with session_scope(settings) as session:
        return session.scalar(select(models.Source.id).limit(1)) is None
