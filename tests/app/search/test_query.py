"""The query language: literals, phrases, OR, exclusion, zone aliases; junk never raises."""

from __future__ import annotations

import random

import pytest

from app.search.query import Names, ZoneNames, parse

NAMES = Names.build(
    [ZoneNames("changzhi-gaoxinqu", "长治高新技术产业开发区", ("长治高新技术产业开发区", "长治高新区"))],
    [("changzhi", "长治市")],
)


def literals(query: str) -> list[list[str]]:
    return [clause.literals for clause in parse(query, NAMES).clauses]


def test_words_are_anded_literals() -> None:
    parsed = parse("碳达峰 试点")
    assert [c.literals for c in parsed.positive] == [["碳达峰"], ["试点"]]
    assert parsed.negative == []


def test_quoted_phrase_is_one_literal_without_spaces() -> None:
    assert literals('"50 万吨" 煤化工') == [["50万吨"], ["煤化工"]]
    assert literals("“高质量 发展”") == [["高质量发展"]]


def test_or_joins_neighbours() -> None:
    assert literals("煤化工 OR 焦化 OR 新材料 园区") == [["煤化工", "焦化", "新材料"], ["园区"]]


def test_exclusion() -> None:
    parsed = parse('开发区 -煤化工 -"高质量 发展"')
    assert [c.literals for c in parsed.negative] == [["煤化工"], ["高质量发展"]]
    assert [c.literals for c in parsed.positive] == [["开发区"]]


def test_folding_applies_to_queries() -> None:
    assert literals("長治 ＰＭ２．５ MEMS") == [["长治"], ["pm2.5"], ["mems"]]


def test_zone_name_expands_to_all_its_names() -> None:
    parsed = parse("长治高新技术产业开发区", NAMES)
    assert parsed.clauses[0].literals == ["长治高新技术产业开发区", "长治高新区"]
    assert parsed.clauses[0].zone is not None and parsed.clauses[0].zone.slug == "changzhi-gaoxinqu"
    assert parse("長治高新區", NAMES).clauses[0].literals == ["长治高新区", "长治高新技术产业开发区"]


def test_city_names_are_recognised_with_or_without_shi() -> None:
    assert parse("长治", NAMES).clauses[0].city == ("changzhi", "长治市")
    assert parse("长治市", NAMES).clauses[0].city == ("changzhi", "长治市")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"unbalanced 引号', [["unbalanced引号"]]),
        ("-", [["-"]]),
        ("OR", [["or"]]),
        ("a OR", [["a"], ["or"]]),
        ("OR b", [["or"], ["b"]]),
        ("*", [["*"]]),
        (":", [[":"]]),
        ("(开发区)", [["(开发区)"]]),
        ('""', []),
        ("   ", []),
        ("", []),
    ],
)
def test_syntax_characters_are_just_characters(query: str, expected: list[list[str]]) -> None:
    assert literals(query) == expected


def test_any_input_parses() -> None:
    rng = random.Random(11)
    alphabet = '"“”-*:()[]{}^~!?\\/ OR AND NOT 交城经开区 ＡＢ，。、\u3000\t\n'
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        parsed = parse(text, NAMES)
        assert all(literal for clause in parsed.clauses for literal in clause.literals)
        parsed.explain()
    parse("乱" * 5000)  # long input is cut, not refused


def test_explanation_shows_expansion_and_segmentation() -> None:
    text = parse("长治高新技术产业开发区 -碳达峰试点", NAMES).explain()
    assert "长治高新区" in text
    assert "不含" in text
