"""Stage 4, link: which zones and cities an article is about, and every place it names.

``link_article(article, gazetteer=…)`` returns a copy of the article with ``zones`` and
``cities`` (slugs of what it is *about*), ``mentions`` (every zone, city and county named,
with offsets) and ``new_zones`` (Shanxi zones the text names that the gazetteer lacks).

Texts are read as the title block (paragraph ``-1``: ``kicker``, ``title`` and ``subtitle``,
those present, joined by ``\\n`` in that order — see :func:`title_block`) followed by the
paragraphs. Names are matched longest first, so 长治高新区 is one zone and not the city 长治
plus a suffix. What the article is about comes from the title block first; failing that a
zone must dominate the body. Generic words (该园区, 开发区, 经开区 …) resolve to the zone the
article is about, or in a report about a county to that county's zone. A zone after a
comparison cue (对标 …) or outside Shanxi is a ``comparison`` mention and never a subject.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from app.places import GENERIC_COUNTY_NAMES, Gazetteer, load_gazetteer, zone_slug_for
from ingest.model import Article, DiscoveredZone, Document, Mention

TITLE_BLOCK = -1

#: Words that make the zone after them a yardstick, not the subject (same clause only).
COMPARISON_CUES = ("对标", "学习", "借鉴", "看齐", "比肩", "对比", "参照", "效仿")

#: Zone-kind words; a place name right before one makes a zone name (高平 + 经开区).
ZONE_WORDS = re.compile(
    "该?(?:农业高新技术产业示范区|现代农业产业示范区|高新技术产业开发区|经济技术开发区|经济开发区"
    "|经开区|高新区|农高区|开发区|示范区|园区)"
)
#: Zone words that name a new zone when a Shanxi place stands right before them.
DISCOVERABLE = (
    "现代农业产业示范区",
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "经开区",
    "高新区",
)

#: Which zone families a bare zone word may stand for.
GENERIC_FAMILIES: dict[str, frozenset[str] | None] = {
    "园区": None,
    "开发区": None,
    "经开区": frozenset({"jingkaiqu"}),
    "经济开发区": frozenset({"jingkaiqu"}),
    "经济技术开发区": frozenset({"jingkaiqu"}),
    "高新区": frozenset({"gaoxinqu"}),
    "高新技术产业开发区": frozenset({"gaoxinqu"}),
    "农高区": frozenset({"nonggaoqu"}),
    "农业高新技术产业示范区": frozenset({"nonggaoqu"}),
    "示范区": frozenset({"shifanqu", "nongye-shifanqu", "nonggaoqu"}),
    "现代农业产业示范区": frozenset({"nongye-shifanqu"}),
}
#: A short bare zone word is only a reference when one of these (or punctuation) precedes
#: it: after other characters it is part of a compound (化工园区, 省级开发区 …).
_BARE_BEFORE = set("在对为入到进和与及是的向从于由将把让使了至赴本近抵")
#: Before a long bare zone word these still mark a class of zones (省级经济开发区).
_CLASS_BEFORE = set("级家类批等各省市县区国")

PROVINCES = (
    "北京 天津 上海 重庆 河北 内蒙古 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾"
).split()
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class LinkContext:
    """What the page around an article tells the linker.

    ``cities`` are city slugs the page is known to cover (a 吕梁 paper, the other articles
    on the page); they only settle ambiguous names such as 城区 and never make subjects.
    """

    cities: tuple[str, ...] = ()


@dataclass
class _Hit:
    kind: str  # zone | city | county
    slug: str
    surface: str
    paragraph: int
    start: int
    end: int
    role: str = "mention"
    generic: bool = False  # a bare zone word resolved from context

    @property
    def key(self) -> tuple[int, int]:
        return (self.paragraph, self.start)


def title_block(article: Article) -> str:
    """Kicker, title and subtitle (those present) joined by ``\\n``: paragraph ``-1``."""
    return "\n".join(t for t in (article.kicker, article.title, article.subtitle) if t)


def link_document(document: Document, *, gazetteer: Gazetteer | None = None) -> Document:
    """The document with every article linked (default: the bundled gazetteer).

    Two passes: the cities the page's articles are about become the context that settles
    ambiguous county names (城区 …) in the second pass.
    """
    gaz = gazetteer or load_gazetteer()
    first = [link_article(a, gazetteer=gaz) for a in document.articles]
    page = LinkContext(cities=tuple(dict.fromkeys(c for a in first for c in a.cities)))
    linked = [link_article(a, gazetteer=gaz, context=page) for a in document.articles]
    home = page_city(linked)
    if home:
        linked = [
            replace(a, cities=[home]) if not a.cities and _LOCAL_CITY.search(title_block(a) + a.text) else a
            for a in linked
        ]
    return replace(document, articles=linked)


#: How a local paper names its own city without naming it: 市长王立伟, 我市, 全市 …
_LOCAL_CITY = re.compile(r"市长|市委|市政府|市安委会|我市|全市|市区")


def page_city(articles: list[Article]) -> str | None:
    """The city a page is a local paper's page of: the subject of at least two articles and
    of most articles that have a city at all (a 吕梁 paper's page), else ``None``."""
    counts = Counter(c for a in articles for c in dict.fromkeys(a.cities))
    with_city = sum(1 for a in articles if a.cities)
    if not counts:
        return None
    city, n = counts.most_common(1)[0]
    return city if n >= 2 and n >= 0.6 * with_city else None


def link_article(article: Article, *, gazetteer: Gazetteer, context: LinkContext | None = None) -> Article:
    """The article with ``zones``, ``cities``, ``mentions`` and ``new_zones`` filled in.

    Pure: the input is not changed. ``zones``/``cities`` are slugs in order of importance;
    mentions are in reading order; ``new_zones`` holds each discovered zone once.
    """
    ctx = context or LinkContext()
    texts = [(TITLE_BLOCK, title_block(article))] + [(i, p.text) for i, p in enumerate(article.paragraphs)]
    hits: list[_Hit] = []
    found: dict[str, DiscoveredZone] = {}
    bare: list[_Hit] = []
    for para, text in texts:
        places = _scan(text, para, gazetteer)
        zone_hits, generics = _zone_words(text, para, places, gazetteer, found)
        hits += [h for h in places if not any(_inside(h, z) for z in zone_hits)] + zone_hits
        bare += generics
    hits = _settle_generic_counties(hits, texts, gazetteer, ctx)
    zones = _subject_zones(hits)
    title_counties = [h.slug for h in hits if h.kind == "county" and h.paragraph == TITLE_BLOCK]
    resolved = _resolve_bare(bare, hits, zones, title_counties, gazetteer)
    if not zones:
        zones = _county_zone_subject(resolved, title_counties, gazetteer)
    hits = sorted(hits + resolved, key=lambda h: h.key)
    cities = _subject_cities(hits, zones, gazetteer, found)
    for h in hits:  # a subject zone stays the subject even where it is held up as a model
        if _is_subject(h, zones, cities, gazetteer):
            h.role = "subject"
    mentions = [Mention(h.kind, h.slug, h.surface, h.paragraph, h.start, h.end, h.role) for h in hits]
    return replace(article, zones=zones, cities=cities, mentions=mentions, new_zones=list(found.values()))


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


def _scan(text: str, para: int, gazetteer: Gazetteer) -> list[_Hit]:
    """Longest-first, left-to-right matches of gazetteer names in ``text``."""
    table, pattern = _surfaces(gazetteer)
    hits: list[_Hit] = []
    for match in pattern.finditer(text):
        surface, i = match.group(), match.start()
        targets = table[surface]
        if targets:
            kind = targets[0][0]
            # Several targets only happen for counties (城区 …); settled later from context.
            slug = "|".join(s for _, s in targets)
            role = _role_at(text, i) if kind == "zone" else "mention"
            hits.append(_Hit(kind, slug, surface, para, i, match.end(), role=role))
    return hits


def _role_at(text: str, start: int) -> str:
    clause = re.split(r"[，。；：、！？\n]", text[:start])[-1]
    return "comparison" if any(cue in clause for cue in COMPARISON_CUES) else "mention"


def _inside(inner: _Hit, outer: _Hit) -> bool:
    return inner is not outer and outer.start <= inner.start and inner.end <= outer.end


def _zone_words(
    text: str, para: int, places: list[_Hit], gaz: Gazetteer, found: dict[str, DiscoveredZone]
) -> tuple[list[_Hit], list[_Hit]]:
    """Zone words not inside a known zone name: new Shanxi zones (a place right before),
    zones elsewhere in China (a province shortly before) and bare words to resolve later."""
    zone_hits: list[_Hit] = []
    bare: list[_Hit] = []
    for m in ZONE_WORDS.finditer(text):
        start, end, word = m.start(), m.end(), m.group().removeprefix("该")
        if any(h.kind == "zone" and h.start <= start < h.end for h in places):
            continue
        place = next((h for h in places if h.end == start and h.kind != "zone"), None)
        if place and word in DISCOVERABLE and "|" not in place.slug:
            zone_hits.append(_named_zone(place, word, text, gaz, found))
        elif word != "园区" and (ext := _foreign_start(text, start)) is not None:
            name = text[ext:end]
            zone_hits.append(
                _Hit("zone", zone_slug_for(name, gazetteer=gaz), name, para, ext, end, "comparison")
            )
        elif _is_bare(text, m.start(), m.group(), word):
            bare.append(_Hit("zone", word, m.group(), para, start, end, generic=True))
    return zone_hits, bare


def _named_zone(place: _Hit, word: str, text: str, gaz: Gazetteer, found: dict[str, DiscoveredZone]) -> _Hit:
    """A place name plus a zone word: a known zone under a variant name, or a new one."""
    start = place.start - 2 if text[max(0, place.start - 2) : place.start] == "山西" else place.start
    name = text[place.start : place.end + len(word)]
    slug = zone_slug_for(name, gazetteer=gaz)
    role = _role_at(text, start)
    hit = _Hit(
        "zone", slug, text[start : place.end + len(word)], place.paragraph, start, place.end + len(word), role
    )
    known = {z.slug for z in gaz.zones}
    if slug not in known:
        county = gaz.county(place.slug) if place.kind == "county" else None
        city = county.city_slug if county else place.slug
        old = found.get(slug)
        if old is None or len(name) > len(old.name):  # the fullest form seen names the zone
            aliases = tuple(
                sorted({name, *(old.aliases if old else ()), *((old.name,) if old else ())} - {name})
            )
            found[slug] = DiscoveredZone(slug, name, aliases, county.slug if county else None, city)
        elif name != old.name and name not in old.aliases:
            found[slug] = replace(old, aliases=(*old.aliases, name))
    return hit


def _foreign_start(text: str, start: int) -> int | None:
    """Where a zone name that starts with another province begins (上海杭州湾…), if it does."""
    run = start
    while run > 0 and _CJK.match(text[run - 1]) and start - run < 12:
        run -= 1
    best = max((text.rfind(p, run, start) for p in PROVINCES), default=-1)
    return best if best >= 0 else None


def _is_bare(text: str, start: int, surface: str, word: str) -> bool:
    if surface.startswith("该") or start == 0 or not _CJK.match(text[start - 1]):
        return True
    if len(word) >= 5:
        return text[start - 1] not in _CLASS_BEFORE
    return text[start - 1] in _BARE_BEFORE


def _settle_generic_counties(
    hits: list[_Hit], texts: list[tuple[int, str]], gaz: Gazetteer, ctx: LinkContext
) -> list[_Hit]:
    """Give each ambiguous county name (城区 …) its city, or drop it.

    The city comes from the name right before it (阳泉市城区), else, when the word stands
    alone in a list (…、城区、…), from the only city the article (or page) is about.
    """
    text_of = dict(texts)
    cities = {h.slug for h in hits if h.kind == "city"}
    cities |= {gaz.county(h.slug).city_slug for h in hits if h.kind == "county" and "|" not in h.slug}
    out: list[_Hit] = []
    for i, h in enumerate(hits):
        if h.kind != "county" or ("|" not in h.slug and h.surface not in GENERIC_COUNTY_NAMES):
            out.append(h)
            continue
        candidates = [gaz.county(s) for s in h.slug.split("|")]
        prev = hits[i - 1] if i else None
        if prev and prev.kind == "city" and prev.paragraph == h.paragraph and prev.end == h.start:
            pick = [c for c in candidates if c.city_slug == prev.slug]
        elif _stands_alone(text_of[h.paragraph], h):
            pick = [c for c in candidates if c.city_slug in (cities | set(ctx.cities))]
        else:
            pick = []
        if len(pick) == 1:
            h.slug = pick[0].slug
            out.append(h)
    return out


def _stands_alone(text: str, h: _Hit) -> bool:
    before = text[h.start - 1] if h.start else "、"
    after = text[h.end] if h.end < len(text) else "、"
    return not _CJK.match(before) and not _CJK.match(after) or "、" in (before, after)


def _subject_zones(hits: list[_Hit]) -> list[str]:
    """Zones named in the title block; else one zone that dominates the body."""
    named = [h for h in hits if h.kind == "zone" and h.role != "comparison"]
    title = list(dict.fromkeys(h.slug for h in named if h.paragraph == TITLE_BLOCK))
    if title:
        return title
    counts = Counter(h.slug for h in named).most_common(2)
    if not counts:
        return []
    slug, n = counts[0]
    runner_up = counts[1][1] if len(counts) > 1 else 0
    first = min(h.paragraph for h in named if h.slug == slug)
    return [slug] if n >= 2 and n >= 2 * runner_up and (first <= 1 or n >= 3) else []


def _resolve_bare(
    bare: list[_Hit], hits: list[_Hit], zones: list[str], counties: list[str], gaz: Gazetteer
) -> list[_Hit]:
    """Bare zone words → the subject zone they can mean (nearest one named before them),
    else the one zone of that kind in a county the title names."""
    named = sorted((h for h in hits if h.kind == "zone" and h.slug in zones), key=lambda h: h.key)
    local = [z for c in dict.fromkeys(counties) for z in gaz.zones_of_county(c)]
    out = []
    for h in bare:
        families = GENERIC_FAMILIES.get(h.slug)
        fits = [z for z in zones if _fits(z, families, gaz)]
        if len(fits) > 1:
            before = [n.slug for n in named if n.key < h.key and n.slug in fits]
            fits = before[-1:] or fits[:1]
        if not fits and h.slug != "园区":
            fits = [z.slug for z in local if families is None or z.family in families]
        if len(fits) == 1:
            out.append(replace(h, slug=fits[0]))
    return out


def _fits(slug: str, families: frozenset[str] | None, gaz: Gazetteer) -> bool:
    try:
        family = gaz.zone(slug).family
    except KeyError:  # a discovered zone: its slug ends with its family
        family = next((f for f in ("nongye-shifanqu", "jingkaiqu", "gaoxinqu") if slug.endswith(f)), None)
    return families is None or family in families


def _county_zone_subject(resolved: list[_Hit], counties: list[str], gaz: Gazetteer) -> list[str]:
    """In a report about a county, its zone is a subject too when the report keeps
    returning to it (twice or more, by name or as 经济开发区/开发区)."""
    own = {z.slug for c in counties for z in gaz.zones_of_county(c)}
    counts = Counter(h.slug for h in resolved if h.slug in own)
    return [slug for slug, n in counts.most_common() if n >= 2]


def _subject_cities(
    hits: list[_Hit], zones: list[str], gaz: Gazetteer, found: dict[str, DiscoveredZone]
) -> list[str]:
    """Cities of the subject zones, then places the title block names; failing both, a
    city (counting its counties) that dominates the body."""
    out = [_zone_city(z, gaz, found) for z in zones]
    title = [h for h in hits if h.paragraph == TITLE_BLOCK and h.kind in ("city", "county")]
    out += [_place_city(h, gaz) for h in title]
    if not out:
        body = Counter(_place_city(h, gaz) for h in hits if h.kind in ("city", "county"))
        ranked = body.most_common(2)
        if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            out.append(ranked[0][0])
    return [c for c in dict.fromkeys(out) if c]


def _zone_city(slug: str, gaz: Gazetteer, found: dict[str, DiscoveredZone]) -> str | None:
    try:
        return gaz.zone(slug).city_slug
    except KeyError:
        return found[slug].city_slug if slug in found else None


def _place_city(h: _Hit, gaz: Gazetteer) -> str:
    return h.slug if h.kind == "city" else gaz.county(h.slug).city_slug


def _is_subject(h: _Hit, zones: list[str], cities: list[str], gaz: Gazetteer) -> bool:
    if h.kind == "zone":
        return h.slug in zones
    if h.kind == "city":
        return h.slug in cities
    return h.paragraph == TITLE_BLOCK
