"""pagefacts: the page's date, paper, page label and author, from every common form."""

from __future__ import annotations

import pytest

from ingest.fold import reading_form
from ingest.furniture import furniture_kinds
from ingest.pagefacts import date_in, page_facts


def facts(*lines: str):  # type: ignore[no-untyped-def]
    reading = [reading_form(line) for line in lines]
    kinds = furniture_kinds(reading)
    furniture = [(kind, text) for kind, text in zip(kinds, reading, strict=True) if kind]
    content = [text for kind, text in zip(kinds, reading, strict=True) if not kind]
    return page_facts(furniture, content)


BODY = "正文第一句，说的是园区的事情。"


@pytest.mark.parametrize(
    ("line", "date", "publication", "page"),
    [
        ("山西经济日报 2023年7月14日 第5版", "2023-07-14", "山西经济日报", "5"),
        ("山西日报/2023 年/7 月/14 日/第 005 版", "2023-07-14", "山西日报", "5"),
        ("2022-03-29 07:57:50 来源:山西日报", "2022-03-29", "山西日报", None),
        ("2023年06月02日17:05", "2023-06-02", None, None),
        ("发布时间：2021-03-02", "2021-03-02", None, None),
        ("来源：黄河新闻网", None, "黄河新闻网", None),
        ("时间:2023-08-02 来源:示例市商务局 打印本页", "2023-08-02", "示例市商务局", None),
        ("日期:12-02", None, None, None),
        ("園區 B2 2025年5月9日 星期五", "2025-05-09", None, "B2"),
    ],
)
def test_page_facts_from_furniture(line: str, date: str | None, publication: str | None, page: str | None) -> None:
    info = facts(line, BODY)
    assert (info.date, info.publication, info.page) == (date, publication, page)


def test_a_date_in_a_sentence_is_an_event_not_the_page() -> None:
    assert facts("2023年5月8日，园区举行项目集中开工仪式。").date is None


def test_a_labelled_publication_time_wins_over_a_date_in_another_meta_line() -> None:
    info = facts("2019-01-01 08:00 浏览:5", "发布时间：2021-03-02 10:00", BODY)
    assert info.date == "2021-03-02"


def test_a_paper_from_its_dateline_and_an_author_from_the_metadata() -> None:
    info = facts("作者:本报记者 张文 李华 《示例日报》( 2022年03月29日 05版)", "示例日报讯 园区开工。")
    assert (info.byline, info.date, info.page, info.publication) == ("本报记者 张文 李华", "2022-03-29", "5", "示例日报")
    assert facts("临汾新闻网讯（记者 王明）园区开工。").publication == "临汾新闻网"


@pytest.mark.parametrize(("text", "date"), [("2月30日", None), ("2023-13-01", None), ("2023.7.14", "2023-07-14")])
def test_date_in(text: str, date: str | None) -> None:
    assert date_in(text) == date
