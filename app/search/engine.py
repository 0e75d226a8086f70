"""Which search engine holds the archive's index: ``tantivy`` (default) or ``whoosh``.

Both answer the same :func:`app.search.service.search` with the same matching rules (the
grep-oracle tests run against each). Tantivy is the default because Whoosh's postings are
decoded and intersected in Python, which grows with the archive: the measurements and the
decision are in docs/BENCHMARKS.md. ``DEVZONE_SEARCH_ENGINE=whoosh`` keeps the Whoosh
index; switching engines needs one ``devzone ingest`` (its ``sync_index`` fills the new
engine's index from the database).
"""

from __future__ import annotations

import os

ENGINES = ("tantivy", "whoosh")
DEFAULT = "tantivy"


def current() -> str:
    """The engine named by ``DEVZONE_SEARCH_ENGINE`` (unknown names fall back to the default)."""
    name = os.environ.get("DEVZONE_SEARCH_ENGINE", DEFAULT).strip().lower()
    return name if name in ENGINES else DEFAULT
