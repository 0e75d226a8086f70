"""The most-words tier says when its total is a lower bound (issue 10): it reads only the
first ``fallback.RERANK`` candidates."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.search import fallback
from tests.app.search.conftest import Spec

Build = Callable[[list[Spec]], Settings]
SPECS = [
    Spec("a-one", "新能源", ["光伏和储能项目同步建设。"]),
    Spec("a-two", "新能源项目", ["储能电站配套光伏。"]),
    Spec("a-three", "氢能", ["储能与氢能示范。"]),
    Spec("a-four", "光伏", ["光伏板铺上屋顶。"]),
]
QUERY = "光伏 储能 氢能"  # no article holds all three


def answer(settings: Settings) -> tuple[dict[str, object], str]:
    with TestClient(create_app(settings)) as client:
        return (client.get("/api/search", params={"q": QUERY}).json(),
                client.get("/search", params={"q": QUERY}).text)


def test_an_exact_most_words_total(make_archive: Build) -> None:
    api, page = answer(make_archive(SPECS))
    assert api["explanation"]["matched"]["tier"] == "most"  # type: ignore[index]
    assert api["total"] == 3 and api["total_estimated"] is False
    assert "至少" not in page


def test_a_most_words_total_past_the_candidates_read_is_marked(make_archive: Build,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_archive(SPECS)
    monkeypatch.setattr(fallback, "RERANK", 2)
    api, page = answer(settings)
    assert api["total_estimated"] is True and api["total"] <= 2  # type: ignore[operator]
    assert "找到至少" in page
