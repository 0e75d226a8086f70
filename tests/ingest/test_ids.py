"""ids: derived from content only, stable, distinct where content differs."""

from __future__ import annotations

from app import models
from app.config import Settings
from app.db import session_scope
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


#: Real ids of the bundled sample corpus, written out literally: any change to how ids are
#: derived breaks every link ever shared, so it must fail here first, never pass unnoticed.
PINNED_PARAGRAPHS = [
    ("004_1f7bcc093c03989e.txt", "栗卢建 摄", 0, "p-ame4zmiv7rwb"),
    ("000_9b1fc93b336b5d55.txt", "内外兼修——基础设施脱胎换骨", 0, "p-2xfdog3ta4n5"),
    ("004.txt", "时间永向前，改革不停歇。", 0, "p-6lf2rpm2xkye"),
]


def test_paragraph_ids_of_the_sample_corpus_never_change() -> None:
    for name, text, occurrence, expected in PINNED_PARAGRAPHS:
        assert ids.paragraph_id(name, text, occurrence) == expected


def test_article_and_source_ids_of_the_sample_corpus_never_change() -> None:
    assert ids.article_id("004_1f7bcc093c03989e.txt", "抢抓施工黄金周 项目建设开新局") == "a-rm6w7sqags"
    assert ids.article_id("000_9b1fc93b336b5d55.txt", "嬗变") == "a-6i7sbdma2z"
    assert ids.source_id("004_1f7bcc093c03989e.txt") == "s-fkykkdszfl"
    assert ids.source_id("000_9b1fc93b336b5d55.txt") == "s-y3xkvptuez"


def test_normalised_text_is_what_repeats_are_counted_on() -> None:
    assert ids.normalised("改革 不停歇。\n") == ids.normalised("改革不停歇。")
    assert ids.normalised("ｅ\u0301") == ids.normalised("ｅ\u0301 ")


def test_source_names_add_one_folder_at_a_time() -> None:
    from pathlib import PurePosixPath

    names = list(ids.source_names(PurePosixPath("/data/山西日报/2023/page.txt")))
    assert names == ["page.txt", "2023/page.txt", "山西日报/2023/page.txt", "data/山西日报/2023/page.txt"]


def test_the_pipeline_gives_the_sample_corpus_its_pinned_ids(sample_settings: Settings) -> None:
    """The pinned ids as an ingest assigns them: a change in what the pipeline hashes (the
    source name, the text, the repeat count) fails here, not only a change in :mod:`ingest.ids`."""
    with session_scope(sample_settings) as session:
        for name, text, _occurrence, expected in PINNED_PARAGRAPHS[:2]:
            paragraph = session.get(models.Paragraph, expected)
            assert paragraph is not None, f"{expected} ({name}: {text}) is no longer in the archive"
            assert ids.normalised(paragraph.text) == ids.normalised(text)
            assert paragraph.article.source.name == name
        for article_id, title in (("a-rm6w7sqags", "抢抓施工黄金周 项目建设开新局"), ("a-6i7sbdma2z", "嬗变")):
            article = session.get(models.Article, article_id)
            assert article is not None and article.title == title
        assert session.get(models.Source, "s-fkykkdszfl") is not None
