"""The gazetteer: Shanxi's prefecture cities, county-level units and development zones.

``load_gazetteer()`` reads ``app/data/gazetteer.json`` (the project's own data file, built
from the facts in ``shared/reference`` by ``tools/build_gazetteer.py``) into frozen records
with name lookups. Every name a report may use leads to its record: official names, aliases
and short forms of zones, county names including the names they had before the 2018–2019
renames, and city names with or without 市. Slugs are readable pinyin and never change once
published; ``zone_slug_for`` makes them for zones found in reports that no list has.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "gazetteer.json"

#: County names that are generic words as well (城区 is in both 阳泉 and 晋城, and was in
#: 大同 and 长治 until 2018): they name a unit only when the city is known from context.
GENERIC_COUNTY_NAMES = frozenset({"城区", "郊区", "矿区", "南郊区"})

#: Readings pypinyin gets wrong for place names (长治 is Changzhi, 长子 is already Zhangzi).
PINYIN_OVERRIDES: Mapping[str, str] = {
    "长治": "changzhi",
    "万柏林": "wanbailin",
    "繁峙": "fanshi",
    "洪洞": "hongtong",
    "尧都": "yaodu",
}

#: Zone-name endings, longest first, and the slug word each family gets. The family is
#: also what a bare ``经开区``/``示范区`` in a report can refer to.
ZONE_FAMILIES: tuple[tuple[str, str], ...] = (
    ("农业高新技术产业示范区", "nonggaoqu"),
    ("农高区", "nonggaoqu"),
    ("现代农业产业示范区", "nongye-shifanqu"),
    ("生态文化旅游示范区", "wenlv-shifanqu"),
    ("高新技术产业开发区", "gaoxinqu"),
    ("高新技术产业园区", "gaoxinqu"),
    ("高新技术开发区", "gaoxinqu"),
    ("高新区", "gaoxinqu"),
    ("经济技术开发区", "jingkaiqu"),
    ("经济开发区", "jingkaiqu"),
    ("经开区", "jingkaiqu"),
    ("开发区", "jingkaiqu"),
    ("示范区", "shifanqu"),
    ("工业园区", "yuanqu"),
)


@dataclass(frozen=True)
class CityEntry:
    """A prefecture-level city (地级市); ``short`` is the name without 市 (太原)."""

    slug: str
    name: str
    code: str | None = None
    lon: float | None = None
    lat: float | None = None

    @property
    def short(self) -> str:
        return self.name.removesuffix("市")


@dataclass(frozen=True)
class CountyEntry:
    """A county-level unit (区/县/县级市).

    ``short`` is the stem reports use alone (清徐 for 清徐县), ``None`` where the stem is too
    short or too common a word to trust; ``former_names`` are the names before 2018–2019.
    """

    slug: str
    name: str
    city_slug: str
    code: str | None = None
    former_names: tuple[str, ...] = ()
    short: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.former_names, *((self.short,) if self.short else ()))


@dataclass(frozen=True)
class ZoneEntry:
    """A development zone: official name, the aliases reporters use, level and place.

    ``names`` (what a report may call it) are the name, the aliases and the former names.
    ``counties`` lists every county-level unit it spans (``county_slug`` is the first);
    ``spans_cities`` is set for a zone lying in several cities (综改区), which then says
    nothing about which one city a report is about. ``merged_into`` is the slug of the zone
    it was folded into; ``evidence`` says where the record's facts come from.
    """

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    level: str | None = None  # national | provincial | None (not established)
    city_slug: str | None = None
    county_slug: str | None = None
    discovered: bool = False
    catalogue_name: str | None = None
    former_names: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    spans_cities: tuple[str, ...] = ()
    approval_year: int | None = None
    merged_into: str | None = None
    evidence: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that leads here (former names are aliases too, marked as former)."""
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.former_names)))

    @property
    def family(self) -> str | None:
        """The slug word of the zone's kind (``jingkaiqu``, ``gaoxinqu`` …), from its name."""
        return zone_family(self.name)


