"""restore: articles segmented in the reading form come back in the printed characters."""

from __future__ import annotations

from ingest.clean import clean_page
from ingest.model import SourceText
from ingest.restore import printed_form
from ingest.segment import segment_page

PAGE = "示例縣:開發區項目建設按下快進鍵\n本報訊 (記者 劉文) 近日,示例縣開發區三個重點項目同時開工!\n據介紹,總投資二十億元。\n"


def test_a_traditional_page_is_segmented_folded_and_stored_as_printed() -> None:
    page = clean_page(SourceText("t.txt", "0", "utf-8", PAGE))
    articles = segment_page(page)
    assert [a.title for a in articles] == ["示例縣:開發區項目建設按下快進鍵"]
    assert articles[0].dateline == "本報訊"
    assert [p.text for p in articles[0].paragraphs] == [
        "近日,示例縣開發區三個重點項目同時開工!",
        "據介紹,總投資二十億元。",
    ]


def test_printed_form_follows_a_subsequence_and_keeps_what_it_cannot_place() -> None:
    assert printed_form("开发区，开工", "本报讯开发区，开工", "本報訊開發區,開工") == "開發區,開工"
    assert printed_form("开发区X", "开发区", "開發區") == "開發區X"


def test_a_title_is_found_as_one_stretch_of_the_page() -> None:
    assert printed_form("区 项目", "开发区项目区", "開發區項目區", contiguous=True) == "區 項目"
