"""fold: the reading form every decision uses keeps the text's length and position."""

from __future__ import annotations

import pytest

from ingest.fold import reading_form


@pytest.mark.parametrize(
    ("printed", "reading"),
    [
        ("本報訊 (記者 劉文)", "本报讯 （记者 刘文）"),
        ("責任編輯:陳明", "责任编辑：陈明"),
        ("三個項目同時開工!", "三个项目同时开工！"),
        ("２０２３年６月", "2023年6月"),
        ("发布于 13:14, see (1)", "发布于 13:14, see (1)"),
    ],
)
def test_reading_form(printed: str, reading: str) -> None:
    assert reading_form(printed) == reading


def test_reading_form_never_changes_length() -> None:
    text = "開發(fā)區(qū)，ＡＢＣ,１２:３０《報》!?"
    assert len(reading_form(text)) == len(text)
