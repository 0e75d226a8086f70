"""One ingest run: files → the archive, all or nothing.

Reads every file (junk is refused with a message and skipped), skips files the archive
already holds as they are (same bytes, same stated facts, same pipeline version), runs the
pure stages (:mod:`ingest.stages`: read → clean → segment → link → facts) — on both cores
for large batches, or taken from the command's head start (:mod:`ingest.head_start`) — then
stores everything in one database transaction and indexes it in the order
``docs/ARCHITECTURE.md`` explains, so a kill at any moment leaves readers seeing the old
archive or the new one, never half of each. :func:`run_transaction` is that order, shared
with ``reprocess`` and ``remove``.

A file's source name is its file name, unless another source already has that name: then
it is qualified by its folders (:func:`ingest.ids.source_names`). The path it was read from
is kept in ``Source.origin`` so the next run recognises it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import models
from app.config import Settings
from app.db import get_engine, session_scope, upgrade
from app.search.analyzer import remember_cuts
from ingest import changes, head_start, ids, index, manifest, store
from ingest.guard import archive_lock, die_with_parent
from ingest.manifest import Stated
from ingest.model import Document, SourceText
from ingest.publish import publish_index
from ingest.purge import discard_partial
from ingest.version import pipeline_version

#: Below this many changed files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 16
#: Files stored between flushes that clear the session's identity map.
FLUSH_EVERY = 50
#: Candidate source names looked up per query when planning a run.
LOOKUP_CHUNK = 500
SAMPLE_CORPUS = Path(__file__).resolve().parent / "sample_corpus"


@dataclass
class RunSummary:
    added: int = 0
    replaced: int = 0  # re-derived sources count here too: their articles were replaced
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # messages naming refused files
    notes: list[str] = field(default_factory=list)  # manifest problems, what a run did
    articles: int = 0
    redirected: int = 0
    gone: int = 0

    def line(self) -> str:
        return (
            f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped; {self.articles} articles written"
        )


Progress = Callable[[int], None]


@dataclass(frozen=True)
class Job:
    """One source to run the pure stages over: a file on disk, or a text the archive holds."""

    name: str
    origin: dict[str, str]  # what Source.origin will record: path and stated facts
    path: Path | None = None
    held: SourceText | None = None
    sha256: str | None = None  # of the file's bytes, as planned

    @property
    def stated(self) -> Stated:
        return Stated.from_dict(self.origin)



def expand_paths(
    paths: Iterable[Path], *, skipped: list[str] | None = None, archive: Path | None = None
) -> list[Path]:
    """Files named directly, and every file under named folders (hidden ones left out).

    The ``archive``'s own folder is left out when a named folder holds it (its index files
    are no reports). Manifests and sidecars are left out too (they describe files, they are not reports),
    and a file reached twice is listed once. Symbolic links inside a folder are not
    followed (a link to ``/etc/passwd`` must not become a report); each is named in
    ``skipped``. A link named directly on the command line is the user's own choice.
    """
    found: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            candidates = []
            for p in sorted(path.rglob("*")):
                inside = p.relative_to(path).parts
                if any(part.startswith(".") for part in inside):
                    continue
                if _linked(path, inside):
                    if p.is_symlink() and skipped is not None:
                        skipped.append(f"{p}: a symbolic link, not followed")
                    continue
                if p.is_file() and not (archive is not None and p.resolve().is_relative_to(archive)):
                    candidates.append(p)
        else:
            candidates = [path]
        for candidate in candidates:
            if not manifest.is_metadata(candidate):
                found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def _linked(root: Path, inside: tuple[str, ...]) -> bool:
    """Whether the path ``inside`` ``root`` passes through a symbolic link."""
    current = root
    for part in inside:
        current = current / part
        if current.is_symlink():
            return True
    return False


def ingest(settings: Settings, paths: Iterable[Path], *, progress: Progress | None = None) -> RunSummary:
    """Ingest ``paths`` into the archive at ``settings.data_dir`` (see the module contract)."""
    upgrade(settings)
    roots = list(paths)
    links: list[str] = []
    files = expand_paths(roots, skipped=links, archive=settings.data_dir.resolve())
    statements = manifest.gather(roots, files)
    summary = RunSummary(notes=list(statements.problems), skipped=links)
    now = utc_now()
    version = pipeline_version()

    def work(session: Session) -> None:
        store.seed_places(session)
        jobs = _plan(session, files, statements, summary, progress, version=version)
        store_jobs(session, jobs, summary, progress, now=now, version=version)

    try:
        run_transaction(settings, summary, work, started=now, tracked=True)
    finally:
        if (ahead := head_start.started()) is not None:
            ahead.close()
    return summary


def run_transaction(
    settings: Settings, summary: RunSummary, work: Callable[[Session], None], *, started: datetime,
    tracked: bool = False,
) -> None:
    """Run ``work`` in one transaction, indexed and logged the crash-safe way.

    Heals what an earlier kill left in the index, lets ``work`` stage rows (flushed, not
    committed), adds the new article versions to the index before the database commits —
    until it does, search ignores them — then deletes what the database no longer names.
    The run log records it as ``ok`` or ``failed``; a failed run removes the partial index
    files it wrote. All of it holds the archive lock (:func:`ingest.guard.archive_lock`), so
    a run still marked ``running`` when the next one starts was killed: it is marked failed.

    A ``tracked`` run's ``work`` declares each source before writing it (:func:`store_jobs`
    does): the index then gains and loses only those sources' versions, and the heal runs
    only when the index is not in step (:mod:`ingest.changes`) — no part of a small run
    grows with the archive.
    """
    with archive_lock(settings, wait=settings.lock_wait):
        with session_scope(settings) as session:
            in_step = changes.in_step(settings, session)  # before a killed run is marked failed
        run_id = _start_run(settings, started)
        try:
            with session_scope(settings) as session:
                if not in_step:
                    index.sync_index(settings, session)  # heal whatever an earlier kill left behind
                replaced = changes.track(session) if tracked else None
                work(session)
                session.flush()
                if replaced is None:
                    index.add_missing(settings, session)
                else:
                    changes.add_new(settings, session, replaced)
            with session_scope(settings) as session:
                if replaced is None:
                    index.sync_index(settings, session)
                else:
                    changes.delete_superseded(settings, session, replaced)
            if settings.publish_index:
                publish_index(settings)  # servers switch to this run's index only now, whole
        except BaseException:
            discard_partial(settings)
            _finish_run(settings, run_id, "failed", summary)
            raise
        _finish_run(settings, run_id, "ok", summary)
        _checkpoint(settings)


def _checkpoint(settings: Settings) -> None:
    # Folds SQLite's write-ahead log into the database file, so a copy of a quiet archive
    # folder is whole even where the log is ignored (a read-only copy opened immutable).
    if settings.is_sqlite:
        with get_engine(settings).connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def store_jobs(
    session: Session, jobs: list[Job], summary: RunSummary, progress: Progress | None, *,
    now: datetime, version: str,
) -> None:
    """Derive and store every job's document in ``session`` (not committed)."""
    for count, (job, document) in enumerate(_documents(jobs, summary, progress), start=1):
        changes.note_replacing(session, job.name)
        existed = session.scalar(select(models.Source.id).where(models.Source.name == job.name))
        result = store.store_document(session, document, now=now, origin=job.origin, pipeline_version=version)
        summary.replaced += bool(existed)
        summary.added += not existed
        summary.articles += len(result.article_ids)
        summary.redirected += result.redirected
        summary.gone += result.gone
        if count % FLUSH_EVERY == 0:
            session.flush()
            session.expunge_all()  # keeps memory flat however many files a run has


