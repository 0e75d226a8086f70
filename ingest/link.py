"""Stage 4, link: which zones and cities an article is about, and every place it names.

``link_article(article, gazetteer=…)`` returns a copy of the article with ``zone_roles``
(every zone it names → ``subject`` | ``reported`` | ``mentioned``, see :mod:`ingest.roles`),
``zones`` (the subject and reported ones), ``cities`` (slugs of what it is *about*),
``mentions`` (every zone, city and county named, with offsets and the zone's role) and
``new_zones`` (Shanxi zones the text names that the gazetteer lacks).

Texts are read as the title block (paragraph ``-1``: ``kicker``, ``title`` and ``subtitle``,
those present, joined by ``\\n`` in that order — see :func:`title_block`) followed by the
paragraphs. Matching runs on folded text (traditional → simplified, full-width →
half-width: :func:`app.search.analyzer.fold`, one character for one, so offsets hold for
the printed text). Generic words (该园区, 开发区, 经开区 …) resolve to the zone the article
is about, or in a report about a county to that county's zone. Everything comes from the
gazetteer passed in, so a changed gazetteer relinks the same article differently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from app.places import ZONE_FAMILIES, Gazetteer, ZoneEntry, load_gazetteer
from app.search.analyzer import fold
from ingest.model import DiscoveredZone, Document, PageArticle, PlaceMention
from ingest.names import Hit, county_parks, inside, scan, settle_generic_counties, zone_words
from ingest.roles import TITLE_BLOCK, article_cities, body_city, home_cities, subject_zones, zone_roles

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
    "示范区": frozenset({"shifanqu", "nongye-shifanqu", "nonggaoqu", "wenlv-shifanqu"}),
    "现代农业产业示范区": frozenset({"nongye-shifanqu"}),
    "生态文化旅游示范区": frozenset({"wenlv-shifanqu"}),
}
#: How a local paper names its own city without naming it: 市长王立伟, 我市, 全市 …
_LOCAL_CITY = re.compile(r"市长|市委|市政府|市安委会|我市|全市|市区|本市")
#: A photo caption set as a headline: it locates a picture, it does not say what the
#: article is about.
_CAPTION_TITLE = re.compile(r"^(?:图为|位于)|(?:一角|鸟瞰图|全景|掠影|现场|车间内)$")


@dataclass(frozen=True)
class LinkContext:
    """What the page around an article tells the linker.

    ``cities`` are city slugs the page is known to cover (a 吕梁 paper, the other articles
    on the page); they only settle ambiguous names such as 城区 and never make subjects.
    """

    cities: tuple[str, ...] = ()
    #: Counties a local paper's masthead names (``A1:清徐*要闻``): where its 我县 is.
    counties: tuple[str, ...] = ()


def title_block(article: PageArticle) -> str:
    """Kicker, title and subtitle (those present) joined by ``\\n``: paragraph ``-1``.

    A title the segmenter supplied (the opening words of the first paragraph) is left out:
    it is body text, read where it stands.
    """
    title = None if article.title_supplied else article.title
    return "\n".join(t for t in (article.kicker, title, article.subtitle) if t)


def weak_paragraphs(article: PageArticle) -> frozenset[int]:
    """Texts that name places without saying what the article is about: photo captions,
    and a caption the page set as the headline (then the title block, ``-1``)."""
    weak = {i for i, p in enumerate(article.paragraphs) if p.kind == "caption" or p.text.rstrip().endswith("摄")}
    if article.title and not article.title_supplied and _CAPTION_TITLE.search(fold(article.title).strip()):
        weak.add(TITLE_BLOCK)
    return frozenset(weak)


def link_document(document: Document, *, gazetteer: Gazetteer | None = None) -> Document:
    """The document with every article linked (default: the bundled gazetteer).

    Two passes: the cities the page's articles are about become the context that settles
    ambiguous county names (城区 …) in the second pass; an article that names no city but
    speaks of 我市/市长 … is about the page's city when the page has one.
    """
    gaz = gazetteer or load_gazetteer()
    first = [link_article(a, gazetteer=gaz) for a in document.articles]
    page = LinkContext(
        cities=tuple(dict.fromkeys(c for a in first for c in a.cities)),
        counties=masthead_counties(document.info.masthead, gaz),
    )
    linked = [link_article(a, gazetteer=gaz, context=page) for a in document.articles]
    home = page_city(linked)
    if home:
        linked = [
            replace(a, cities=[home]) if not a.cities and _LOCAL_CITY.search(title_block(a) + a.text) else a
            for a in linked
        ]
    return replace(document, articles=linked)


def masthead_counties(masthead: str | None, gaz: Gazetteer) -> tuple[str, ...]:
    """The one county a masthead names (a county paper's), else nothing."""
    if not masthead:
        return ()
    counties = {h.slug for h in scan(fold(masthead), TITLE_BLOCK, gaz) if h.kind == "county" and "|" not in h.slug}
    return (counties.pop(),) if len(counties) == 1 else ()


def page_city(articles: list[PageArticle]) -> str | None:
    """The city a page is a local paper's page of: the subject of at least two articles and
    of most articles that have a city at all (a 吕梁 paper's page), else ``None``."""
    counts = Counter(c for a in articles for c in dict.fromkeys(a.cities))
    with_city = sum(1 for a in articles if a.cities)
    if not counts:
        return None
    city, n = counts.most_common(1)[0]
    return city if n >= 2 and n >= 0.6 * with_city else None


def link_article(article: PageArticle, *, gazetteer: Gazetteer, context: LinkContext | None = None) -> PageArticle:
    """The article with ``zone_roles``, ``zones``, ``cities``, ``mentions`` and ``new_zones``.

    Pure: the input is not changed. ``zone_roles`` lists subjects, then reported, then
    mentioned zones; mentions are in reading order; ``new_zones`` holds each discovered
    zone once.
    """
    ctx = context or LinkContext()
    printed = {TITLE_BLOCK: title_block(article)} | {i: p.text for i, p in enumerate(article.paragraphs)}
    texts = {i: fold(t) for i, t in printed.items()}
    weak = weak_paragraphs(article)
    hits, bare, found = _find(texts, gazetteer)
    hits = settle_generic_counties(hits, list(texts.items()), gazetteer, ctx.cities)
    subjects = subject_zones(hits, texts, weak=weak)
    title_counties = [h.slug for h in hits if h.kind == "county" and h.paragraph == TITLE_BLOCK]
    counties = title_counties or _body_county(hits) or _masthead_county(hits, texts, ctx)
    home = list(dict.fromkeys(home_cities(hits, gazetteer, weak=weak) or body_city(hits, gazetteer)))
    resolved = _resolve_bare(bare, hits, subjects, _local_zones(counties, home, gazetteer), gazetteer)
    if not subjects:
        subjects = _county_zone_subject(resolved, title_counties or home or counties, gazetteer)
    hits = sorted(hits + resolved, key=lambda h: h.key)
    known = {z.slug for z in gazetteer.zones} | set(found)
    roles = {slug: role for slug, role in zone_roles(hits, texts, subjects=subjects).items() if slug in known}
    cities = article_cities(hits, roles, texts, gazetteer, found, weak=weak)
    found = {slug: zone for slug, zone in found.items() if slug in roles}
    mentions = [
        PlaceMention(h.kind, h.slug, printed[h.paragraph][h.start : h.end], h.paragraph, h.start, h.end,
                roles.get(h.slug, "mentioned") if h.kind == "zone" else _place_role(h, cities, gazetteer))
        for h in hits
    ]
    return replace(
        article, zones=[z for z, r in roles.items() if r != "mentioned"], zone_roles=roles, cities=cities,
        mentions=mentions, new_zones=list(found.values()),
    )


def _find(texts: dict[int, str], gaz: Gazetteer) -> tuple[list[Hit], list[Hit], dict[str, DiscoveredZone]]:
    """Every name in every text, the bare zone words, and the zones discovered."""
    hits: list[Hit] = []
    bare: list[Hit] = []
    found: dict[str, DiscoveredZone] = {}
    for para, text in texts.items():
        places = scan(text, para, gaz)
        zone_hits, generics = zone_words(text, para, places, gaz, found)
        zone_hits += [p for p in county_parks(text, places, gaz) if not any(inside(z, p) for z in zone_hits)]
        hits += [h for h in places if not any(inside(h, z) for z in zone_hits)] + zone_hits
        bare += generics
    return hits, bare, found


def _place_role(h: Hit, cities: list[str], gaz: Gazetteer) -> str:
    """A city the article is about is ``subject``; a county of such a city is ``subject``
    in the title block, ``reported`` in the body; other places are ``mentioned``."""
    city = h.slug if h.kind == "city" else gaz.county(h.slug).city_slug if "|" not in h.slug else None
    if city not in cities:
        return "mentioned"
    return "subject" if h.kind == "city" or h.paragraph == TITLE_BLOCK else "reported"


#: How a county paper names its own county without naming it: 我县, 县长 …
_LOCAL_COUNTY = re.compile(r"我县|本县|全县|县委|县政府|县长")


def _masthead_county(hits: list[Hit], texts: dict[int, str], ctx: LinkContext) -> list[str]:
    """The county of a local paper's masthead, for an article that names no place of its
    own and speaks of 我县/县长 …; never when the article names a county or city itself."""
    if not ctx.counties or any(h.kind in ("county", "city") for h in hits):
        return []
    return list(ctx.counties) if any(_LOCAL_COUNTY.search(t) for t in texts.values()) else []


def _body_county(hits: list[Hit]) -> list[str]:
    """The county a report keeps naming (twice or more, more than any other)."""
    counts = Counter(h.slug for h in hits if h.kind == "county" and "|" not in h.slug).most_common(2)
    if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] > counts[1][1]):
        return [counts[0][0]]
    return []


