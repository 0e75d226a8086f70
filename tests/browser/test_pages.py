"""Every page kind in Chromium at desktop and phone width: axe-core finds nothing, the layout
holds, and a screenshot of each goes to ``tests/browser/screenshots/`` for a person to look at.

axe-core comes from npm, pinned in ``tests/browser/package.json``; a missing copy is
installed with ``npm ci`` (the npm registry is reachable wherever the tests run) and the
checks skip, saying why, only when npm itself is absent or fails.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope
from tests.browser.conftest import SCREENSHOTS, WIDTHS

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.1 A and AA, the level the stylesheet promises, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    """The pinned axe-core script, installed from npm when absent."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is absent: cannot install axe-core for the accessibility checks")
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE,
                              capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not AXE.exists():
            pytest.skip(f"npm ci could not install axe-core: {done.stderr.strip()[-300:]}")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page_urls(sample_settings: Settings) -> dict[str, str]:
    """One URL of every page kind, with real ids of the sample archive."""
    with session_scope(sample_settings) as session:
        paragraph = session.scalars(
            select(models.Paragraph).where(models.Paragraph.kind == "body").order_by(models.Paragraph.id)
        ).first()
        assert paragraph is not None
        article = paragraph.article
        zone = session.scalar(select(models.ArticlePlace.slug).where(models.ArticlePlace.kind == "zone").limit(1))
        city = session.scalar(select(models.ArticlePlace.slug).where(models.ArticlePlace.kind == "city").limit(1))
        publication = session.scalar(select(models.Source.publication).where(models.Source.publication.is_not(None)))
        return {
            "home": "/", "search": "/search?q=开发区", "search-help": "/search", "zones": "/zones",
            "zone": f"/zones/{zone}", "cities": "/cities", "city": f"/cities/{city}",
            "article": f"/articles/{article.id}", "passage": f"/p/{paragraph.id}",
            "source": f"/sources/{article.source_id}", "papers": "/papers",
            "paper": f"/papers/{quote(publication or '-', safe='')}", "articles": "/articles",
            "docs": "/docs", "not-found": "/articles/a-nothing",
        }


@pytest.fixture(scope="module", params=list(WIDTHS))
def width_context(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[tuple[str, Any]]:
    label = request.param
    ctx = browser.new_context(base_url=base_url, viewport={"width": WIDTHS[label], "height": 900}, locale="zh-CN")
    yield label, ctx
    ctx.close()


def _open(ctx: Any, url: str) -> tuple[Any, list[str]]:
    """The page at ``url`` and a list that collects its console errors and failed requests."""
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != page.url else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, problems


#: Nothing is left out: the map's svg is a group of links, which axe checks like the rest.
AXE_EXCLUDE: list[list[str]] = []


def _violations(page: Any, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate(
        "([tags, exclude]) => axe.run({exclude: exclude}, {runOnly: {type: 'tag', values: tags}})",
        [AXE_TAGS, AXE_EXCLUDE],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


#: Elements whose right edge lies past the screen's (tag.class and the edge), as a reader scrolls sideways.
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
               && !e.closest('.vh, .skip, .table-scroll, pre, .source-text'))
  .slice(0, 5).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""

KINDS = ["home", "search", "search-help", "zones", "zone", "cities", "city", "article", "passage", "source",
         "papers", "paper", "articles", "docs", "not-found"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_kind_passes_axe_and_keeps_its_layout(
    kind: str, width_context: tuple[str, Any], page_urls: dict[str, str], axe_source: str
) -> None:
    label, ctx = width_context
    page, problems = _open(ctx, page_urls[kind])
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{kind}-{label}.png")
    assert _violations(page, axe_source) == []
    # The main area is padded away from the header (its padding once computed to 0).
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).paddingTop)") > 8
    # Nothing (a long URL, a table) pushes the page wider than the screen.
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    expected = ["404 "] if kind == "not-found" else []
    unexpected = [p for p in problems if not any(p.startswith(e) for e in expected) and "status of 404" not in p]
    assert unexpected == [], "console errors, CSP violations or failed requests (a missing favicon …)"


def test_each_paragraph_offers_copy_link_and_cite_by_keyboard(width_context: tuple[str, Any], page_urls: dict[str, str]) -> None:
    label, ctx = width_context
    page, _ = _open(ctx, page_urls["article"])
    tools = page.locator(".para-tools").first
    assert tools.is_visible() and "复制链接" in tools.inner_text() and "引用" in tools.inner_text()
    box = tools.locator("button").bounding_box()
    assert box is not None and box["height"] >= 18, "a control a finger can hit"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.para-tools button')"):
            break
    else:
        pytest.fail("Tab never reached a paragraph's copy-link button")


def test_passage_page_keeps_title_paper_and_date_in_view_above_the_paragraph(
    width_context: tuple[str, Any], page_urls: dict[str, str]
) -> None:
    label, ctx = width_context
    page, _ = _open(ctx, page_urls["passage"])
    head = page.locator(".passage-head").bounding_box()
    marked = page.locator(".para.marked").bounding_box()
    assert head is not None and marked is not None
    assert 0 <= head["y"] < 5, "the compact header sits at the top of the screen"
    assert head["y"] + head["height"] <= marked["y"] < 900, "the marked paragraph shows below it"
    assert "日期" in page.locator(".passage-head").inner_text() or "年" in page.locator(".passage-head").inner_text()


def test_search_filters_come_first_on_a_phone_and_beside_results_on_a_desktop(
    width_context: tuple[str, Any], page_urls: dict[str, str]
) -> None:
    label, ctx = width_context
    page, _ = _open(ctx, page_urls["search"])
    panel = page.locator("details.filters-panel")
    results = page.locator(".results").bounding_box()
    box = panel.bounding_box()
    assert box is not None and results is not None
    if label == "phone":
        assert box["y"] < results["y"] and panel.get_attribute("open") is None, "folded, above the results"
        panel.locator("summary").click()
        assert page.locator(".facet a").first.is_visible()
    else:
        assert box["x"] > results["x"] + results["width"] - 1, "a column to the right"
        assert page.locator(".facet a").first.is_visible()


def test_a_filter_chip_takes_its_filter_away(width_context: tuple[str, Any], page_urls: dict[str, str]) -> None:
    label, ctx = width_context
    page, _ = _open(ctx, page_urls["search"] + "&date_from=2000-01-01")
    chip = page.locator(".active-filters .chip-filter")
    assert chip.count() == 1 and "2000年1月1日" in chip.inner_text()
    chip.click()
    page.wait_for_load_state()
    assert "date_from" not in page.url and page.locator(".active-filters").count() == 0


def test_browse_a_paper_to_an_issue_to_a_page_to_an_article(width_context: tuple[str, Any]) -> None:
    label, ctx = width_context
    page, _ = _open(ctx, "/papers")
    page.locator(".paper-card h2 a").first.click()
    page.wait_for_url("**/papers/*")
    assert page.locator(".issue").count() >= 1 and page.locator(".issue-page").count() >= 1
    page.locator(".page-articles a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator(".title-block .provenance").is_visible()
