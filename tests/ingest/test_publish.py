"""ingest/publish.py: a run's index published as a whole snapshot behind one atomic link."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings
from app.search.service import SearchParams, search
from ingest import publish
from ingest.pipeline import SAMPLE_CORPUS, ingest

PAGES = sorted(SAMPLE_CORPUS.glob("*.txt"))


def total(settings: Settings, q: str) -> int:
    return search(settings, SearchParams(q=q)).total


def test_readers_see_nothing_new_until_the_run_publishes(tmp_path: Path) -> None:
    writer = Settings(data_dir=tmp_path / "archive", publish_index=True)
    reader = Settings(data_dir=tmp_path / "archive")
    assert writer.index_dir != reader.index_dir
    ingest(writer, PAGES[:2])
    first = publish.published(reader)
    assert first is not None and (reader.index_dir).is_symlink()
    assert total(reader, '"种鸡养殖"') == 0
    ingest(writer, PAGES)
    second = publish.published(reader)
    assert second is not None and second != first
    # The working index's lock files never travel with a snapshot (a reader makes its own).
    assert not [path for path in second.rglob("*") if "lock" in path.name.lower()]
    assert total(reader, '"种鸡养殖"') == 1


def test_only_the_newest_snapshots_are_kept(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "archive", publish_index=True)
    ingest(settings, PAGES[:1])
    for _ in range(3):
        publish.publish_index(settings)
    kept = sorted((settings.data_dir / publish.SNAPSHOTS).iterdir())
    assert len(kept) == publish.KEEP and publish.published(settings) == kept[-1].resolve()


def test_a_real_index_folder_is_never_replaced(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "archive", publish_index=True)
    (settings.data_dir / publish.POINTER).mkdir(parents=True)
    with pytest.raises(RuntimeError, match="is a folder"):
        publish.publish_index(settings)
