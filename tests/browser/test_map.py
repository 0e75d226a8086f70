"""The offline map in a real browser: it draws, its links lead on, it reads at phone width.

Every request that leaves the local server fails the test, so the map is shown to work
offline.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.config import Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def map_server(sample_settings: Settings) -> Iterator[str]:
    """uvicorn serving the sample archive on a free local port, in a thread."""
    import uvicorn

    from app.main import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(sample_settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def map_browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def offline(map_browser: Any, map_server: str) -> Iterator[Any]:
    browser, base_url = map_browser, map_server
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
