"""Every HTML page and JSON twin answers with real content; unknown ids answer 404."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app import models
from app.config import Settings
from app.db import session_scope


@pytest.fixture(scope="module")
def ids(sample_settings: Settings) -> dict[str, Any]:
    """Real ids of the sample archive: an article, its source, a zone and city with articles."""
    with session_scope(sample_settings) as session:
        article = session.scalars(select(models.Article).order_by(models.Article.id)).first()
        assert article is not None
        zone = session.scalar(select(models.ArticlePlace.slug).where(models.ArticlePlace.kind == "zone").limit(1))
        city = session.scalar(select(models.ArticlePlace.slug).where(models.ArticlePlace.kind == "city").limit(1))
        return {
            "article": article.id, "title": article.title, "source": article.source_id,
            "paragraph": article.paragraphs[0].id, "text": article.paragraphs[0].text,
            "zone": zone, "city": city,
            "paragraphs": [(p.id, p.text) for p in session.scalars(select(models.Paragraph))],
        }


def visible(html: str) -> str:
    """The page's text with tags dropped and the entities autoescape writes undone."""
    text = re.sub(r"<[^>]+>", "", html)
    return text.replace("&#34;", '"').replace("&#39;", "'").replace("&quot;", '"').replace("&lt;", "<").replace(
        "&gt;", ">").replace("&amp;", "&")


