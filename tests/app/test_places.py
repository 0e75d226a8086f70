"""The gazetteer: coverage, lookups by every name reporters use, and readable stable slugs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.places import Gazetteer, domain_terms, load_gazetteer, pinyin_slug, zone_slug_for

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