@dataclass(frozen=True)
class _Held:
    sha256: str
    version: str | None
    origin: dict[str, Any]

    @property
    def path(self) -> str | None:
        return self.origin.get("path")


def _plan(
    session: Session, files: list[Path], statements: manifest.Statements, summary: RunSummary,
    progress: Progress | None, *, version: str,
) -> list[Job]:
    held = _held_for(session, [path.resolve() for path in files])
    by_path = {h.path: name for name, h in held.items() if h.path}
    claimed: set[str] = set()
    jobs: list[Job] = []
    for path in files:
        resolved = path.resolve()
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            summary.skipped.append(f"{path}: cannot read ({exc.strerror})")
            _tick(progress)
            continue
        name = by_path.get(str(resolved)) or _new_name(resolved, held, claimed)
        claimed.add(name)
        origin = statements.origin(path)
        old = held.get(name)
        if old and (old.sha256, old.version, Stated.from_dict(old.origin)) == (digest, version, Stated.from_dict(origin)):
            summary.unchanged += 1
            if old.path != origin["path"]:  # moved, or ingested before paths were kept
                session.execute(update(models.Source).where(models.Source.name == name).values(origin=origin))
            _tick(progress)
        else:
            jobs.append(Job(name=name, origin=origin, path=path, sha256=digest))
    return jobs


