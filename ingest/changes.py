"""What one run changes in the search index: the article versions of the sources it replaces.

Comparing every key the database names with every key the index holds
(:func:`ingest.index.sync_index`) costs time in step with the archive, however small the
run. A run that declares each source before it writes it (:func:`note_replacing`) adds and
deletes only those sources' versions instead — exactly what the whole comparison would
find, as long as the index was in step with the database when the run began. Whether it
was is :func:`in_step`: the previous run finished ``ok`` (a killed or failed one did not)
and both hold the same number of article versions (a deleted index, a schema bump or an
engine switch does not). A run that is not in step heals first with the whole comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import models
from app.config import Settings
from ingest import index

_INFO_KEY = "devzone.replaced"
#: Keys or names per ``IN (…)`` query.
CHUNK = 500


@dataclass
class Replaced:
    """The sources a run writes and the index keys their articles had before it."""

    names: set[str] = field(default_factory=set)
    old_keys: set[str] = field(default_factory=set)


def in_step(settings: Settings, session: Session) -> bool:
    """Whether the index holds what the database names, as far as two cheap facts can tell:
    the last run finished ``ok`` and the counts of article versions agree."""
    last = session.scalar(select(models.IngestRun.status).order_by(models.IngestRun.id.desc()).limit(1))
    if last != "ok":
        return False
    return session.scalar(select(func.count()).select_from(models.Article)) == index.doc_count(settings)


def track(session: Session) -> Replaced:
    """Start recording, in ``session``, the sources the run replaces."""
    replaced = Replaced()
    session.info[_INFO_KEY] = replaced
    return replaced


def note_replacing(session: Session, name: str) -> None:
    """Before the source ``name`` is written: remember its articles' current index keys
    (nothing when the run is not tracked)."""
    replaced: Replaced | None = session.info.get(_INFO_KEY)
    if replaced is None or name in replaced.names:
        return
    replaced.names.add(name)
    query = select(models.Article.index_key).join(models.Source).where(models.Source.name == name)
    replaced.old_keys.update(session.scalars(query))


def add_new(settings: Settings, session: Session, replaced: Replaced) -> int:
    """Index the versions the replaced sources hold now and did not before (run flushed)."""
    names = sorted(replaced.names)
    now: set[str] = set()
    for start in range(0, len(names), CHUNK):
        query = (select(models.Article.index_key).join(models.Source)
                 .where(models.Source.name.in_(names[start : start + CHUNK])))
        now.update(session.scalars(query))
    return index.add_keys(settings, session, sorted(now - replaced.old_keys))


def delete_superseded(settings: Settings, session: Session, replaced: Replaced) -> int:
    """After the commit: delete the old versions the database no longer names."""
    old = sorted(replaced.old_keys)
    kept: set[str] = set()
    for start in range(0, len(old), CHUNK):
        query = select(models.Article.index_key).where(models.Article.index_key.in_(old[start : start + CHUNK]))
        kept.update(session.scalars(query))
    gone = set(old) - kept
    if gone:
        index.delete_keys(settings, gone)
    return len(gone)
