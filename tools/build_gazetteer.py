"""Build ``app/data/gazetteer.json`` from the facts in ``shared/reference`` (one-off tool).

Usage: ``.venv/bin/python tools/build_gazetteer.py [REFERENCE_DIR]`` (default
``../shared/reference``). The JSON is the committed artefact; this script documents how it
was made: which reference rows went in, which zones the sample corpus added, which stems are
too common to link on their own, and how names are canonicalised (a leading 山西 dropped from
zone names that start with a place, the 山西 form kept as an alias).
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import replace
from pathlib import Path

from app.places import DATA_FILE, GENERIC_COUNTY_NAMES, City, County, Gazetteer, pinyin_slug, zone_slug_for

#: County stems that are ordinary words or names too (小店 "small shop", 上党 the old
#: region, 五台 the mountain, 和顺 "harmonious" …): only the full name links.
UNSAFE_STEMS = frozenset(
    "小店 上党 和顺 永和 大宁 五台 左权 方山 石楼 交口 平定 盐湖 中阳 寿阳 阳高 阳城 新荣 河曲".split()
)

#: Words that contain a place name without naming the place.
NOT_PLACES = [
    "高平台",
    "家长子",
    "兄长子",
    "长子女",
    "班长子",
    "振兴县",
    "复兴县",
    "新兴县",
    "现代县",
    "时代县",
    "当代县",
    "近代县",
    "取代县",
    "相应县",
    "供应县",
    "对应县",
    "适应县",
    "响应县",
    "效应县",
    "莅临县",
    "亲临县",
    "光临县",
    "面临县",
    "来临县",
    "降临县",
    "濒临县",
    "华夏县",
    "千古县",
    "考古县",
    "蒙古县",
    "自古县",
    "太原理工",
]

#: Zones the sample corpus names that the reference list lacks, with the aliases the
#: reports (and the project's gold file) use. (name, level, city, county, aliases)
CORPUS_ZONES: list[tuple[str, str | None, str, str | None, list[str]]] = [
    (
        "平遥经济技术开发区",
        "provincial",
        "晋中市",
        "平遥县",
        ["平遥开发区", "平遥经开区", "山西平遥经济技术开发区", "平遥县经济技术开发区"],
    ),
    ("临猗现代农业产业示范区", "provincial", "运城市", "临猗县", ["临猗示范区", "临猗县现代农业产业示范区"]),
    ("云州现代农业产业示范区", "provincial", "大同市", "云州区", ["云州示范区", "云州区现代农业产业示范区"]),
    ("左云经济技术开发区", "provincial", "大同市", "左云县", ["左云经开区", "左云县经济技术开发区"]),
    ("高平经济技术开发区", "provincial", "晋城市", "高平市", ["高平经开区", "高平市经济技术开发区"]),
    (
        "太原西山生态修复和文化旅游示范区",
        None,
        "太原市",
        None,
        ["太原西山生态修复和文旅示范区", "西山生态修复和文化旅游示范区", "西山示范区", "太原西山示范区"],
    ),
]

#: Aliases attested in the corpus or gold beyond the reference alias list.
EXTRA_ALIASES: dict[str, list[str]] = {
    "忻州经济技术开发区": ["忻州经济开发区", "忻州市经济技术开发区"],
    "山西转型综合改革示范区": ["综改示范区", "山西综改区", "转型综改示范区"],
    "晋中国家农业高新技术产业示范区": ["山西晋中国家农业高新技术产业示范区", "晋中国家农高区", "晋中农高区"],
    "长治高新技术产业开发区": ["长治市高新技术产业开发区"],
    "武乡县现代农业产业示范区": ["武乡现代农业产业示范区", "武乡示范区"],
}

#: Slugs for zones whose names carry no place-plus-family shape.
SLUGS = {
    "山西转型综合改革示范区": "shanxi-zonggaiqu",
    "太原西山生态修复和文化旅游示范区": "taiyuan-xishan-shifanqu",
    "平顺生态文化旅游示范区": "pingshun-wenlv-shifanqu",
}

SHORT_FORMS = (
    ("经济技术开发区", "经开区"),
    ("经济开发区", "经开区"),
    ("高新技术产业开发区", "高新区"),
    ("现代农业产业示范区", "示范区"),
)


def read(ref: Path, name: str) -> list[dict[str, str]]:
    with (ref / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_places(ref: Path) -> tuple[list[City], list[County]]:
    coords = {r["code"]: r for r in read(ref, "shanxi_division_coords.csv")}
    rows = read(ref, "shanxi_divisions.csv")
    cities = [
        City(
            pinyin_slug(r["name"].removesuffix("市")),
            r["name"],
            r["code"],
            float(coords[r["code"]]["lon"]),
            float(coords[r["code"]]["lat"]),
        )
        for r in rows
        if r["level"] == "prefecture"
    ]
    city_slug = {c.name: c.slug for c in cities}
    former: dict[str, list[str]] = {}
    for ch in read(ref, "shanxi_division_changes.csv"):
        former.setdefault(ch["new_code"], []).append(ch["old_name"])
    counties = []
    for r in rows:
        if r["level"] != "county":
            continue
        name, csl = r["name"], city_slug[r["parent_name"]]
        stem = name[:-1] if len(name) >= 3 else None
        if name in GENERIC_COUNTY_NAMES:
            slug = f"{csl}-{pinyin_slug(name)}"
        else:
            slug = pinyin_slug(stem or name)
        short = stem if stem and stem not in UNSAFE_STEMS else None
        counties.append(County(slug, name, csl, r["code"], tuple(former.get(r["code"], ())), short))
    return cities, untwin(counties)


def untwin(counties: list[County]) -> list[County]:
    """Same-sounding stems (平鲁区, 平陆县) both get their unit type: pinglu-qu, pinglu-xian."""
    seen: dict[str, int] = {}
    for c in counties:
        seen[c.slug] = seen.get(c.slug, 0) + 1
    return [
        replace(c, slug=f"{c.slug}-{pinyin_slug(c.name[-1])}") if seen[c.slug] > 1 else c for c in counties
    ]


def canonical(name: str) -> str:
    """Drop the province from 山西交城经济开发区, keep it in 山西转型综合改革示范区."""
    return name[2:] if name.startswith("山西") and not name.startswith("山西转型") else name


def generated_aliases(name: str) -> list[str]:
    out = [] if name.startswith("山西") else ["山西" + name]
    for long, short in SHORT_FORMS:
        if name.endswith(long) and not name.startswith("山西转型"):
            out.append(name[: -len(long)] + short)
    return out


def build_zones(ref: Path, gaz: Gazetteer) -> list[dict[str, object]]:
    aliases: dict[str, list[str]] = {}
    for a in read(ref, "shanxi_zone_aliases.csv"):
        aliases.setdefault(canonical(a["zone_name"]), []).append(a["alias"])
    rows = [
        (canonical(r["name"]), r["name"], r["level"], r["city"], r["county"].split(";")[0])
        for r in read(ref, "shanxi_zones.csv")
    ]
    rows += [(n, n, lvl or "unknown", city, county or "") for n, lvl, city, county, _ in CORPUS_ZONES]
    for n, *_rest, extra in CORPUS_ZONES:
        aliases.setdefault(n, []).extend(extra)
    zones = []
    for name, official, level, city, county in rows:
        city_obj = gaz.city_named(city)
        assert city_obj, city
        county_slug = next((c.slug for c in gaz.counties_named(county) if c.city_slug == city_obj.slug), None)
        names = [official, *aliases.get(name, []), *EXTRA_ALIASES.get(name, []), *generated_aliases(name)]
        zones.append(
            {
                "slug": SLUGS.get(name) or zone_slug_for(name, gazetteer=gaz),
                "name": name,
                "level": None if level == "unknown" else level,
                "city": city_obj.slug,
                "county": county_slug,
                "aliases": [a for a in dict.fromkeys(names) if a != name],
            }
        )
    return zones


def main() -> None:
    ref = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
    cities, counties = build_places(ref)
    gaz = Gazetteer.build(cities, counties, ())
    zones = build_zones(ref, gaz)
    data = {
        "about": "Shanxi cities, county-level units (with 2018-2019 former names) and development "
        "zones; built by tools/build_gazetteer.py from shared/reference (see its SOURCES.md) "
        "and the zones the sample corpus names.",
        "cities": [
            {"slug": c.slug, "name": c.name, "code": c.code, "lon": c.lon, "lat": c.lat} for c in cities
        ],
        "counties": [
            {
                "slug": c.slug,
                "name": c.name,
                "code": c.code,
                "city": c.city_slug,
                "former_names": list(c.former_names),
                "short": c.short,
            }
            for c in counties
        ],
        "zones": zones,
        "not_places": NOT_PLACES,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    DATA_FILE.write_text(text + "\n", encoding="utf-8")
    Gazetteer.build(cities, counties, ())  # slugs unique among places
    from app.places import load_gazetteer

    load_gazetteer.cache_clear()
    load_gazetteer()  # raises on duplicate zone names or slugs


if __name__ == "__main__":
    main()