def _held_for(session: Session, paths: list[Path]) -> dict[str, _Held]:
    """The sources that can be these files: those holding one of their candidate names.

    A source's name is always a candidate of the path it records (a file keeps its name
    only when it moves under the same name), so this finds the source read from each path
    too — without reading the rest of the archive (four small columns, no stored texts).
    """
    names = sorted({name for path in paths for name in _candidate_names(path)})
    held: dict[str, _Held] = {}
    for start in range(0, len(names), LOOKUP_CHUNK):
        query = select(
            models.Source.name, models.Source.sha256, models.Source.pipeline_version, models.Source.origin
        ).where(models.Source.name.in_(names[start : start + LOOKUP_CHUNK]))
        held.update((name, _Held(sha, version, origin or {})) for name, sha, version, origin in session.execute(query))
    return held


def _candidate_names(path: Path) -> list[str]:
    return [*ids.source_names(path), _fallback_name(path)]


def _fallback_name(path: Path) -> str:
    return f"{path.name}~{ids.digest(str(path), length=8)}"


def _new_name(path: Path, held: dict[str, _Held], claimed: set[str]) -> str:
    """The first candidate name that no other file holds (a source whose file is gone from
    where it was read, or was never recorded, is this file moved)."""
    for name in ids.source_names(path):
        old = held.get(name)
        if name not in claimed and (old is None or old.path is None or not Path(old.path).exists()):
            return name
    return _fallback_name(path)  # unreachable in practice: paths are unique


def _documents(jobs: list[Job], summary: RunSummary, progress: Progress | None) -> Iterator[tuple[Job, Document]]:
    if len(jobs) >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1:
        with worker_pool(min(4, os.cpu_count() or 1)) as pool:
            results = pool.map(_process_or_refuse, jobs, chunksize=8)
            yield from _collect(zip(jobs, results, strict=True), summary, progress)
    else:
        ahead = head_start.started() if jobs else None  # all unchanged: no reason to wait for the child
        if ahead is not None:
            remember_cuts(ahead.cuts())
        yield from _collect(((job, _ahead(ahead, job) or _process_or_refuse(job)) for job in jobs), summary, progress)


def _ahead(ahead: head_start.HeadStart | None, job: Job) -> Document | str | None:
    """The head start's result for ``job`` if it was made for exactly this job."""
    if ahead is None or job.path is None or job.sha256 is None:
        return None
    return ahead.result(head_start.Key(job.origin["path"], job.sha256, job.name, job.stated))


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process (no orphans after ``kill -9``)."""
    return ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),))


def _collect(
    pairs: Iterable[tuple[Job, Document | str]], summary: RunSummary, progress: Progress | None
) -> Iterator[tuple[Job, Document]]:
    for job, result in pairs:
        _tick(progress)
        if isinstance(result, str):
            summary.skipped.append(f"{job.path or job.name}: {result}")
        else:
            yield job, result


def _process_or_refuse(job: Job) -> Document | str:
    from ingest import stages  # not at the top: a head-started run never loads the stages here

    return stages.process_or_refuse(path=job.path, name=job.name, stated=job.stated, held=job.held)


def _tick(progress: Progress | None) -> None:
    if progress is not None:
        progress(1)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


#: What the run log says of a run that was still ``running`` when the next one started.
INTERRUPTED = "interrupted: the process was killed or the machine stopped before the run finished"


def _start_run(settings: Settings, now: datetime) -> int:
    with session_scope(settings) as session:
        # Under the archive lock nothing else runs: a run still marked running was killed.
        session.execute(
            update(models.IngestRun).where(models.IngestRun.status == "running")
            .values(status="failed", finished_at=now, messages=[INTERRUPTED])
        )
        run = models.IngestRun(started_at=now, status="running", messages=[])
        session.add(run)
        session.flush()
        return run.id


def _finish_run(settings: Settings, run_id: int, status: str, summary: RunSummary) -> None:
    with session_scope(settings) as session:
        run = session.get(models.IngestRun, run_id)
        if run is None:
            return
        run.status, run.finished_at = status, utc_now()
        run.added, run.replaced, run.unchanged = summary.added, summary.replaced, summary.unchanged
        run.skipped, run.messages = len(summary.skipped), [*summary.notes, *summary.skipped]


def rebuild_missing_index(settings: Settings) -> bool:
    """Rebuilds the index from the database when it holds none of the archive's articles —
    as after a search-schema version change, which starts a fresh index. True if it did."""
    with session_scope(settings) as session:
        if session.scalar(select(models.Article.index_key).limit(1)) is None or index.indexed_keys(settings):
            return False
    run_transaction(settings, RunSummary(notes=["index rebuilt for the current search schema"]),
                    lambda session: None, started=utc_now())
    return True


def archive_is_empty(settings: Settings) -> bool:
    upgrade(settings)
    with session_scope(settings) as session:
        return session.scalar(select(models.Source.id).limit(1)) is None
