"""An unquoted literal matches where the text prints it with punctuation or spacing inside, in
the literal tier (issue 10, item 2); a quoted one stays exactly literal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import Settings
from app.search.analyzer import variants
from app.search.fallback import loose, loose_pattern
from app.search.service import SearchParams, search
from tests.app.search.conftest import Spec

Build = Callable[[list[Spec]], Settings]
SPECS = [
    Spec("a-plain", "堆场管理", ["园区坚持煤不露天焦不落地，全封闭储煤。"]),
    Spec("a-comma", "环保督察", ["企业做到“煤不露天、焦不落地”，粉尘明显减少。"], date="2023-01-01"),
    Spec("a-words", "露天煤场", ["煤场不再露天，焦炭不落地的要求写进制度。"]),
    Spec("a-money", "投资", ["项目总投资3.6亿元。"]),
]


@pytest.fixture
def archive(make_archive: Build) -> Settings:
    return make_archive(SPECS)


def found(settings: Settings, q: str) -> dict[str, str]:
    results = search(settings, SearchParams(q=q, per_page=100))
    assert results.total == len(results.results)
    return {hit.article_id: hit.match for hit in results.results}


def test_unquoted_finds_the_plain_and_the_punctuated_text_in_the_literal_tier(archive: Settings) -> None:
    assert found(archive, "煤不露天焦不落地") == {"a-plain": "literal", "a-comma": "literal_ignoring_punctuation"}
    results = search(archive, SearchParams(q="煤不露天焦不落地"))
    assert results.explanation.matched["tier"] == "literal"
    comma = next(hit for hit in results.results if hit.article_id == "a-comma")
    assert comma.passage is not None and "<mark>煤不露天、焦不落地</mark>" in comma.passage["snippet_html"]


def test_typed_punctuation_is_skipped_too(archive: Settings) -> None:
    assert set(found(archive, "煤不露天、焦不落地")) == {"a-plain", "a-comma"}


def test_quoted_stays_exactly_literal(archive: Settings) -> None:
    assert found(archive, '"煤不露天焦不落地"') == {"a-plain": "literal"}
    assert found(archive, '"煤不露天、焦不落地"') == {"a-comma": "literal"}


def test_a_decimal_point_is_not_punctuation(archive: Settings) -> None:
    assert loose("3.6亿元") == "3.6亿元" and loose("“煤不露天、焦不落地”") == "煤不露天焦不落地"
    assert found(archive, "36亿元").get("a-money") not in ("literal", "literal_ignoring_punctuation")


# Texts built from a phrase's characters in every printed form, with punctuation and spacing
# between them: the raw-text pattern must find what folding and stripping the text finds.
PHRASES = ["煤不露天焦不落地", "长治高新区", "pm2.5", "3.6亿元", "5g基站"]
FORMS = {c: v for phrase in PHRASES for c in phrase for v in [variants(c)]}
NOISE = ["", "、", "“", " ", "·", "，", "\n", "——", "(", "_"]


@st.composite
def printed(draw: st.DrawFn) -> tuple[str, str]:
    phrase = draw(st.sampled_from(PHRASES))
    pieces = []
    for char in phrase:
        pieces.append(draw(st.sampled_from(list(FORMS[char]))))
        pieces.append(draw(st.sampled_from(NOISE)))
    filler = st.text(alphabet="开发区项目，。 3", max_size=6)
    return phrase, draw(filler) + "".join(pieces) + draw(filler)


@given(printed())
def test_the_raw_text_pattern_finds_what_loose_text_holds(case: tuple[str, str]) -> None:
    phrase, text = case
    expected = loose(text).count(loose(phrase))
    assert len(loose_pattern(loose(phrase)).findall(text)) == expected


def test_the_pattern_keeps_decimal_points_between_digits() -> None:
    assert loose_pattern(loose("36亿元")).findall("投资3.6亿元") == []
    assert loose_pattern(loose("3.6亿元")).findall("投资3.6 亿元，另有3.6亿元")
