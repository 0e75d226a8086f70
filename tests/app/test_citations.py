"""Citations say only what is known: authors apart, no placeholders, RIS and BibTeX alike."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from app.archive.citations import CiteFacts, authors, bibtex, gbt7714, plain, ris

TODAY = datetime.date(2026, 1, 2)


def facts(**changes: Any) -> CiteFacts:
    record: dict[str, Any] = {"title": "嬗变", "byline": "吕继峰 贾耀鹏", "date": "2025-05-09",
                              "source": {"publication": "科学导报", "page": "B2", "url": None}}
    record.update(changes)
    return CiteFacts.from_record(record, paragraph_id="p-abc", permalink="https://a.example/p/p-abc", accessed=TODAY)


@pytest.mark.parametrize(("byline", "names"), [
    ("吕继峰 贾耀鹏", ["吕继峰", "贾耀鹏"]),
    ("本报记者 张三 通讯员 李四", ["张三", "李四"]),
    ("记者：王五", ["王五"]),
    ("□ 清徐融媒", []),
    ("王文 刘图摄", ["王文", "刘图"]),
    (None, []),
])
def test_authors_are_persons_without_role_words(byline: str | None, names: list[str]) -> None:
    assert authors(byline) == names


def test_gbt_with_every_element() -> None:
    assert gbt7714(facts()) == "吕继峰, 贾耀鹏. 嬗变[N/OL]. 科学导报, 2025-05-09(B2)[2026-01-02]. https://a.example/p/p-abc."


def test_gbt_leaves_out_what_is_unknown() -> None:
    cited = gbt7714(facts(byline=None, date=None, source={"publication": None, "page": None}))
    assert cited == "嬗变[N/OL]. [2026-01-02]. https://a.example/p/p-abc."
    assert "不详" not in cited


def test_gbt_cuts_four_authors_to_three_and_deng() -> None:
    assert gbt7714(facts(byline="甲一 乙二 丙三 丁四")).startswith("甲一, 乙二, 丙三, 等. ")


def test_gbt_cites_the_pages_own_address_when_stated() -> None:
    cited = gbt7714(facts(source={"publication": "科学导报", "page": "B2", "url": "https://paper.example/b2"}))
    assert cited.endswith("[2026-01-02]. https://paper.example/b2.")


def test_supplied_titles_are_bracketed() -> None:
    assert "[编者拟题][N/OL]" in gbt7714(facts(title="编者拟题", title_supplied=True))


def test_plain_names_authors_and_the_permalink() -> None:
    assert plain(facts(), "2025年5月9日") == "《嬗变》，吕继峰、贾耀鹏，科学导报，2025年5月9日，B2版。段落 p-abc：https://a.example/p/p-abc"


def test_ris_has_one_au_per_author_and_ends_the_record() -> None:
    lines = ris(facts()).split("\r\n")
    assert lines[0] == "TY  - NEWS" and lines.count("AU  - 吕继峰") == 1 and "AU  - 贾耀鹏" in lines
    assert "T2  - 科学导报" in lines and "DA  - 2025/05/09" in lines and "SP  - B2" in lines
    assert lines[-2] == "ER  - "


def test_bibtex_joins_authors_with_and_and_escapes_braces() -> None:
    entry = bibtex(facts(title="一{二}"))
    assert entry.startswith("@article{pabc,") and "author = {吕继峰 and 贾耀鹏}" in entry
    assert r"title = {一\{二\}}" in entry and "journal = {科学导报}" in entry
