"""Finding place names in text for the link stage: gazetteer names, zone words, discoveries.

:func:`scan` finds every gazetteer name in a (folded) text, longest first, so 长治高新区 is
one zone and not the city 长治 plus a suffix. :func:`zone_words` reads the zone-kind words
(经开区, 高新区 …) that no known zone name covers: a Shanxi place right before one names a
zone (a known zone under a variant name, or a new one: :class:`DiscoveredZone`), another
province before one names a zone elsewhere (a ``comparison``), and a bare word is kept to be
resolved later from what the article is about. :func:`settle_generic_counties` gives 城区,
郊区 … their city or drops them. Everything here is pure and reads the gazetteer only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from app.places import GENERIC_COUNTY_NAMES, Gazetteer, zone_slug_for
from ingest.model import DiscoveredZone

#: Words that make the zone after them a yardstick, not the subject (same clause only).
COMPARISON_CUES = ("对标", "学习", "借鉴", "看齐", "比肩", "对比", "参照", "效仿", "成为继")

#: Zone-kind words; a place name right before one makes a zone name (高平 + 经开区).
ZONE_WORDS = re.compile(
    "该?(?:农业高新技术产业示范区|现代农业产业示范区|生态文化旅游示范区|高新技术产业开发区|经济技术开发区"
    "|经济开发区|工业园区|经开区|高新区|农高区|开发区|示范区|园区)"
)
#: Zone words that name a new zone when a Shanxi place stands right before them.
DISCOVERABLE = (
    "现代农业产业示范区",
    "生态文化旅游示范区",
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "工业园区",
    "经开区",
    "高新区",
)

#: A short bare zone word is only a reference when one of these (or punctuation) precedes
#: it: after other characters it is part of a compound (化工园区, 省级开发区 …).
_BARE_BEFORE = set("在对为入到进和与及是的向从于由将把让使了至赴本近抵")
#: Before a long bare zone word these still mark a class of zones (省级经济开发区).
_CLASS_BEFORE = set("级家类批等各省市县区国")
#: Clause breaks, in either width (folded text has ASCII punctuation).
CLAUSE_BREAK = re.compile(r"[，。；：、！？,;:!?\n]")

PROVINCES = (
    "北京 天津 上海 重庆 河北 内蒙古 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾"
).split()
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Hit:
    """A place named at ``start:end`` of paragraph ``paragraph`` (-1: the title block).

    ``context`` is what the words around this one occurrence say: ``plain``, or
    ``comparison`` (held up as a yardstick, or a zone outside Shanxi).
    """

    kind: str  # zone | city | county
    slug: str
    surface: str
    paragraph: int
    start: int
    end: int
    context: str = "plain"
    generic: bool = False  # a bare zone word resolved from context

    @property
    def key(self) -> tuple[int, int]:
        return (self.paragraph, self.start)


@lru_cache(maxsize=4)
def _surfaces(gazetteer: Gazetteer) -> tuple[dict[str, tuple[tuple[str, str], ...]], re.Pattern[str]]:
    """Every name the gazetteer knows → its (kind, slug) targets (not-places map to ()), and
    one pattern of them all, longest first: at each position the regex engine tries the
    alternatives in order, so it finds the longest name there, left to right."""
    table: dict[str, list[tuple[str, str]]] = {}
    for zone in gazetteer.zones:
        for name in zone.names:
            table.setdefault(name, []).append(("zone", zone.slug))
    for city in gazetteer.cities:
        for name in (city.name, city.short):
            table.setdefault(name, []).append(("city", city.slug))
    for county in gazetteer.counties:
        for name in dict.fromkeys(county.names):
            table.setdefault(name, []).append(("county", county.slug))
    for word in gazetteer.not_places:
        table.setdefault(word, [])
    names = sorted((name for name in table if len(name) >= 2), key=len, reverse=True)
    return {k: tuple(v) for k, v in table.items()}, re.compile("|".join(map(re.escape, names)))


def scan(text: str, para: int, gazetteer: Gazetteer) -> list[Hit]:
    """Longest-first, left-to-right matches of gazetteer names in ``text``."""
    table, pattern = _surfaces(gazetteer)
    hits: list[Hit] = []
    for match in pattern.finditer(text):
        surface, i = match.group(), match.start()
        targets = table[surface]
        if targets:
            kind = targets[0][0]
            # Several targets only happen for counties (城区 …); settled later from context.
            slug = "|".join(s for _, s in targets)
            context = context_at(text, i) if kind == "zone" else "plain"
            hits.append(Hit(kind, slug, surface, para, i, match.end(), context))
    return hits


def context_at(text: str, start: int) -> str:
    """``comparison`` after a yardstick cue in the same clause, else ``plain``."""
    clause = CLAUSE_BREAK.split(text[:start])[-1]
    return "comparison" if any(cue in clause for cue in COMPARISON_CUES) else "plain"


def inside(inner: Hit, outer: Hit) -> bool:
    return inner is not outer and outer.start <= inner.start and inner.end <= outer.end


def zone_words(
    text: str, para: int, places: list[Hit], gaz: Gazetteer, found: dict[str, DiscoveredZone]
) -> tuple[list[Hit], list[Hit]]:
    """Zone words not inside a known zone name: new Shanxi zones (a place right before),
    zones elsewhere in China (a province shortly before) and bare words to resolve later."""
    zone_hits: list[Hit] = []
    bare: list[Hit] = []
    for m in ZONE_WORDS.finditer(text):
        start, end, word = m.start(), m.end(), m.group().removeprefix("该")
        if any(h.kind == "zone" and h.start <= start < h.end for h in places):
            continue
        place = next((h for h in places if h.end == start and h.kind != "zone"), None)
        if place and word in DISCOVERABLE and "|" not in place.slug:
            zone_hits.append(_named_zone(place, word, text, gaz, found))
        elif word not in ("园区", "工业园区") and (ext := _foreign_start(text, start)) is not None:
            name = text[ext:end]
            zone_hits.append(
                Hit("zone", zone_slug_for(name, gazetteer=gaz), name, para, ext, end, "comparison")
            )
        elif word != "工业园区" and _is_bare(text, m.start(), m.group(), word):
            bare.append(Hit("zone", word, m.group(), para, start, end, generic=True))
    return zone_hits, bare


#: A named industrial park right after a county name: 兴县铝镁新材料产业园区.
_PARK_AFTER = re.compile(r"[^\s，。、；：！？,;:!?“”\"()（）]{0,10}?产业(?:集聚)?园区?")


def county_parks(text: str, places: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """A county's named industrial park, read as that county's zone when the county has
    exactly one industrial zone named after it (the park is one of its parts)."""
    out = []
    for h in places:
        if h.kind != "county" or "|" in h.slug or not (m := _PARK_AFTER.match(text, h.end)):
            continue
        stem = gaz.county(h.slug).name[:2]
        zones = [
            z for z in gaz.zones_of_county(h.slug)
            if z.family in ("jingkaiqu", "gaoxinqu") and z.name.startswith(stem) and not z.merged_into
        ]
        if len(zones) == 1:
            out.append(Hit("zone", zones[0].slug, text[h.start : m.end()], h.paragraph, h.start, m.end(), generic=True))
    return out


def _named_zone(place: Hit, word: str, text: str, gaz: Gazetteer, found: dict[str, DiscoveredZone]) -> Hit:
    """A place name plus a zone word: a known zone under a variant name, or a new one."""
    start = place.start - 2 if text[max(0, place.start - 2) : place.start] == "山西" else place.start
    end = place.end + len(word)
    name = text[place.start : end]
    slug = zone_slug_for(name, gazetteer=gaz)
    hit = Hit("zone", slug, text[start:end], place.paragraph, start, end, context_at(text, start))
    if slug not in {z.slug for z in gaz.zones}:
        _discover(slug, name, place, gaz, found)
    return hit


def _discover(slug: str, name: str, place: Hit, gaz: Gazetteer, found: dict[str, DiscoveredZone]) -> None:
    county = gaz.county(place.slug) if place.kind == "county" else None
    city = county.city_slug if county else place.slug
    old = found.get(slug)
    if old is None or len(name) > len(old.name):  # the fullest form seen names the zone
        aliases = tuple(sorted({name, *(old.aliases if old else ()), *((old.name,) if old else ())} - {name}))
        found[slug] = DiscoveredZone(slug, name, aliases, county.slug if county else None, city)
    elif name != old.name and name not in old.aliases:
        found[slug] = replace(old, aliases=(*old.aliases, name))


def _foreign_start(text: str, start: int) -> int | None:
    """Where a zone name that starts with another province begins (上海杭州湾…), if it does."""
    run = start
    while run > 0 and CJK.match(text[run - 1]) and start - run < 12:
        run -= 1
    best = max((text.rfind(p, run, start) for p in PROVINCES), default=-1)
    return best if best >= 0 else None


def _is_bare(text: str, start: int, surface: str, word: str) -> bool:
    if surface.startswith("该") or start == 0 or not CJK.match(text[start - 1]):
        return True
    if len(word) >= 5:
        return text[start - 1] not in _CLASS_BEFORE
    return text[start - 1] in _BARE_BEFORE


def settle_generic_counties(
    hits: list[Hit], texts: list[tuple[int, str]], gaz: Gazetteer, context_cities: tuple[str, ...]
) -> list[Hit]:
    """Give each ambiguous county name (城区 …) its city, or drop it.

    The city comes from the name right before it (阳泉市城区), else, when the word stands
    alone in a list (…、城区、…), from the only city the article (or page) is about.
    """
    text_of = dict(texts)
    cities = {h.slug for h in hits if h.kind == "city"}
    cities |= {gaz.county(h.slug).city_slug for h in hits if h.kind == "county" and "|" not in h.slug}
    out: list[Hit] = []
    for i, h in enumerate(hits):
        if h.kind != "county" or ("|" not in h.slug and h.surface not in GENERIC_COUNTY_NAMES):
            out.append(h)
            continue
        candidates = [gaz.county(s) for s in h.slug.split("|")]
        prev = hits[i - 1] if i else None
        if prev and prev.kind == "city" and prev.paragraph == h.paragraph and prev.end == h.start:
            pick = [c for c in candidates if c.city_slug == prev.slug]
        elif _stands_alone(text_of[h.paragraph], h):
            pick = [c for c in candidates if c.city_slug in (cities | set(context_cities))]
        else:
            pick = []
        if len(pick) == 1:
            h.slug = pick[0].slug
            out.append(h)
    return out


def _stands_alone(text: str, h: Hit) -> bool:
    before = text[h.start - 1] if h.start else "、"
    after = text[h.end] if h.end < len(text) else "、"
    return not CJK.match(before) and not CJK.match(after) or "、" in (before, after)
