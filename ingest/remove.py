"""``devzone remove``: take sources out of the archive, leaving their links honest.

A source is named by its source id (``s-…``), its name in the archive (``page.txt``,
``2024/page.txt``), the path it was ingested from, or its bare file name when only one
source has it. Every passage id it held then answers 410 with its old quote (a
``passage_redirects`` row to nothing), its articles' ids likewise, its index documents go,
and the run log says what was removed. All named sources go in one transaction, or none.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import models
from app.config import Settings
from app.db import session_scope, upgrade
from ingest import store
from ingest.pipeline import RunSummary, run_transaction, utc_now


class UnknownSource(Exception):
    """A name that picks out no source, or more than one; the message says which."""


def remove(settings: Settings, sources: list[str]) -> RunSummary:
    """Remove ``sources`` (see the module contract); raises :class:`UnknownSource` first,
    before anything is written, when one of them is not exactly one source."""
    upgrade(settings)
    with session_scope(settings) as session:
        names = list(dict.fromkeys(find_source(session, query) for query in sources))
    summary = RunSummary()
    now = utc_now()

    def work(session: Session) -> None:
        for name in names:
            result = store.remove_source(session, name, now=now)
            summary.replaced += 1
            summary.articles += len(result.article_ids)
            summary.gone += result.gone
            summary.notes.append(f"removed {name}: {len(result.article_ids)} articles, {result.gone} passages gone")

    run_transaction(settings, summary, work, started=now)
    return summary


def find_source(session: Session, query: str) -> str:
    """The name of the one source ``query`` names (see the module contract)."""
    rows = session.execute(select(models.Source.id, models.Source.name, models.Source.origin)).all()
    for matches in (
        [name for source_id, name, _ in rows if query in (source_id, name)],
        [name for _, name, origin in rows if (origin or {}).get("path") == str(Path(query).resolve())],
        [name for _, name, _ in rows if name.rsplit("/", 1)[-1] == query],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UnknownSource(f"{query!r} names {len(matches)} sources ({', '.join(sorted(matches))}); name one of them")
    raise UnknownSource(f"no source {query!r} in the archive")
