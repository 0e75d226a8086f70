"""Zone dossiers, city tables and the offline map (app.archive.dossier, app.archive.geo)."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from app.archive.dossier import FactRecord, dossier
from app.archive.geo import MAP_FILE

FACT_KEYS = {"kind", "value", "unit", "period", "name", "stage", "passage_id", "article_id", "date"}


def fact(kind: str, value: str, period: str | None, date: str, **extra: str) -> FactRecord:
    return FactRecord(
        kind=kind, value=value, unit=extra.get("unit"), period=period, name=extra.get("name"),
        stage=extra.get("stage"), passage_id=f"p-{value}", article_id="a-1", date=date,
    )


def test_latest_value_first_with_earlier_and_conflicting_beside_it() -> None:
    lines = dossier([
        fact("area", "12.5", "2012年", "2019-01-01", unit="平方公里"),
        fact("area", "18.6", "2021年", "2022-03-01", unit="平方公里"),
        fact("output", "50", "2023年", "2024-01-05", unit="亿元"),
        fact("output", "52", "2023年", "2024-02-01", unit="亿元"),
    ])
    area = next(line for line in lines if line.kind == "area")
    assert (area.latest.value, [f.value for f in area.earlier], area.conflicting) == ("18.6", ["12.5"], [])
    output = next(line for line in lines if line.kind == "output")
    assert output.latest.value == "52" and [f.value for f in output.conflicting] == ["50"]
    assert [line.kind for line in lines] == ["area", "output"]


def test_each_project_is_its_own_line() -> None:
    lines = dossier([
        fact("project", "8", None, "2024-01-01", unit="亿元", name="甲项目", stage="签约"),
        fact("project", "8", None, "2024-06-01", unit="亿元", name="甲项目", stage="开工"),
        fact("project", "3", None, "2024-06-01", unit="亿元", name="乙项目"),
    ])
    assert {(line.label, line.latest.stage) for line in lines} == {("甲项目", "开工"), ("乙项目", None)}


def test_zone_json_exports_facts_that_cite_live_passages(client: TestClient) -> None:
    facts = client.get("/api/zones/jiaocheng-jingkaiqu").json()["facts"]
    assert facts and all(set(f) == FACT_KEYS for f in facts)
    assert {"approval", "level", "area", "industry", "output"} <= {f["kind"] for f in facts}
    area = next(f for f in facts if f["kind"] == "area")
    assert (area["value"], area["unit"], area["period"], area["name"]) == ("27.03", "平方公里", "2022年", None)
    passage = client.get(f"/api/passages/{area['passage_id']}").json()
    assert "27.03" in json.dumps(passage, ensure_ascii=False)


def test_zone_page_shows_the_dossier_with_passage_links(client: TestClient) -> None:
    html = client.get("/zones/jiaocheng-jingkaiqu").text
    dossier_html = html[html.index('class="dossier"') :]
    assert "27.03 平方公里" in dossier_html and "现代煤化工" in dossier_html
    for pid in re.findall(r'class="fact-cite" href="/p/([^"]+)"', dossier_html):
        assert client.get(f"/p/{pid}").status_code == 200


def test_city_page_tables_its_zones_key_facts(client: TestClient) -> None:
    html = client.get("/cities/lvliang").text
    table = html[html.index('class="zone-facts"') :]
    assert 'href="/zones/jiaocheng-jingkaiqu"' in table and "27.03" in table
    assert client.get("/api/cities/lvliang").json()["zone_facts"][0]["zone"]["slug"] == "jiaocheng-jingkaiqu"


def test_the_map_data_covers_every_city_and_county() -> None:
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    assert (len(data["cities"]), len(data["counties"])) == (11, 117)
    assert MAP_FILE.stat().st_size < 600_000
    assert all(u["d"].startswith("M") and 0 <= u["x"] <= data["width"] for u in data["counties"])


def test_map_on_the_zone_list_links_cities_and_zones(client: TestClient) -> None:
    html = client.get("/zones").text
    svg = html[html.index('<svg viewBox="0 0') :]
    svg = svg[: svg.index("</svg>")]
    assert len(re.findall(r'<a href="/cities/[a-z-]+" class="map-city-link">', svg)) == 11
    zones = re.findall(r'<a href="/zones/([a-z0-9-]+)" class="map-zone-link">', svg)
    assert "jiaocheng-jingkaiqu" in zones
    assert client.get(f"/zones/{zones[0]}").status_code == 200
    assert "style=" not in svg and "<script" not in svg


def test_city_and_zone_pages_highlight_their_place(client: TestClient) -> None:
    city = client.get("/cities/lvliang").text
    assert re.search(r'<a href="/cities/lvliang" class="map-city-link"><path d="[^"]+" class="map-city is-focus">', city)
    zone = client.get("/zones/houma-jingkaiqu").text
    assert 'class="map-zone tone-' in zone and "is-focus" in zone