@dataclass(frozen=True)
class Gazetteer:
    """All places, with lookups by any name; build it with :meth:`build`."""

    cities: tuple[CityEntry, ...]
    counties: tuple[CountyEntry, ...]
    zones: tuple[ZoneEntry, ...]
    #: Longer words that contain a place name but are not one (高平台, 振兴县域 …).
    not_places: tuple[str, ...] = ()
    _city_by_slug: Mapping[str, CityEntry] = field(default_factory=dict, repr=False, compare=False)
    _county_by_slug: Mapping[str, CountyEntry] = field(default_factory=dict, repr=False, compare=False)
    _zone_by_slug: Mapping[str, ZoneEntry] = field(default_factory=dict, repr=False, compare=False)
    _city_by_name: Mapping[str, CityEntry] = field(default_factory=dict, repr=False, compare=False)
    _counties_by_name: Mapping[str, tuple[CountyEntry, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _zone_by_name: Mapping[str, ZoneEntry] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        cities: Iterable[CityEntry],
        counties: Iterable[CountyEntry],
        zones: Iterable[ZoneEntry],
        not_places: Iterable[str] = (),
    ) -> Gazetteer:
        """Index the records; raises ``ValueError`` on a duplicate slug or zone name."""
        cities, counties, zones = tuple(cities), tuple(counties), tuple(zones)
        by_county: dict[str, list[CountyEntry]] = defaultdict(list)
        for county in counties:
            for name in dict.fromkeys(county.names):
                by_county[name].append(county)
        zone_names: dict[str, ZoneEntry] = {}
        for zone in zones:
            for name in zone.names:
                if zone_names.setdefault(name, zone) is not zone:
                    raise ValueError(f"zone name {name!r} is used by two zones")
        slugs = [c.slug for c in cities] + [c.slug for c in counties] + [z.slug for z in zones]
        if len(set(slugs)) != len(slugs):
            raise ValueError("duplicate slug in gazetteer")
        city_names = {c.name: c for c in cities} | {c.short: c for c in cities}
        return cls(
            cities=cities,
            counties=counties,
            zones=zones,
            not_places=tuple(not_places),
            _city_by_slug={c.slug: c for c in cities},
            _county_by_slug={c.slug: c for c in counties},
            _zone_by_slug={z.slug: z for z in zones},
            _city_by_name=city_names,
            _counties_by_name={k: tuple(v) for k, v in by_county.items()},
            _zone_by_name=zone_names,
        )

    def __hash__(self) -> int:
        # Computed once: cached look-ups are keyed by the gazetteer for every paragraph
        # linked, and hashing its thousands of records each time cost more than the look-up.
        cached: int | None = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.cities, self.counties, self.zones, self.not_places))
            object.__setattr__(self, "_hash", cached)
        return cached

    def city(self, slug: str) -> CityEntry:
        """The city with this slug; ``KeyError`` if there is none."""
        return self._city_by_slug[slug]

    def county(self, slug: str) -> CountyEntry:
        """The county with this slug; ``KeyError`` if there is none."""
        return self._county_by_slug[slug]

    def zone(self, slug: str) -> ZoneEntry:
        """The zone with this slug; ``KeyError`` if there is none."""
        return self._zone_by_slug[slug]

    def city_named(self, name: str) -> CityEntry | None:
        """The city called ``name``, with or without 市 (长治, 长治市)."""
        return self._city_by_name.get(name)

    def counties_named(self, name: str) -> tuple[CountyEntry, ...]:
        """Every county this name can mean: official, former or short name (城区 → two)."""
        return self._counties_by_name.get(name, ())

    def zone_named(self, name: str) -> ZoneEntry | None:
        """The zone whose official name or alias is ``name``."""
        return self._zone_by_name.get(name)

    def zones_of_county(self, county_slug: str) -> tuple[ZoneEntry, ...]:
        """Zones lying (wholly or partly) in the county."""
        return tuple(z for z in self.zones if county_slug in (z.county_slug, *z.counties))

    def zones_of_city(self, city_slug: str) -> tuple[ZoneEntry, ...]:
        return tuple(z for z in self.zones if z.city_slug == city_slug)

    def place_slug(self, stem: str) -> str | None:
        """The slug of the city or unambiguous county that ``stem`` names, if any."""
        if city := self.city_named(stem):
            return city.slug
        counties = self.counties_named(stem)
        return counties[0].slug if len(counties) == 1 and stem not in GENERIC_COUNTY_NAMES else None

    def place_names(self) -> Iterable[str]:
        """Every city and county name (with short and former forms) the gazetteer knows."""
        yield from self._city_by_name
        yield from self._counties_by_name

    def zone_names(self) -> Iterable[str]:
        yield from self._zone_by_name


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = DATA_FILE) -> Gazetteer:
    """The gazetteer from ``path`` (default: the bundled file), read once per process."""
    data = json.loads(path.read_text(encoding="utf-8"))
    cities = [CityEntry(c["slug"], c["name"], c.get("code"), c.get("lon"), c.get("lat")) for c in data["cities"]]
    counties = [
        CountyEntry(
            slug=c["slug"],
            name=c["name"],
            city_slug=c["city"],
            code=c.get("code"),
            former_names=tuple(c.get("former_names", ())),
            short=c.get("short"),
        )
        for c in data["counties"]
    ]
    zones = [
        ZoneEntry(
            slug=z["slug"],
            name=z["name"],
            aliases=tuple(z.get("aliases", ())),
            level=z.get("level"),
            city_slug=z.get("city"),
            county_slug=z.get("county"),
            catalogue_name=z.get("catalogue_name"),
            former_names=tuple(z.get("former_names", ())),
            counties=tuple(z.get("counties", ())),
            spans_cities=tuple(z.get("spans_cities", ())),
            approval_year=z.get("approval_year"),
            merged_into=z.get("merged_into"),
            evidence=z.get("evidence"),
        )
        for z in data["zones"]
    ]
    return Gazetteer.build(cities, counties, zones, data.get("not_places", ()))


