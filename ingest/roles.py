"""Roles for the link stage: what an article is about, what it reports on, what it names.

A zone an article names is its ``subject`` (what it is about: named in the title block, or
the zone the body keeps returning to — ties make several subjects), ``reported`` (reported
on: figures or projects given in the sentence that names it, a list of zones reporting at a
meeting, named twice or more, opening a paragraph, or the one zone an article names) or
``mentioned`` (in passing: a document title 《…》, an official's post in a list of guests, a
yardstick after 对标 …). Cities follow from the evidence weighed by role and position:
the cities of subject and reported zones, places in the title block, a city or county that
opens a paragraph, a city the body keeps naming — never one passing mention.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from app.places import Gazetteer
from ingest.model import DiscoveredZone
from ingest.names import Hit

TITLE_BLOCK = -1
ROLES = ("subject", "reported", "mentioned")

#: What makes a sentence report on a zone: figures (dates are not figures), projects,
#: investment, firms moving in, a zone's report at a meeting.
SUBSTANCE = re.compile(
    r"\d|(?<!第)(?:[二两三四五六七八九十百千万亿]|一[十百千万亿])[一二两三四五六七八九十百千万亿]*(?:个|项|家|亿|万)|项目|签约|开工|投产|投资|产值|营收|入驻|落户|落地|招商"
    r"|发言|汇报|交流|合作|共建|扩区|拓区|设立|产业园|园区"
)
_DATES = re.compile(r"\d+\s*(?:年|月|日|时|:\d\d)|\d{4}-\d\d(?:-\d\d)?")
#: A guest list: an official's post at the zone, among those who attended.
_GUESTS = re.compile(r"出席|参加|参会|见证|陪同|列席|主持")
_POSTS = re.compile(r"^(?:党工委|管委会|党委|管理委员会)")
#: A visit to learn from other zones (学习, 取经 …) names them as yardsticks.
_STUDY = re.compile(r"学习|借鉴|取经|考察|观摩|对标")
#: An approval or founding document names the zone it is about.
_FOUNDING = re.compile(r"设立|批复|同意|升级|扩区")
SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]?")


def sentence_at(text: str, start: int) -> str:
    """The sentence of ``text`` that holds position ``start``."""
    for m in SENTENCE.finditer(text):
        if m.start() <= start < max(m.end(), m.start() + 1):
            return m.group()
    return text


def _in_document_title(text: str, h: Hit) -> bool:
    """Inside 《…》 and the document does not found or approve the zone."""
    opened, closed = text.rfind("《", 0, h.start), text.rfind("》", 0, h.start)
    end = text.find("》", h.end)
    return opened > closed and end >= 0 and not _FOUNDING.search(text[opened:end])


def _in_study_list(text: str, h: Hit) -> bool:
    """One of a list of zones (甲、乙等开发区) that a sentence says were visited to learn from."""
    listed = text[h.end : h.end + 1] in ("、", "等") or text[h.start - 1 : h.start] == "、"
    return listed and bool(_STUDY.search(sentence_at(text, h.start)))


def is_passing(text: str, h: Hit) -> bool:
    """Named in passing: a yardstick, a document title, an official's post among guests,
    one of a list of zones visited to learn from."""
    if h.context == "comparison" or _in_document_title(text, h) or _in_study_list(text, h):
        return True
    return bool(_POSTS.match(text[h.end :])) and bool(_GUESTS.search(sentence_at(text, h.start)))


def is_substantive(text: str, h: Hit) -> bool:
    """The sentence that names the zone gives figures, projects, firms or its report."""
    return bool(SUBSTANCE.search(_DATES.sub("", sentence_at(text, h.start))))


def opens_paragraph(text: str, h: Hit) -> bool:
    """The name starts its paragraph (after a list marker or a kicker like 【…】)."""
    return not re.sub(r"^(?:【[^】]*】|[\s•·■\d.、()（）一二三四五六七八九十]+)", "", text[: h.start]).strip()


def zone_roles(hits: list[Hit], texts: dict[int, str], *, subjects: list[str]) -> dict[str, str]:
    """Every zone named (not as a yardstick only) → its role, subjects first.

    ``subjects`` are the zones the article is about (:func:`subject_zones`); the others are
    ``reported`` or ``mentioned`` by how they are named.
    """
    zones = [h for h in hits if h.kind == "zone"]
    own = [h for h in zones if not is_passing(texts[h.paragraph], h)]
    counts = Counter(h.slug for h in own)
    roles = {slug: "subject" for slug in subjects}
    for h in own:
        text = texts[h.paragraph]
        if h.slug in roles:
            continue
        if counts[h.slug] >= 2 or is_substantive(text, h) or opens_paragraph(text, h) or len(counts) == 1:
            roles[h.slug] = "reported"
    for h in zones:
        roles.setdefault(h.slug, "mentioned")
    return dict(sorted(roles.items(), key=lambda kv: ROLES.index(kv[1])))


def subject_zones(hits: list[Hit], texts: dict[int, str], *, weak: frozenset[int] = frozenset()) -> list[str]:
    """Zones named in the title block; else the zones the body keeps returning to.

    A body subject is named at least twice, at least twice as often as any zone named less,
    early (in the first two paragraphs) or three times or more; zones tied at the top are
    all subjects. A ``weak`` title block (a photo caption set as a headline) names none.
    """
    named = [h for h in hits if h.kind == "zone" and not is_passing(texts[h.paragraph], h)]
    title = list(dict.fromkeys(h.slug for h in named if h.paragraph == TITLE_BLOCK and TITLE_BLOCK not in weak))
    if title:
        return title
    counts = Counter(h.slug for h in named)
    if not counts:
        return []
    top = max(counts.values())
    lower = max((n for n in counts.values() if n < top), default=0)
    if top < 2 or top < 2 * lower:
        return []
    out = []
    for slug, n in counts.items():
        first = min(h.paragraph for h in named if h.slug == slug)
        if n == top and (first <= 1 or n >= 3):
            out.append(slug)
    return out


def article_cities(
    hits: list[Hit],
    roles: dict[str, str],
    texts: dict[int, str],
    gaz: Gazetteer,
    found: dict[str, DiscoveredZone],
    *,
    weak: frozenset[int] = frozenset(),
) -> list[str]:
    """The cities an article is about, strongest evidence first.

    Cities of subject then reported zones; places in the title block; a city or county
    that opens a paragraph; failing all of these, a city (counting its counties) that
    dominates the body (three times or more, twice any other). ``weak`` paragraphs (photo
    captions) are no evidence of position.
    """
    about = [slug for slug, role in roles.items() if role != "mentioned"]
    out = [c for slug in about for c in _zone_cities(slug, gaz, found)]
    places = [h for h in hits if h.kind in ("city", "county") and "|" not in h.slug]
    out += home_cities(places, gaz, weak=weak)
    out += [
        _place_city(h, gaz)
        for h in places
        if h.paragraph >= 0 and h.paragraph not in weak and opens_paragraph(texts[h.paragraph], h)
    ]
    out += _spanning_zone_cities(about, out, gaz)
    if not out:
        out += _dominant(_place_city(h, gaz) for h in places)
    return list(dict.fromkeys(out))


def _spanning_zone_cities(about: list[str], cities: list[str], gaz: Gazetteer) -> list[str]:
    """A zone spanning several cities (综改区) stands for its seat's city only when nothing
    else placed the article in one of the cities it spans (its 晋中 part, say)."""
    out = []
    for slug in about:
        zone = gaz.zone(slug) if slug in {z.slug for z in gaz.zones} else None
        if zone and zone.spans_cities and zone.city_slug and not set(zone.spans_cities) & set(cities):
            out.append(zone.city_slug)
    return out


def home_cities(hits: list[Hit], gaz: Gazetteer, *, weak: frozenset[int] = frozenset()) -> list[str]:
    """Cities of the places a (not weak) title block names."""
    return [
        _place_city(h, gaz)
        for h in hits
        if h.kind in ("city", "county") and "|" not in h.slug and h.paragraph == TITLE_BLOCK and TITLE_BLOCK not in weak
    ]


def body_city(hits: list[Hit], gaz: Gazetteer) -> list[str]:
    """The city (counting its counties) the body keeps naming, if one dominates."""
    return _dominant(_place_city(h, gaz) for h in hits if h.kind in ("city", "county") and "|" not in h.slug)


def _dominant(cities: Iterable[str]) -> list[str]:
    ranked = Counter(cities).most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return [ranked[0][0]]
    return []


def _zone_cities(slug: str, gaz: Gazetteer, found: dict[str, DiscoveredZone]) -> list[str]:
    """The zone's city; none for a zone spanning several cities (it says nothing about one)."""
    try:
        zone = gaz.zone(slug)
    except KeyError:
        city = found[slug].city_slug if slug in found else None
        return [city] if city else []
    return [] if zone.spans_cities or not zone.city_slug else [zone.city_slug]


def _place_city(h: Hit, gaz: Gazetteer) -> str:
    return h.slug if h.kind == "city" else gaz.county(h.slug).city_slug
