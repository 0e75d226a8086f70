"""A head start for a small ``devzone ingest``: the pure stages run in a forked child while
the command itself loads the database layer.

Adding one file is mostly start-up: the command imports SQLAlchemy, pydantic-settings and the
ORM models (~0.4 s) before it can read the archive, and the stages import their rules and
jieba's dictionary (~0.3 s) before they can read the file. Neither needs the other until the
document is stored, so on a machine with a second core the two run side by side: the child
runs the stages over each file named on the command line — with the source name and stated
facts the file would get as a new one — and cuts its paragraphs into words for the index.

What it sends back is only a guess. The run uses a result only for the same file, the same
bytes (its SHA-256), the same name and the same stated facts as the job the run planned;
anything else (a file already archived under another name, a changed file, a child that
failed) is processed in the run as if there were no head start. Large runs do not need it:
they use a pool of workers (:data:`ingest.pipeline.PARALLEL_THRESHOLD`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module is imported before the fork: it loads nothing it need not
    from ingest.manifest import Stated
    from ingest.model import Document

Cuts = dict[str, list[tuple[str, int, int]]]

#: A run of more files than this uses the worker pool instead.
MOST_FILES = 8
#: Options of ``devzone ingest`` that take a value (the value is not a path to ingest).
VALUE_OPTIONS = ("--data-dir",)


@dataclass(frozen=True)
class Key:
    """What a head-start result was computed for; a job must match it whole."""

    path: str  # resolved
    sha256: str
    name: str
    stated: Stated


@dataclass
class Answer:
    """What the child sends: each file's document (or the reason it was refused), and the
    words of every paragraph of those documents."""

    documents: dict[Key, Document | str] = field(default_factory=dict)
    cuts: Cuts = field(default_factory=dict)


@dataclass
class HeadStart:
    """The child's answer, read on first use; empty when the child failed."""

    pid: int
    fd: int
    _answer: Answer | None = field(default=None, repr=False)

    def result(self, key: Key) -> Document | str | None:
        """The child's document (or refusal reason) for ``key``, else ``None``."""
        return self.answer().documents.get(key)

    def cuts(self) -> Cuts:
        return self.answer().cuts

    def answer(self) -> Answer:
        if self._answer is None:
            with os.fdopen(self.fd, "rb") as stream:
                data = stream.read()
            _reap(self.pid)
            try:
                self._answer = pickle.loads(data) if data else Answer()
            except Exception:  # a child killed mid-write: the run does the work itself
                self._answer = Answer()
        return self._answer

    def close(self) -> None:
        """End a child whose answer the run never needed (every file unchanged): it may be
        blocked writing to a pipe nobody reads, and no init process need reap it later."""
        if self._answer is None:
            self._answer = Answer()
            os.close(self.fd)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            _reap(self.pid)


def _reap(pid: int) -> None:
    # A caller that ignores SIGCHLD leaves its children to the kernel to reap: no status.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


_started: HeadStart | None = None


def started() -> HeadStart | None:
    """The head start of this process, if one was started."""
    return _started


def files_named(argv: list[str]) -> list[Path]:
    """The regular files a ``devzone ingest`` command line names; [] for any other command,
    a folder among them, or more than :data:`MOST_FILES`."""
    if argv[1:2] != ["ingest"] or any(arg in ("--help", "-h") for arg in argv):
        return []
    paths: list[Path] = []
    args = iter(argv[2:])
    for arg in args:
        if arg in VALUE_OPTIONS:
            next(args, None)
        elif arg == "--":
            paths.extend(Path(rest) for rest in args)
        elif not arg.startswith("-"):
            paths.append(Path(arg))
    if not paths or len(paths) > MOST_FILES or not all(path.is_file() for path in paths):
        return []
    return paths


def cores() -> int:
    """The CPUs this process may run on (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start(paths: list[Path]) -> HeadStart | None:
    """Fork the child for ``paths`` (call before any thread or database connection exists)."""
    global _started
    if not paths or cores() < 2 or not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    parent = os.getpid()
    # Ctrl-C is held back across the fork: one landing in the child before its try block
    # would unwind it into the CLI's own code.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pid = os.fork()
    if pid == 0:  # the child: never returns, and dies with the parent, not of its Ctrl-C
        code = 1
        try:
            os.close(read_end)
            _child(paths, write_end, parent)
            code = 0
        finally:
            os._exit(code)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    os.close(write_end)
    _started = HeadStart(pid=pid, fd=read_end)
    return _started


def _child(paths: list[Path], write_end: int, parent: int) -> None:
    from ingest.guard import die_with_parent

    die_with_parent(parent)
    from app.search.analyzer import cut_words
    from ingest import ids, manifest, stages

    statements = manifest.gather(paths, paths)
    answer = Answer()
    for path in paths:
        resolved = path.resolve()
        name = next(ids.source_names(resolved))
        stated = manifest.Stated.from_dict(statements.origin(path))  # as the run's Job.stated
        result = stages.process_or_refuse(path=path, name=name, stated=stated)
        # The key names the bytes the document was made from (a refused file's: read again).
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if isinstance(result, str) else result.source.sha256
        answer.documents[Key(str(resolved), digest, name, stated)] = result
        if not isinstance(result, str):
            for article in result.articles:
                for paragraph in article.paragraphs:
                    answer.cuts[paragraph.text] = cut_words(paragraph.text)
    with os.fdopen(write_end, "wb") as stream:
        stream.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
