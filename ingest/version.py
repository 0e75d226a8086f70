"""The pipeline version recorded on every source, so improvements reach what is archived.

A source whose ``pipeline_version`` differs from :func:`pipeline_version` was derived by
an older pipeline or gazetteer: ``devzone reprocess`` re-derives it from its stored text,
and ``devzone ingest`` re-derives an unchanged file instead of skipping it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from app.places import DATA_FILE

#: Raise this whenever a stage changes what it makes of a text (cleaning rules, layout,
#: linking); gazetteer changes are noticed by themselves.
PIPELINE = "8.9"


def pipeline_version(*, gazetteer: Path = DATA_FILE) -> str:
    """``PIPELINE`` and a digest of the gazetteer file, e.g. ``8.1+3kq2m7a1x0``."""
    return f"{PIPELINE}+{_file_digest(gazetteer, gazetteer.stat().st_mtime_ns)}"


@cache
def _file_digest(path: Path, _mtime_ns: int) -> str:
    # Keyed on the modification time too, so a gazetteer rebuilt in a long process counts.
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
