"""Build ``app/data/gazetteer.json`` from the facts in ``shared/reference`` (one-off tool).

Usage: ``.venv/bin/python tools/build_gazetteer.py [REFERENCE_DIR]`` (default
``../shared/reference``). The JSON is the committed artefact; this script documents how it
was made. Zones come from ``shanxi_zones_official.csv`` (every row, with its evidence
grade and source), enriched by ``shanxi_zones.csv`` (approval dates, several counties) and
``shanxi_zone_aliases.csv``, then the zones the sample corpus and public reports establish
(``tools/gazetteer_facts.py``, each with its source). Names are canonicalised: a leading
山西 is dropped from zone names that start with a place (the 山西 form stays an alias, and
the catalogue's form its ``catalogue_name``).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: the facts sit beside it

from gazetteer_facts import (  # noqa: E402
    CORPUS_ZONES,
    EXTRA_ALIASES,
    FORMER_NAMES,
    MERGED_INTO,
    NOT_PLACES,
    PREFERRED_NAMES,
    REPORTED_ZONES,
    SHORT_FORMS,
    SLUGS,
    SPANS_CITIES,
    UNSAFE_STEMS,
)

from app.places import (
    DATA_FILE,
    GENERIC_COUNTY_NAMES,
    CityEntry,
    CountyEntry,
    Gazetteer,
    pinyin_slug,
    zone_slug_for,
)

#: An approval stated in a reference note: "approved 2019-02", "State Council approval 2019".
APPROVAL = re.compile(r"approv\w*(?: by [A-Za-z ]+?)? (\d{4})")


def read(ref: Path, name: str) -> list[dict[str, str]]:
    with (ref / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_places(ref: Path) -> tuple[list[CityEntry], list[CountyEntry]]:
    coords = {r["code"]: r for r in read(ref, "shanxi_division_coords.csv")}
    rows = read(ref, "shanxi_divisions.csv")
    cities = [
        CityEntry(
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
        counties.append(CountyEntry(slug, name, csl, r["code"], tuple(former.get(r["code"], ())), short))
    return cities, untwin(counties)


def untwin(counties: list[CountyEntry]) -> list[CountyEntry]:
    """Same-sounding stems (平鲁区, 平陆县) both get their unit type: pinglu-qu, pinglu-xian."""
    seen: dict[str, int] = {}
    for c in counties:
        seen[c.slug] = seen.get(c.slug, 0) + 1
    return [
        replace(c, slug=f"{c.slug}-{pinyin_slug(c.name[-1])}") if seen[c.slug] > 1 else c for c in counties
    ]


def canonical(name: str) -> str:
    """The archive's name: 山西交城经济开发区 → 交城经济开发区; 山西转型综合改革示范区 keeps 山西."""
    if name in PREFERRED_NAMES:
        return PREFERRED_NAMES[name]
    return name[2:] if name.startswith("山西") and not name.startswith("山西转型") else name


def generated_aliases(name: str) -> list[str]:
    """山西 + name, and the short forms (孝义经开区, 孝义开发区) of a place-plus-family name."""
    if name.startswith("山西转型"):
        return []
    out = ["山西" + name]
    for long, short in SHORT_FORMS:
        if name.endswith(long):
            out.append(name[: -len(long)] + short)
    return out


def _year(*texts: str) -> int | None:
    for text in texts:
        if m := re.fullmatch(r"(\d{4})(?:-\d\d)*", text.strip()) or APPROVAL.search(text):
            return int(m.group(1))
    return None


def zone_rows(ref: Path) -> list[dict[str, Any]]:
    """One dict per zone: the official list, enriched, then the zones other sources add."""
    extra = {canonical(r["name"]): r for r in read(ref, "shanxi_zones.csv")}
    rows = []
    for r in read(ref, "shanxi_zones_official.csv"):
        name = canonical(r["name"])
        more = extra.get(name, {})
        counties = (more.get("county") or r["county"]).split(";")
        alt = [a for a in r["alt_names"].split(";") if a and not a.endswith("?")]
        alt += [r["name"]] if r["name"] in PREFERRED_NAMES else []  # the list's own form resolves too
        note = f" — {r['status_note']}" if r["status_note"] else ""
        rows.append({
            "name": name,
            "catalogue_name": r["name"] if "GB/T 37028" in r["source_url"] and r["name"] != name else None,
            "level": None if r["level"] == "unknown" else r["level"],
            "city": r["city"],
            "counties": [c for c in counties if c],
            "approval_year": _year(more.get("approved_date", ""), r["status_note"]),
            "aliases": alt,
            "evidence": f"{r['evidence']}: {r['source_url']}{note}",
        })
    for z in [*CORPUS_ZONES, *REPORTED_ZONES]:
        rows.append({
            "name": z.name, "catalogue_name": None, "level": z.level, "city": z.city,
            "counties": [z.county] if z.county else [], "approval_year": None,
            "aliases": list(z.aliases), "evidence": z.evidence,
        })
    return rows


def build_zones(ref: Path, gaz: Gazetteer) -> list[dict[str, object]]:
    aliases: dict[str, list[str]] = {}
    for a in read(ref, "shanxi_zone_aliases.csv"):
        aliases.setdefault(canonical(a["zone_name"]), []).append(a["alias"])
    rows = zone_rows(ref)
    slug_of = {r["name"]: SLUGS.get(r["name"]) or zone_slug_for(r["name"], gazetteer=gaz) for r in rows}
    zones = []
    for row in rows:
        name = row["name"]
        city = gaz.city_named(row["city"])
        assert city, row["city"]
        counties = [
            next(c.slug for c in gaz.counties_named(n) if c.city_slug == city.slug) for n in row["counties"]
        ]
        former = FORMER_NAMES.get(name, [])
        names = [*row["aliases"], *aliases.get(name, []), *EXTRA_ALIASES.get(name, []), *generated_aliases(name)]
        names += [n for n in (row["catalogue_name"],) if n]
        zones.append({
            "slug": slug_of[name],
            "name": name,
            "catalogue_name": row["catalogue_name"],
            "level": row["level"],
            "city": city.slug,
            "county": counties[0] if counties else None,
            "counties": counties,
            "spans_cities": [gaz.city_named(c).slug for c in SPANS_CITIES.get(name, [])],  # type: ignore[union-attr]
            "approval_year": row["approval_year"],
            "merged_into": slug_of[MERGED_INTO[name]] if name in MERGED_INTO else None,
            "aliases": [a for a in dict.fromkeys([*names, *former]) if a != name],
            "former_names": former,
            "evidence": row["evidence"],
        })
    return zones


def main() -> None:
    ref = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
    cities, counties = build_places(ref)
    gaz = Gazetteer.build(cities, counties, ())
    zones = build_zones(ref, gaz)
    data = {
        "about": "Shanxi cities, county-level units (with 2018-2019 former names) and development "
        "zones; built by tools/build_gazetteer.py from shared/reference (see its SOURCES.md: the "
        "official zone list with evidence grades A/B/C), the zones the sample corpus names, and "
        "zones public reports establish (each zone's evidence names its source).",
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
    from app.places import load_gazetteer

    load_gazetteer.cache_clear()
    load_gazetteer()  # raises on duplicate zone names or slugs


if __name__ == "__main__":
    main()