def test_home_shows_search_stats_zones_and_latest(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text
    assert 'action="/search"' in response.text
    assert "最新报道" in response.text and "按城市浏览开发区" in response.text
    assert re.search(r"收录 [1-9]\d* 个报纸版面", response.text)


def test_article_page_has_title_block_chips_and_anchors(client: TestClient, ids: dict[str, Any]) -> None:
    response = client.get(f"/articles/{ids['article']}")
    assert response.status_code == 200
    assert ids["title"] in visible(response.text)
    assert f'id="{ids["paragraph"]}"' in response.text
    assert f'href="/p/{ids["paragraph"]}"' in response.text
    assert f'href="/sources/{ids["source"]}"' in response.text


def test_supplied_titles_are_marked(client: TestClient, sample_settings: Settings) -> None:
    with session_scope(sample_settings) as session:
        supplied = session.scalar(select(models.Article.id).where(models.Article.title_supplied.is_(True)).limit(1))
    if supplied is None:
        pytest.skip("the sample archive has no supplied title")
    assert "编者拟题" in client.get(f"/articles/{supplied}").text


def test_article_json_is_the_export_record(client: TestClient, ids: dict[str, Any]) -> None:
    record = client.get(f"/api/articles/{ids['article']}").json()
    assert record["id"] == ids["article"]
    assert {"title", "kicker", "subtitle", "byline", "dateline", "date", "source", "zones", "cities",
            "paragraphs", "continued_from", "continued_to"} <= set(record)
    assert record["paragraphs"][0] == {**record["paragraphs"][0], "id": ids["paragraph"], "text": ids["text"]}


def test_every_paragraph_resolves_at_its_permalink(client: TestClient, ids: dict[str, Any]) -> None:
    assert len(ids["paragraphs"]) > 50
    for paragraph_id, text in ids["paragraphs"]:
        response = client.get(f"/p/{paragraph_id}")
        assert response.status_code == 200, paragraph_id
        marked = re.search(rf'<(?:p|h2) class="para[^"]* marked" id="{paragraph_id}"', response.text)
        assert marked, f"{paragraph_id} is not marked"
        assert text in visible(response.text)
        assert response.text.count(" marked\"") == 1


def test_passage_page_has_copy_link_citation_and_source_lines(client: TestClient, ids: dict[str, Any]) -> None:
    page = client.get(f"/p/{ids['paragraph']}").text
    assert 'data-copy-path="/p/' in page and "testserver" not in page  # never from the Host header
    assert "[N/OL]" in page
    assert re.search(rf'href="/sources/{ids["source"]}#L\d+-L\d+"', page)
    assert f'<link rel="canonical" href="/p/{ids["paragraph"]}">' in page


def test_passage_page_keeps_its_provenance_in_view_and_offers_downloads(client: TestClient, ids: dict[str, Any]) -> None:
    page = client.get(f"/p/{ids['paragraph']}").text
    assert 'class="passage-head"' in page and ids["title"] in page
    assert f'href="/p/{ids["paragraph"]}.ris"' in page and f'href="/p/{ids["paragraph"]}.bib"' in page
    assert "[报纸名不详]" not in page and "[出版日期不详]" not in page


def test_citation_downloads(client: TestClient, ids: dict[str, Any]) -> None:
    ris = client.get(f"/p/{ids['paragraph']}.ris")
    assert ris.status_code == 200 and ris.text.startswith("TY  - NEWS") and "attachment" in ris.headers["content-disposition"]
    bib = client.get(f"/p/{ids['paragraph']}.bib")
    assert bib.status_code == 200 and bib.text.startswith("@article{")
    assert client.get(f"/p/{ids['paragraph']}.doc").status_code == 404
    assert client.get("/p/p-aaaaaaaaaaaa.ris").status_code == 404


def test_every_paragraph_has_a_visible_copy_link_and_cite_control(client: TestClient, ids: dict[str, Any]) -> None:
    page = client.get(f"/articles/{ids['article']}").text
    paragraphs = page.count('class="para')
    assert page.count('class="para-tools"') == paragraphs - page.count('class="para-tools"')
    assert f'data-copy-path="/p/{ids["paragraph"]}"' in page and "复制链接" in page and ">引用<span class=\"vh\">" in page


def test_passage_json(client: TestClient, ids: dict[str, Any]) -> None:
    data = client.get(f"/api/passages/{ids['paragraph']}").json()
    assert data["id"] == ids["paragraph"] and data["status"] == "live" and data["text"] == ids["text"]
    assert data["article_id"] == ids["article"]
    assert data["permalink"].endswith(f"/p/{ids['paragraph']}")


def test_source_view_numbers_lines_and_links_paragraphs(client: TestClient, ids: dict[str, Any]) -> None:
    page = client.get(f"/sources/{ids['source']}").text
    assert 'id="L1"' in page and 'href="#L1"' in page
    assert f'href="/p/{ids["paragraph"]}"' in page
    lines = client.get(f"/api/sources/{ids['source']}").json()["lines"]
    assert [line["number"] for line in lines] == list(range(1, len(lines) + 1))


def test_zone_pages(client: TestClient, ids: dict[str, Any]) -> None:
    listing = client.get("/zones")
    assert listing.status_code == 200 and f'href="/zones/{ids["zone"]}"' in listing.text
    page = client.get(f"/zones/{ids['zone']}")
    assert page.status_code == 200 and "报道（" in page.text
    data = client.get(f"/api/zones/{ids['zone']}").json()
    assert data["slug"] == ids["zone"] and data["articles"], data
    assert all(a["passage"]["url"].startswith("/p/") for a in data["articles"])
    dates = [a["date"] for a in data["articles"] if a["date"]]
    assert dates == sorted(dates, reverse=True)
    assert sum(m["mentions"] for m in data["timeline"]) >= 1
    groups = client.get("/api/zones").json()["cities"]
    assert any(z["slug"] == ids["zone"] and z["articles"] >= 1 for g in groups for z in g["zones"])


def test_zone_feed_is_atom(client: TestClient, ids: dict[str, Any]) -> None:
    feed = client.get(f"/zones/{ids['zone']}/feed.atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    assert "<entry>" in feed.text and 'xmlns="http://www.w3.org/2005/Atom"' in feed.text


def test_city_pages(client: TestClient, ids: dict[str, Any]) -> None:
    assert client.get("/cities").status_code == 200
    page = client.get(f"/cities/{ids['city']}")
    assert page.status_code == 200 and "县级行政区" in page.text
    data = client.get(f"/api/cities/{ids['city']}").json()
    assert data["slug"] == ids["city"] and data["articles"] and data["counties"]
    assert len(client.get("/api/cities").json()["cities"]) == 11


def test_opensearch_and_docs(client: TestClient) -> None:
    description = client.get("/opensearch.xml")
    assert description.status_code == 200
    assert "/search?q={searchTerms}" in description.text
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/search", "/api/articles/{article_id}", "/api/passages/{paragraph_id}"} <= set(paths)


@pytest.mark.parametrize("url", [
    "/articles/a-nosuchthing", "/api/articles/a-nosuchthing", "/p/p-nosuchthing", "/api/passages/p-nosuchthing",
    "/zones/no-such-zone", "/api/zones/no-such-zone", "/cities/nowhere", "/api/cities/nowhere",
    "/sources/s-nosuchthing", "/zones/no-such-zone/feed.atom", "/no/such/page", "/api/no-such-endpoint",
])
def test_unknown_ids_answer_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api/") or url.endswith(".atom"):
        assert response.json()["error"]["status"] == 404
    else:
        assert '<html lang="zh-CN">' in response.text and "没有找到" in response.text


def test_hostile_ids_are_escaped(client: TestClient) -> None:
    response = client.get("/p/<script>alert(1)</script>")
    assert response.status_code == 404
    assert "<script>alert" not in response.text
