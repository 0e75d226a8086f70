"""The reading room in a real browser: Debian's Chromium driven by Playwright.

A reader searches, opens a result, lands on the passage, copies its link, opens the link in
a new page and sees the same passage marked. Screenshots of the main pages at desktop and
phone width go to ``tests/browser/screenshots/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import conftest
from tests.browser.conftest import SCREENSHOTS, WIDTHS

# The fixtures live in conftest.py; named here too for modules that import them from here.
base_url, browser = conftest.base_url, conftest.browser

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser: Any, base_url: str) -> Iterator[Any]:
    ctx = browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"], locale="zh-CN")
    yield ctx
    ctx.close()


def _in_viewport(page: Any, selector: str) -> bool:
    return bool(page.eval_on_selector(
        selector, "e => { const r = e.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }"
    ))


def test_search_open_copy_and_follow_a_passage_link(context: Any) -> None:
    page = context.new_page()
    page.goto("/")
    page.fill("#home-q", "交城")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator(".hit").count() > 0
    assert page.locator(".hit mark").count() > 0
    page.locator(".hit h2 a").first.click()
    page.wait_for_url("**/p/*")
    passage_id = page.url.rsplit("/", 1)[1]
    marked = page.locator(".para.marked")
    assert marked.count() == 1 and marked.get_attribute("id") == passage_id
    assert _in_viewport(page, ".para.marked"), "the marked passage is scrolled into view"
    text = marked.inner_text()

    page.locator(".permalink button.copy").click()
    # A selector, not a JS predicate: the security policy forbids the eval a predicate needs.
    page.wait_for_selector(".permalink .copy-status:not(:empty)")
    assert page.locator(".permalink .copy-status").inner_text() == "已复制"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/p/{passage_id}")

    other = context.new_page()
    other.goto(copied)
    again = other.locator(".para.marked")
    assert again.get_attribute("id") == passage_id and again.inner_text() == text
    assert _in_viewport(other, ".para.marked")


def test_source_view_highlights_a_line_range(context: Any) -> None:
    page = context.new_page()
    page.goto("/")
    page.locator(".summary h3 a").first.click()
    source_href = page.locator(".title-block a[href^='/sources/']").get_attribute("href")
    page.goto(f"{source_href}#L3-L5")
    assert page.locator(".line.hl").count() == 3
    assert page.locator("#L4.hl").count() == 1


def test_keyboard_reaches_the_skip_link_first(context: Any) -> None:
    page = context.new_page()
    page.goto("/zones")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"


def test_screenshots_at_desktop_and_phone_width(browser: Any, base_url: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for label, width in WIDTHS.items():
        ctx = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900}, locale="zh-CN")
        page = ctx.new_page()
        page.goto("/")
        page.screenshot(path=SCREENSHOTS / f"home-{label}.png")
        page.goto("/search?q=开发区")
        page.screenshot(path=SCREENSHOTS / f"search-{label}.png")
        page.locator(".hit h2 a").first.click()
        page.wait_for_url("**/p/*")
        page.screenshot(path=SCREENSHOTS / f"passage-{label}.png")
        page.locator(".passage-banner a.article-link").click()
        page.wait_for_url("**/articles/*")
        page.screenshot(path=SCREENSHOTS / f"article-{label}.png")
        ctx.close()
    shots = {path.name for path in SCREENSHOTS.glob("*.png")}
    assert {f"{name}-{label}.png" for name in ("home", "search", "passage", "article") for label in WIDTHS} <= shots


def test_a_paragraphs_copy_link_button_copies_its_permalink(context: Any) -> None:
    page = context.new_page()
    page.goto("/")
    page.locator(".summary h3 a").first.click()
    page.wait_for_url("**/articles/*")
    button = page.locator(".para-tools button").first
    path = button.get_attribute("data-copy-path")
    button.focus()
    page.keyboard.press("Enter")
    status = page.locator(".para-tools .copy-status").first
    status.wait_for()
    assert status.inner_text() == "已复制"
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate("location.origin") + path
