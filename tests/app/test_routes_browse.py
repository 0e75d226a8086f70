"""/papers (papers → issues by date → pages with their articles) and /articles (newest first)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app import models
from app.config import Settings
from app.db import session_scope


def test_papers_lists_each_paper_with_counts_and_unknown_last(client: TestClient, sample_settings: Settings) -> None:
    data = client.get("/api/papers").json()["papers"]
    with session_scope(sample_settings) as session:
        sources = session.scalar(select(func.count()).select_from(models.Source))
        publications = set(session.scalars(select(models.Source.publication)))
    assert sum(p["pages"] for p in data) == sources
    assert {p["key"] for p in data} == {pub or "-" for pub in publications}
    if None in publications:
        assert data[-1]["key"] == "-" and data[-1]["name"] == "报刊不详"
    html = client.get("/papers").text
    assert all(p["name"] in html and f'href="{p["url"]}"' in html for p in data)


def test_a_paper_lists_issues_newest_first_then_pages_with_articles(client: TestClient) -> None:
    papers = client.get("/api/papers").json()["papers"]
    for paper in papers:
        data = client.get(f"/api/papers/{quote(paper['key'], safe='')}").json()
        dates = [issue["date"] for issue in data["issues"]]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True) and (None not in dates or dates[-1] is None)
        titles = [a["title"] for issue in data["issues"] for page in issue["pages"] for a in page["articles"]]
        assert len(titles) == paper["articles"]
        page = client.get(paper["url"])
        assert page.status_code == 200 and all(t in page.text for t in titles[:3])


def test_an_unknown_paper_is_404(client: TestClient) -> None:
    assert client.get("/papers/no-such-paper").status_code == 404
    assert client.get("/api/papers/no-such-paper").json()["error"]["status"] == 404


def test_articles_newest_first_undated_last(client: TestClient) -> None:
    data = client.get("/api/articles").json()
    dates = [a["date"] for a in data["articles"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated
    assert data["total"] >= len(dates)


def test_articles_filters_show_as_removable_chips(client: TestClient) -> None:
    data = client.get("/api/articles", params={"paper": "-"}).json()
    assert data["chips"] == [{"name": "paper", "label": "报刊：报刊不详", "remove_url": "/articles"}]
    assert all(a["publication"] is None for a in data["articles"])
    html = client.get("/articles", params={"paper": "-"}).text
    assert 'class="chip chip-filter" href="/articles"' in html


def test_articles_refuse_bad_filters(client: TestClient) -> None:
    assert client.get("/articles", params={"zone": "nowhere"}).status_code == 422
    assert client.get("/api/articles", params={"year": "24"}).status_code == 422
    assert client.get("/api/articles", params={"page": 0}).status_code == 422
