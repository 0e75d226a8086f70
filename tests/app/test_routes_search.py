"""The search page, /api/search, the downloads: parameters validated, any query safe."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

HOSTILE = [
    "<script>alert(1)</script>", '"', "'", "-", "OR", "AND", "NOT", '"unclosed', "a OR", "-交城", "((", "*", "?",
    "\\", "交城\x00", "&lt;b&gt;", "<b>开发区</b>", "交" * 2000, "field:value", "title:交城", "%", "[]{}", "\u202e",
]


def test_search_page_shows_results_with_marked_snippets(client: TestClient) -> None:
    response = client.get("/search", params={"q": "开发区"})
    assert response.status_code == 200
    assert "找到" in response.text and "<mark>" in response.text
    assert 'href="/p/' in response.text


def test_empty_search_page_is_help(client: TestClient) -> None:
    response = client.get("/search")
    assert response.status_code == 200 and "搜索档案" in response.text


def test_a_filter_without_words_keeps_the_filter_for_the_next_search(client: TestClient) -> None:
    page = client.get("/search", params={"zone": "jiaocheng-jingkaiqu"}).text
    assert '<input type="hidden" name="zone" value="jiaocheng-jingkaiqu">' in page


def test_no_results_offers_zones_by_place_name(client: TestClient) -> None:
    page = client.get("/search", params={"q": "交城乾坤挪移"}).text  # 2 of its 3 words are nowhere
    assert "没有找到报道" in page and "要找的是这些开发区吗" in page and 'href="/zones/jiaocheng-jingkaiqu"' in page


def test_api_search_shape(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "开发区", "per_page": 5}).json()
    assert {"query", "total", "page", "per_page", "results"} <= set(data)
    assert data["per_page"] == 5 and data["page"] == 1 and 0 < len(data["results"]) <= 5
    first = data["results"][0]
    assert {"article_id", "title", "date", "zones", "passage", "url"} <= set(first)
    assert first["url"] == f"/p/{first['passage']['id']}"
    ids = [r["article_id"] for r in data["results"]]
    assert len(ids) == len(set(ids)), "one result per article"


def test_pages_do_not_overlap(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "开发区", "per_page": 2, "page": 1}).json()
    second = client.get("/api/search", params={"q": "开发区", "per_page": 2, "page": 2}).json()
    if first["total"] <= 2:
        pytest.skip("too few results to page")
    assert {r["article_id"] for r in first["results"]}.isdisjoint(r["article_id"] for r in second["results"])


def test_facet_links_keep_the_query(client: TestClient) -> None:
    page = client.get("/search", params={"q": "开发区"}).text
    assert "/search?q=%E5%BC%80%E5%8F%91%E5%8C%BA&amp;zone=" in page or "/search?q=开发区&amp;zone=" in page


def _slug(zone: str | dict[str, str]) -> str:
    return zone if isinstance(zone, str) else zone["slug"]


def test_zone_filter_narrows(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "开发区", "per_page": 100}).json()
    assert everything["total"] == len(everything["results"]), "the whole answer fits on one page"
    # A zone some results have and others lack: an ignored filter would return them all.
    slug = next(_slug(z) for r in everything["results"] for z in r["zones"]
                if not all(_slug(z) in map(_slug, other["zones"]) for other in everything["results"]))
    having = {r["article_id"] for r in everything["results"] if slug in map(_slug, r["zones"])}
    narrowed = client.get("/api/search", params={"q": "开发区", "zone": slug, "per_page": 100}).json()
    assert 0 < narrowed["total"] < everything["total"]
    assert all(slug in map(_slug, r["zones"]) for r in narrowed["results"])
    assert having <= {r["article_id"] for r in narrowed["results"]}


@pytest.mark.parametrize("params", [
    {"q": "x", "per_page": 0}, {"q": "x", "per_page": 101}, {"q": "x", "page": 0}, {"q": "x", "page": -1},
    {"q": "x", "page": "abc"}, {"q": "x", "per_page": "many"}, {"q": "x", "date_from": "2024-13-01"},
    {"q": "x", "date_to": "yesterday"}, {"q": "x", "date_from": "2024-1-1"}, {"q": "x", "sort": "random"},
    {"q": "x", "year": "24"},
])
@pytest.mark.parametrize("path", ["/api/search", "/search", "/search.csv", "/search.jsonl"])
def test_bad_parameters_answer_422(client: TestClient, path: str, params: dict[str, object]) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    if path == "/search":
        assert "参数有误" in response.text and '<html lang="zh-CN">' in response.text
    else:
        error = response.json()["error"]
        assert error["status"] == 422 and error["message"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail_and_are_escaped(client: TestClient, query: str) -> None:
    api = client.get("/api/search", params={"q": query})
    assert api.status_code == 200, api.text[:300]
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<b>开发区</b>" not in page.text


def test_dates_and_sort_are_accepted(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "开发区", "date_from": "2000-01-01", "date_to": "2100-12-31",
                                                  "sort": "date"})
    assert response.status_code == 200
    dates = [r["date"] for r in response.json()["results"] if r["date"]]
    assert dates == sorted(dates, reverse=True)


def test_csv_and_jsonl_export_the_whole_result_set(client: TestClient) -> None:
    total = client.get("/api/search", params={"q": "开发区"}).json()["total"]
    table = client.get("/search.csv", params={"q": "开发区"})
    assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(table.text.lstrip("\ufeff"))))
    assert rows[0][0] == "article_id" and len(rows) == total + 1
    assert all(row[-1].startswith("/p/") for row in rows[1:])  # absolute only with DEVZONE_BASE_URL
    lines = client.get("/search.jsonl", params={"q": "开发区"}).text.splitlines()
    assert len(lines) == total
    assert all(json.loads(line)["url"].startswith("/p/") for line in lines)


def test_zone_and_city_filters_take_slugs_names_or_aliases_and_refuse_unknown_ones(client: TestClient) -> None:
    by_slug = client.get("/api/search", params={"q": "交城", "zone": "jiaocheng-jingkaiqu"}).json()
    by_alias = client.get("/api/search", params={"q": "交城", "zone": "交城经开区"}).json()
    assert by_slug["total"] == by_alias["total"] >= 1
    assert client.get("/api/search", params={"q": "交城", "city": "吕梁"}).json()["total"] >= 1
    for params in ({"zone": "no-such-zone"}, {"city": "no-such-city"}):
        response = client.get("/api/search", params={"q": "交城", **params})
        assert response.status_code == 422
        assert response.json()["error"]["status"] == 422


def test_an_inverted_date_range_is_a_bad_parameter(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "开发区", "date_from": "2025-01-01", "date_to": "2024-01-01"})
    assert response.status_code == 422


def test_results_show_paper_date_and_page_or_say_they_are_unknown(client: TestClient) -> None:
    html = client.get("/search", params={"q": "开发区"}).text
    assert html.count('class="meta provenance"') >= 2
    assert "版次不详" in html or "版</span>" in html


def test_source_facet_reads_paper_date_page_and_undated_results_are_counted(client: TestClient) -> None:
    html = client.get("/search", params={"q": "开发区"}).text
    assert "报刊 · 日期 · 版次" in html
    assert not re.search(r">\d{3}_[0-9a-f]{16}\.txt<", html), "raw file names as facet labels"
    assert "日期不详</span>" in html


def test_sort_orders_are_the_contracts(client: TestClient) -> None:
    newest = [r["date"] for r in client.get("/api/search", params={"q": "开发区", "sort": "newest"}).json()["results"]]
    oldest = [r["date"] for r in client.get("/api/search", params={"q": "开发区", "sort": "oldest"}).json()["results"]]
    dated_new, dated_old = [d for d in newest if d], [d for d in oldest if d]
    assert dated_new == sorted(dated_new, reverse=True) and dated_old == sorted(dated_old)
    html = client.get("/search", params={"q": "开发区", "sort": "oldest"}).text
    assert '<option value="oldest" selected>' in html


def test_applied_filters_are_removable_chips(client: TestClient) -> None:
    html = client.get("/search", params={"q": "开发区", "date_from": "2020-01-01", "year": "2025"}).text
    assert "起：2020年1月1日" in html and "年份：2025年" in html
    assert 'href="/search?q=%E5%BC%80%E5%8F%91%E5%8C%BA&amp;year=2025"' in html


def test_a_bare_place_word_offers_the_zone_page(client: TestClient) -> None:
    html = client.get("/search", params={"q": "交城"}).text
    assert 'href="/zones/jiaocheng-jingkaiqu"' in html and "的专页吗" in html


def test_filters_come_before_results_in_the_page(client: TestClient) -> None:
    html = client.get("/search", params={"q": "开发区"}).text
    assert html.index('class="filters-panel"') < html.index('class="results"')
