"""Security headers, CSV injection, export caps and absolute URLs (app/security.py,
app/routes/exports.py, app/routes/feeds.py): issue 11's web defects, each pinned."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.routes.exports import csv_row, neutralise

PAGES = ("/", "/search?q=开发区", "/zones", "/cities", "/papers", "/docs", "/nope", "/api/search?q=x")


def _busy_zone(client: TestClient) -> str:
    cities = client.get("/api/zones").json()["cities"]
    return next(z["slug"] for c in cities for z in c["zones"] if z["articles"])


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_pages_pass_their_own_policy(client: TestClient) -> None:
    """No inline script, no inline style, no event-handler attributes on any page."""
    slug = _busy_zone(client)
    article = client.get("/api/search?q=开发区").json()["results"][0]
    paths = [*PAGES[:-1], f"/zones/{slug}", f"/articles/{article['article_id']}", article["url"]]
    for path in paths:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), path


def test_formula_cells_are_neutralised() -> None:
    for hostile in ("=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(hostile) == "'" + hostile
    assert neutralise("开发区") == "开发区"
    row = csv_row({"article_id": "a-1", "title": "=cmd|' /C calc'!A0", "url": "/p/x",
                   "passage": {"id": "p-1", "snippet_html": "<mark>@x</mark>"}}, "")
    assert row[1].startswith("'=") and row[6] == "'@x"


def test_csv_export_is_capped_and_says_so(sample_settings: Settings) -> None:
    capped = sample_settings.model_copy(update={"max_export_rows": 3})
    with TestClient(create_app(capped)) as small:
        response = small.get("/search.csv?q=开发区")
        rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
        assert len(rows) == 1 + 3
        assert int(response.headers["x-result-total"]) > 3 and response.headers["x-result-rows"] == "3"
        lines = small.get("/search.jsonl?q=开发区").text.splitlines()
        assert len(lines) == 3


def test_host_header_never_reaches_absolute_urls(client: TestClient, sample_settings: Settings) -> None:
    forged = {"host": "evil.example"}
    slug = _busy_zone(client)
    for path in ("/opensearch.xml", f"/zones/{slug}/feed.atom", "/search.csv?q=开发区"):
        assert "evil.example" not in client.get(path, headers=forged).text, path
    based = sample_settings.model_copy(update={"base_url": "https://archive.example/"})
    with TestClient(create_app(based)) as public:
        text = public.get("/opensearch.xml", headers=forged).text
        assert 'template="https://archive.example/search?q=' in text
        assert "https://archive.example/p/" in public.get("/search.csv?q=开发区").text


def test_host_header_never_reaches_passage_citations(client: TestClient, sample_settings: Settings) -> None:
    forged = {"host": "evil.example"}
    passage = client.get("/api/search", params={"q": "开发区"}).json()["results"][0]["passage"]["id"]
    for path in (f"/p/{passage}", f"/api/passages/{passage}", f"/p/{passage}.ris", f"/p/{passage}.bib"):
        text = client.get(path, headers=forged).text
        assert "evil.example" not in text, path
        assert f"/p/{passage}" in text, path  # the permalink is still there, relative
    based = sample_settings.model_copy(update={"base_url": "https://archive.example/"})
    with TestClient(create_app(based)) as public:
        record = public.get(f"/api/passages/{passage}", headers=forged).json()
        assert record["permalink"] == f"https://archive.example/p/{passage}"


def test_export_media_types_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "text/csv" in paths["/search.csv"]["get"]["responses"]["200"]["content"]
    assert "application/x-ndjson" in paths["/search.jsonl"]["get"]["responses"]["200"]["content"]
