"""ids: derived from content only, stable, distinct where content differs."""

from __future__ import annotations

from ingest import ids


def test_paragraph_id_is_a_pure_function_of_file_text_and_repeat() -> None:
    first = ids.paragraph_id("004.txt", "时间永向前，改革不停歇。")
    assert first == ids.paragraph_id("004.txt", "时间永向前，改革不停歇。")
    assert first.startswith("p-") and len(first) == 14
    assert first != ids.paragraph_id("004.txt", "时间永向前，改革不停歇。", 1)
    assert first != ids.paragraph_id("003.txt", "时间永向前，改革不停歇。")


def test_whitespace_does_not_change_a_paragraph_id() -> None:
    assert ids.paragraph_id("a", "改革 不停歇。") == ids.paragraph_id("a", "改革不停歇。")


def test_ids_are_url_safe() -> None:
    for value in (ids.paragraph_id("a", "x"), ids.article_id("a", "x"), ids.source_id("a")):
        assert value.replace("-", "").isalnum() and value == value.lower()
