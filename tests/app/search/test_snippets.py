"""The best passage and its marks: found in any printed form, and the same whether or not
paragraphs without the literal's first character are passed over unfolded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.search.fallback import _Folded
from app.search.snippets import best_passage, score_passage


def test_a_traditional_or_full_width_printing_is_still_the_best_passage() -> None:
    texts = ["无关的一段。", "長治高新區建設提速。", "ＰＭ２．５下降。"]
    found = best_passage(texts, [["长治高新区"]])
    assert found is not None and found.index == 1 and found.spans == [(0, 5)]
    assert best_passage(texts, [["pm2.5"]]) is not None


def _naive_best(texts: list[str], clause_literals: list[list[str]]) -> tuple[int, int, int] | None:
    scored = [score_passage(i, text, clause_literals) for i, text in enumerate(texts)]
    kept = [p for p in scored if p.hits]
    if not kept:
        return None
    best = max(kept, key=lambda p: (p.clauses, p.hits, -p.index))
    return best.index, best.clauses, best.hits


@given(st.lists(st.text(alphabet="长長治高新区區園园，。 ", max_size=12), max_size=6),
       st.sampled_from([[["长治"]], [["高新区"], ["园"]], [["治高"]]]))
def test_passing_over_paragraphs_changes_no_choice(texts: list[str], clause_literals: list[list[str]]) -> None:
    found = best_passage(texts, clause_literals)
    expected = _naive_best(texts, clause_literals)
    assert (None if found is None else (found.index, found.clauses, found.hits)) == expected


def test_paragraphs_are_folded_once_and_only_as_far_as_asked() -> None:
    folded = _Folded(["長治 高新區", "第二段", "第三段"])
    assert next(iter(folded)) == "长治高新区"
    assert folded.done == ["长治高新区"]
    assert list(folded) == ["长治高新区", "第二段", "第三段"]
