"""The offline map in a real browser: it draws, its links lead on, it reads at phone width.

Every request that leaves the local server fails the test, so the map is shown to work
offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def offline(browser: Any, base_url: str) -> Iterator[Any]:
    """A phone-sized context of the shared browser (tests/browser/conftest.py) that fails
    every request leaving the local server."""
    ctx = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, locale="zh-CN")
    outside: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", only_local)
    yield ctx
    ctx.close()
    assert outside == []


@pytest.mark.parametrize("path", ["/zones", "/cities/lvliang", "/zones/jiaocheng-jingkaiqu"])
def test_map_draws_and_fits_a_phone(offline: Any, path: str) -> None:
    page = offline.new_page()
    page.goto(path)
    svg = page.locator("svg.shanxi-map-svg")
    box = svg.bounding_box()
    assert box and 150 <= box["width"] <= 390 and box["height"] > box["width"]
    assert page.locator("svg.shanxi-map-svg path.map-county").count() == 117
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"map{path.replace('/', '_')}.png"), full_page=False)


def test_map_links_lead_to_city_and_zone_pages(offline: Any) -> None:
    page = offline.new_page()
    page.goto("/zones")
    page.locator("a.map-zone-link").first.click()
    page.wait_for_url("**/zones/*")
    assert page.locator("h1").count() == 1
    page.goto("/zones")
    page.locator('a.map-city-link[href="/cities/lvliang"]').click()
    page.wait_for_url("**/cities/lvliang")
    assert "吕梁" in page.locator("h1").inner_text()