def domain_terms(gazetteer: Gazetteer | None = None) -> list[str]:
    """Every zone name and alias and every city/county name, sorted: the words the search
    analyzer must keep whole (jieba user dictionary)."""
    gaz = gazetteer or load_gazetteer()
    terms = set(gaz.zone_names()) | set(gaz.place_names())
    return sorted(t for t in terms if len(t) >= 2)


def pinyin_slug(text: str) -> str:
    """``text`` in toneless pinyin, lower-case ASCII, no separators (长治 → changzhi)."""
    out: list[str] = []
    plain = ""  # runs between overrides go to pypinyin whole, so its phrase readings apply
    i = 0
    while i < len(text):
        hit = next((k for k in PINYIN_OVERRIDES if text.startswith(k, i)), None)
        if hit is None:
            plain += text[i]
            i += 1
            continue
        out.extend(toneless(plain))
        out.append(PINYIN_OVERRIDES[hit])
        plain = ""
        i += len(hit)
    out.extend(toneless(plain))
    joined = "".join(out).replace("ü", "v").lower()
    return "".join(ch for ch in joined if ch.isascii() and ch.isalnum())


#: Every basic CJK character whose reading no phrase changes → that reading, toneless (written
#: by ``tools/build_pinyin_table.py``; ``tests/app/test_places.py`` re-derives it).
PINYIN_FILE = Path(__file__).parent / "data" / "pinyin_chars.json"


@lru_cache(maxsize=1)
def context_free_readings() -> dict[str, str]:
    return dict(json.loads(PINYIN_FILE.read_text(encoding="utf-8"))["readings"])


def toneless(text: str) -> list[str]:
    """pypinyin's ``lazy_pinyin(text)`` (joined, the same string).

    A text whose every Chinese character reads the same in any phrase needs no phrase context,
    so it is read from the bundled table; pypinyin, whose dictionaries take ~0.25 s to load, is
    only imported for a character some phrase reads another way (长 in 长治; a test proves the
    two ways agree on every phrase pypinyin knows).
    """
    table = context_free_readings()
    if all(char in table or ord(char) < 0x2E80 for char in text):
        return [table.get(char, char) for char in text]
    # Its documented switch: the dictionaries are used as loaded, not copied (nothing here
    # edits them), ~60 ms less to load.
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import lazy_pinyin

    return list(lazy_pinyin(text))


def zone_family(name: str) -> str | None:
    """The family slug word of a zone name by its ending, or ``None``."""
    return next((fam for suffix, fam in ZONE_FAMILIES if name.endswith(suffix)), None)


def zone_stem(name: str) -> tuple[str, str | None]:
    """Split a zone name into its place stem and family: 山西长子县经济技术开发区 → (长子县, jingkaiqu).

    The stem keeps a 县/市 ending: 长治县 (now 上党区) is not 长治市.
    """
    core = name.removeprefix("山西省").removeprefix("山西")
    for suffix, fam in ZONE_FAMILIES:
        if core.endswith(suffix) and len(core) > len(suffix):
            return core[: -len(suffix)].removesuffix("国家"), fam
    return core, None


def zone_slug_for(name: str, *, gazetteer: Gazetteer | None = None) -> str:
    """A readable, stable slug for a zone name: the place's slug, then the rest in pinyin,
    then the family (长子经开区 → ``zhangzi-jingkaiqu``, 太原中北高新区 → ``taiyuan-zhongbei-gaoxinqu``).

    The same place and family always give the same slug, so a zone found in reports keeps
    its slug when it is later added to the gazetteer under its full name.
    """
    gaz = gazetteer or load_gazetteer()
    stem, fam = zone_stem(name)
    parts: list[str] = []
    for cut in range(len(stem), 1, -1):
        if place := gaz.place_slug(stem[:cut]):
            parts.append(place)
            stem = stem[cut:]
            break
    if len(stem) == 1 and stem in "市县区":  # the rest of 清徐县 after a stem-only match
        stem = ""
    if stem:
        parts.append(pinyin_slug(stem))
    if fam:
        parts.append(fam)
    return "-".join(p for p in parts if p)
