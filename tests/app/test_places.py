"""The gazetteer: coverage, lookups by every name reporters use, and readable stable slugs."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.places import (
    Gazetteer,
    context_free_readings,
    domain_terms,
    load_gazetteer,
    pinyin_slug,
    toneless,
    zone_slug_for,
)
from ingest.pipeline import ingest

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "articles.json"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_covers_every_city_and_county_and_the_reference_zones(gaz: Gazetteer) -> None:
    assert len(gaz.cities) == 11
    assert len(gaz.counties) == 117
    assert len(gaz.zones) >= 48
    assert all(gaz.city(c.city_slug) for c in gaz.counties)
    for zone in gaz.zones:
        assert zone.city_slug is not None and gaz.city(zone.city_slug)
        if zone.county_slug:
            assert gaz.county(zone.county_slug).city_slug == zone.city_slug


def test_slugs_are_unique_readable_pinyin(gaz: Gazetteer) -> None:
    slugs = [c.slug for c in gaz.cities] + [c.slug for c in gaz.counties] + [z.slug for z in gaz.zones]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("长治市", "changzhi"),
        ("长子县", "zhangzi"),
        ("洪洞县", "hongtong"),
        ("万柏林区", "wanbailin"),
        ("祁县", "qixian"),
        ("吕梁市", "lvliang"),
    ],
)
def test_polyphones_read_as_the_place_names_do(gaz: Gazetteer, name: str, slug: str) -> None:
    place = gaz.city_named(name) or gaz.counties_named(name)[0]
    assert place.slug == slug


def test_zone_slugs_follow_place_and_kind(gaz: Gazetteer) -> None:
    assert gaz.zone_named("长治高新区").slug == "changzhi-gaoxinqu"  # type: ignore[union-attr]
    assert gaz.zone_named("交城经开区").slug == "jiaocheng-jingkaiqu"  # type: ignore[union-attr]
    assert zone_slug_for("灵石经济技术开发区", gazetteer=gaz) == "lingshi-jingkaiqu"
    assert zone_slug_for("太原中北高新区", gazetteer=gaz) == "taiyuan-zhongbei-gaoxinqu"
    # a variant spelling of a listed zone lands on the listed zone's slug
    assert zone_slug_for("山西长子县经济技术开发区", gazetteer=gaz) == "zhangzi-jingkaiqu"


def test_every_gold_zone_name_and_alias_is_known(gaz: Gazetteer) -> None:
    if not GOLD.exists():
        pytest.skip("shared gold file not available")
    for name, aliases in json.loads(GOLD.read_text(encoding="utf-8"))["zones"].items():
        zone = gaz.zone_named(name)
        assert zone is not None, name
        assert {gaz.zone_named(a) for a in aliases} == {zone}, name


def test_aliases_and_short_forms_lead_to_their_zone(gaz: Gazetteer) -> None:
    zonggai = gaz.zone_named("山西转型综合改革示范区")
    assert zonggai is not None
    for alias in ("综改区", "综改示范区", "山西转型综改示范区", "山西综改示范区"):
        assert gaz.zone_named(alias) is zonggai
    assert gaz.zone_named("平遥开发区") is gaz.zone_named("平遥经济技术开发区")
    assert gaz.zone_named("晋中国家农高区").level == "national"  # type: ignore[union-attr]


def test_former_names_lead_to_the_renamed_county(gaz: Gazetteer) -> None:
    assert [c.name for c in gaz.counties_named("大同县")] == ["云州区"]
    assert [c.name for c in gaz.counties_named("长治县")] == ["上党区"]
    assert [c.name for c in gaz.counties_named("屯留县")] == ["屯留区"]
    assert [c.name for c in gaz.counties_named("潞城市")] == ["潞城区"]
    assert gaz.counties_named("太谷")[0].former_names == ("太谷县",)


def test_ambiguous_county_names_list_every_candidate(gaz: Gazetteer) -> None:
    chengqu = {(c.name, c.city_slug) for c in gaz.counties_named("城区")}
    assert chengqu == {
        ("城区", "yangquan"),
        ("城区", "jincheng"),
        ("平城区", "datong"),
        ("潞州区", "changzhi"),
    }
    assert gaz.place_slug("城区") is None


def test_city_names_with_and_without_shi(gaz: Gazetteer) -> None:
    assert gaz.city_named("长治") is gaz.city_named("长治市") is gaz.city("changzhi")
    assert gaz.city_named("上海") is None


def test_unsafe_stems_are_not_short_names(gaz: Gazetteer) -> None:
    # 小店 is "a small shop", 上党 the historic region (上党酒): only the full names link
    assert gaz.counties_named("小店") == ()
    assert gaz.counties_named("上党") == ()
    assert gaz.counties_named("清徐")[0].name == "清徐县"


def test_domain_terms_hold_every_name(gaz: Gazetteer) -> None:
    terms = set(domain_terms(gaz))
    assert {"交城经开区", "综改区", "长治市", "长治", "云州区", "大同县", "晋中国家农高区"} <= terms
    assert all(len(t) >= 2 for t in terms)


def test_loader_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_pinyin_slug_is_ascii() -> None:
    assert pinyin_slug("上海杭州湾") == "shanghaihangzhouwan"
    assert pinyin_slug("长治长子") == "changzhizhangzi"


def test_places_module_never_imports_ingest() -> None:
    source = Path(__file__).resolve().parents[2].joinpath("app", "places.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) ingest", source, re.M)


OFFICIAL = Path(__file__).resolve().parents[3] / "shared" / "reference" / "shanxi_zones_official.csv"


def _resolves_as_zone_filter(client: TestClient, name: str) -> bool:
    return client.get("/api/search", params={"q": "开发区", "zone": name}).status_code == 200


def test_every_name_of_the_official_list_resolves_as_a_zone_filter(client: TestClient, gaz: Gazetteer) -> None:
    if not OFFICIAL.exists():
        pytest.skip("shared/reference/shanxi_zones_official.csv not available (the project-own check below runs)")
    with OFFICIAL.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 68
    for row in rows:
        # an alt name the list itself marks uncertain ("…?") is checked without the mark
        names = [row["name"], *(a.rstrip("?") for a in row["alt_names"].split(";") if a)]
        for name in names:
            zone = gaz.zone_named(name)
            merged = zone and zone.merged_into and gaz.zone(zone.merged_into)
            assert _resolves_as_zone_filter(client, name) or merged, name


def test_every_name_the_gazetteer_records_resolves_as_a_zone_filter(client: TestClient, gaz: Gazetteer) -> None:
    for zone in gaz.zones:
        for name in (zone.slug, *zone.names):
            assert _resolves_as_zone_filter(client, name), (zone.slug, name)
    assert client.get("/api/search", params={"q": "开发区", "zone": "不存在的开发区"}).status_code == 422


def test_gazetteer_records_carry_their_evidence_and_fuller_facts(gaz: Gazetteer) -> None:
    assert len(gaz.zones) >= 74
    assert all(zone.evidence for zone in gaz.zones)
    changzhi = gaz.zone_named("长治经济技术开发区")
    assert changzhi is not None and changzhi.counties == ("luzhou", "shangdang")
    xiaoyi = gaz.zone_named("孝义经开区")
    assert xiaoyi is gaz.zone_named("孝义开发区") is gaz.zone_named("山西孝义经济开发区")
    assert xiaoyi is not None and xiaoyi.catalogue_name == "山西孝义经济开发区"
    assert gaz.zone_named("长治县经济技术开发区") is gaz.zone_named("上党经济技术开发区")
    assert gaz.zone_named("太原工业园区").merged_into == "shanxi-zonggaiqu"  # type: ignore[union-attr]
    assert gaz.zone_named("山西转型综合改革示范区").spans_cities == ("taiyuan", "jinzhong")  # type: ignore[union-attr]


def test_api_zones_lists_every_zone_with_its_counts(client: TestClient, gaz: Gazetteer) -> None:
    groups = client.get("/api/zones").json()
    listed = {z["slug"]: z for g in groups["cities"] for z in g["zones"]}
    assert {z.slug for z in gaz.zones} <= set(listed)
    assert groups["total"] == len(listed) and 0 < groups["reported"] < groups["total"]
    assert all(isinstance(z["articles"], int) and isinstance(z["mentions"], int) for z in listed.values())
    silent = next(slug for slug, z in listed.items() if z["articles"] == 0)
    page = client.get(f"/zones/{silent}")
    assert page.status_code == 200 and "还没有以它为主题或报道它的文章" in page.text


def test_a_discovered_zone_has_its_page_and_is_marked_in_the_list(tmp_path: Path) -> None:
    report = tmp_path / "corpus" / "yanggao.txt"
    report.parent.mkdir()
    report.write_text(
        "阳高县经济技术开发区跑出项目建设加速度\n"
        "今年以来，阳高县经济技术开发区新签约项目6个，总投资18亿元。\n"
        "阳高经开区负责人介绍，园区正在建设第二座标准化厂房。\n",
        encoding="utf-8",
    )
    settings = Settings(data_dir=tmp_path / "archive")
    ingest(settings, [report.parent])
    with TestClient(create_app(settings)) as client:
        zones = {z["slug"]: z for g in client.get("/api/zones").json()["cities"] for z in g["zones"]}
        assert zones["yanggao-jingkaiqu"]["discovered"] and zones["yanggao-jingkaiqu"]["articles"] == 1
        assert "报道所见" in client.get("/zones").text
        zone = client.get("/api/zones/yanggao-jingkaiqu").json()
        assert zone["discovered"] and zone["city"]["slug"] == "datong" and len(zone["articles"]) == 1
        exported = client.get(f"/api/articles/{zone['articles'][0]['id']}").json()
        assert [(z["slug"], z["role"]) for z in exported["zones"]] == [("yanggao-jingkaiqu", "subject")]


def test_the_bundled_context_free_readings_are_what_the_pinned_pypinyin_gives() -> None:
    from tools.build_pinyin_table import context_free_readings as derived

    assert context_free_readings() == derived()


def test_no_phrase_reads_a_tabled_character_another_way() -> None:
    # The table stands in for pypinyin only if phrase context never changes such a
    # character's reading: checked on every phrase pypinyin knows.
    from pypinyin import lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict

    table = context_free_readings()
    covered = [phrase for phrase in phrases_dict if all(char in table for char in phrase)]
    assert len(covered) > 5000
    assert [p for p in covered if lazy_pinyin(p) != [table[char] for char in p]] == []


@pytest.mark.parametrize("text", ["", "中北", "上海杭州湾", "ABC园区", "长治中北", "绿色", "兴县1号"])
def test_toneless_is_pypinyins_lazy_pinyin(text: str) -> None:
    from pypinyin import lazy_pinyin

    assert "".join(toneless(text)) == "".join(lazy_pinyin(text))