def _local_zones(counties: list[str], cities: list[str], gaz: Gazetteer) -> list[ZoneEntry]:
    """The zones a bare 开发区 may mean in a report about these counties, or else about
    this one city: the zones named after the city itself (忻州经开区 in a 忻州 report)."""
    if counties:
        return [z for c in dict.fromkeys(counties) for z in gaz.zones_of_county(c)]
    if len(cities) != 1:
        return []
    city = gaz.city(cities[0])
    return [z for z in gaz.zones_of_city(city.slug) if z.name.startswith(city.short) and not z.merged_into]


def _resolve_bare(
    bare: list[Hit], hits: list[Hit], zones: list[str], local: list[ZoneEntry], gaz: Gazetteer
) -> list[Hit]:
    """Bare zone words → the subject zone they can mean (nearest one named before them),
    else the one zone of that kind in the county (or city) the report is about."""
    named = sorted((h for h in hits if h.kind == "zone" and h.slug in zones), key=lambda h: h.key)
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
        family = next((f for _, f in ZONE_FAMILIES if slug.endswith(f)), None)
    return families is None or family in families


def _county_zone_subject(resolved: list[Hit], places: list[str], gaz: Gazetteer) -> list[str]:
    """In a report about a county (or city), its zone is a subject too when the report
    keeps returning to it (twice or more, by name or as 经济开发区/开发区)."""
    own = {z.slug for p in places for z in (*gaz.zones_of_county(p), *gaz.zones_of_city(p))}
    counts = Counter(h.slug for h in resolved if h.slug in own)
    return [slug for slug, n in counts.most_common() if n >= 2]
