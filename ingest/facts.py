"""Facts a linked article states about its zones, each with the paragraph it came from.

``article_facts(article, date=…)`` reads every body paragraph sentence by sentence and
returns :class:`Fact` records (CONTRACT.md's zone ``facts``): founding and approval (year,
body), level, area (dated, so an enlargement reads as a change), leading industries, projects
(name, investment, stage), enterprises, counts of firms and indicators (产值, 营业收入, 税收 …,
growth) with their period; the phrases come from :mod:`ingest.facts_phrases`. Precision first:
a figure is given to a zone only when the linker's roles (:mod:`ingest.roles`) make the
sentence about that zone — the zone named nearest before the figure in its sentence, or the
article's one zone when the sentence names no place at all — never a figure after another
zone, a county, a city or a province-wide total, nor a target. A place inside a project's name
makes it that place's, unless it is the county or city the zone lies in (the gazetteer says).
A project stated by its investor alone (益生股份计划总投资约5亿元) goes to the article's one
subject zone when its paragraph names that zone and no other; 该项目总投资… right after a
sentence naming one project is that project's. Sentences are read in their folded form
(traditional → simplified); firms' names come back as printed.
Pure: reads the article's paragraphs, mentions and the gazetteer only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.places import Gazetteer, load_gazetteer
from app.search.analyzer import fold
from ingest.facts_firms import printed_name
from ingest.facts_phrases import Build, Fact, candidates, clause_before, level_of, period_of
from ingest.facts_projects import follow_up, named_project, stage
from ingest.model import Document, PageArticle, PlaceMention
from ingest.names import COMPARISON_CUES

__all__ = ["Fact", "article_facts", "document_facts", "level_of"]

#: Sentences end here; ； only separates clauses of one statement about one subject.
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
#: Totals over many places: a figure after these is not one zone's.
_AGGREGATE = re.compile(r"全省|全市|全县|全区|全国|我省|我市|我县|各开发区|各园区|全省开发区|各县|全盟|开发区共|园区共")
#: Words that make a count one of a county, a city or a province.
_ELSEWHERE = re.compile(r"[县市省]|全")
#: A place name that begins a firm's name (平遥煤化集团), or is bracketed inside it
#: (三一硅能(朔州)有限公司), says nothing about where a figure belongs.
_FIRM_AFTER = re.compile(r"^[)）]?[\u4e00-\u9fff]{0,8}?(?:集团|公司|有限|股份|厂)")
#: A firm placed in a zone by the words right after its name: …有限公司落户长治高新区.
_HOSTED_IN = re.compile(r"^(?:在|落户|入驻|落地|位于)")


def article_facts(article: PageArticle, *, date: str | None = None, gazetteer: Gazetteer | None = None) -> list[Fact]:
    """Every fact the article's body states about one of its (subject or reported) zones.

    ``date`` (YYYY-MM-DD, the page's) turns 今年/去年 into years; ``gazetteer`` (default: the
    bundled one) says which county and city each zone lies in. Facts come in reading order;
    the same fact stated twice in one article is kept once.
    """
    gaz = gazetteer or load_gazetteer()
    own = {slug for slug, role in article.zone_roles.items() if role != "mentioned"}
    sole = next(iter(own)) if len(own) == 1 else None
    subjects = {slug for slug, role in article.zone_roles.items() if role == "subject"}
    out: list[Fact] = []
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph.kind == "caption":
            continue
        text = fold(paragraph.text)
        places = sorted((m for m in article.mentions if m.paragraph == index), key=lambda m: m.start)
        # The article's one subject zone, where the paragraph names it and no other zone.
        zones_here = {m.slug for m in places if m.kind == "zone"}
        subject = next(iter(subjects)) if len(subjects) == 1 and zones_here == subjects else None
        state = _State(own, date, gaz, subject=subject, current=sole)
        for match in _SENTENCE.finditer(text):
            found = _sentence_facts(match.group(), match.start(), places, state)
            out += [_as_printed(f, index, text, paragraph.text) for f in found]
    return list(dict.fromkeys(out))


def document_facts(document: Document, *, gazetteer: Gazetteer | None = None) -> Document:
    """The document with every article's ``facts`` filled (the stage after ``link``).

    Run with the other pure stages, on the worker processes of a large ingest, so the
    process that stores and indexes does not read every sentence again.
    """
    date = document.info.date
    articles = [replace(a, facts=article_facts(a, date=date, gazetteer=gazetteer)) for a in document.articles]
    return replace(document, articles=articles)


def _as_printed(fact: Fact, paragraph: int, folded: str, printed: str) -> Fact:
    """``fact`` citing ``paragraph``, its firm's or project's name as the paragraph printed it."""
    value = printed_name(fact.value, folded, printed) if fact.kind == "enterprise" else fact.value
    name = printed_name(fact.name, folded, printed) if fact.name else None
    return replace(fact, paragraph=paragraph, value=value, name=name)


@dataclass
class _State:
    """What reading a paragraph carries from one sentence to the next."""

    own: set[str]
    date: str | None
    gaz: Gazetteer
    #: The article's one subject zone, when the paragraph names it and no other zone.
    subject: str | None = None
    #: The zone the next sentence continues with (see :func:`_sentence_facts`).
    current: str | None = None
    #: The one project the sentence before named: (zone, name, stage), for 该项目总投资….
    project: tuple[str, str, str | None] | None = None


_Anchor = tuple[int, int, PlaceMention]


def _sentence_facts(sentence: str, offset: int, places: list[PlaceMention], state: _State) -> list[Fact]:
    """The facts of one sentence; ``state`` moves on to the next sentence.

    A sentence naming one own zone (and no other) makes it the paragraph's current zone;
    one naming any other place ends it; one naming no place keeps it. A project stated by
    its investor with no place before it goes to the subject zone when the chain of
    sentences gives it none; a firm followed by 落户/在 and a zone is that zone's; an
    investment with no subject of its own (该项目总投资…) is the one project's the sentence
    before named.
    """
    anchors = [
        (m.start - offset, m.end - offset, m)
        for m in places
        if offset <= m.start < offset + len(sentence)
        and (m.kind == "zone" or not _FIRM_AFTER.match(sentence[m.end - offset :]))
    ]
    named = {a[2].slug for a in anchors if a[2].kind == "zone"}
    fallback = state.current
    if anchors:
        only_zones = all(a[2].kind == "zone" for a in anchors)
        state.current = next(iter(named)) if len(named) == 1 and named <= state.own and only_zones else None
    facts: list[Fact] = _follow_up(sentence, anchors, state)
    for kind, start, end, build in candidates(sentence):
        zone = _zone_of(sentence, (start, end), anchors, state, fallback, build)
        if kind == "enterprise":
            zone = _host(sentence, end, anchors, state.own) or zone
        if zone and kind == "area" and "项目" in _since_anchor(sentence, start, anchors):
            continue  # a project's site area
        if zone:
            facts += build(zone, period_of(sentence[:start], state.date))
    for _start, end, mention in anchors:
        level = level_of(sentence, end) if mention.kind == "zone" and mention.slug in state.own else None
        if level:
            facts.append(Fact(mention.slug, 0, "level", level))
    state.project = _project_named(sentence, anchors, state, fallback)
    return facts


def _zone_of(
    sentence: str, span: tuple[int, int], anchors: list[_Anchor], state: _State, fallback: str | None, build: Build
) -> str | None:
    """The own zone the phrase at ``span`` (built by ``build``) belongs to, else ``None``.

    A place inside the phrase (新绛县…项目) makes it that place's — unless the phrase is a
    project's own name and the place is the county or city its zone lies in.
    """
    start, end = span
    within = [a for a in anchors if start <= a[0] < end]
    if within and build.subject_fallback:
        return None
    if build.subject_only:
        return _subject_of(sentence, start, anchors, state.own)
    zone = _owner(sentence, start, [a for a in anchors if a not in within], state.own, fallback)
    zones_within = [a[2].slug for a in within if a[2].kind == "zone"]
    if zones_within:
        zone = zones_within[-1] if zones_within[-1] in state.own else None
    elif zone is None and build.subject_fallback and not any(a[1] <= start for a in anchors):
        zone = None if _AGGREGATE.search(clause_before(sentence, start)) else state.subject
    places_within = [a[2] for a in within if a[2].kind != "zone"]
    if places_within and not (build.named and zone and all(_home(m, zone, state.gaz) for m in places_within)):
        return None  # a project or firm named after another county or city: not the zone's
    if zone and build.local and _ELSEWHERE.search(_since_anchor(sentence, start, anchors)):
        return None  # 全县规上企业, 该市入驻企业: a count of somewhere larger
    return zone


def _home(mention: PlaceMention, zone: str, gaz: Gazetteer) -> bool:
    """Is the county or city ``mention`` names one the zone lies in?"""
    try:
        entry = gaz.zone(zone)
    except KeyError:
        return False  # a zone found in the texts the gazetteer does not place
    if mention.kind == "county":
        return mention.slug in (entry.county_slug, *entry.counties)
    return mention.kind == "city" and mention.slug in (entry.city_slug, *entry.spans_cities)


def _subject_of(sentence: str, position: int, anchors: list[_Anchor], own: set[str]) -> str | None:
    """The own zone named right before ``position`` (侯马经济开发区成立于…): the sentence's subject."""
    before = [a for a in anchors if a[1] <= position]
    if not before:
        return None
    _start, end, mention = before[-1]
    gap = sentence[end:position]
    return mention.slug if mention.kind == "zone" and mention.slug in own and gap in ("", "最早", "始") else None


def _follow_up(sentence: str, anchors: list[_Anchor], state: _State) -> list[Fact]:
    """该项目总投资2亿元 (no subject of its own) right after a sentence naming one project: its investment."""
    hit = follow_up(sentence) if state.project else None
    if not hit or not state.project or any(a[0] < hit[1] for a in anchors):
        return []
    zone, name, reached = state.project
    return [Fact(zone, 0, "project", hit[2], hit[3], None, name, stage(sentence) or reached)]


def _project_named(
    sentence: str, anchors: list[_Anchor], state: _State, fallback: str | None
) -> tuple[str, str, str | None] | None:
    """The one project the sentence names and the zone it is of, for the next sentence's 该项目."""
    hit = named_project(sentence)
    if not hit:
        return None
    zone = _zone_of(sentence, hit[:2], anchors, state, fallback, Build(named=True))
    return (zone, hit[2], stage(sentence)) if zone else None


def _host(sentence: str, end: int, anchors: list[tuple[int, int, PlaceMention]], own: set[str]) -> str | None:
    """The own zone named right after a firm's name ending at ``end`` (…公司落户X开发区,
    …公司在X开发区), else ``None``."""
    lead = _HOSTED_IN.match(sentence[end:])
    at = end + lead.end() if lead else -1
    zone = next((m for start, _end, m in anchors if start == at), None)
    return zone.slug if zone and zone.kind == "zone" and zone.slug in own else None


def _since_anchor(sentence: str, position: int, anchors: list[tuple[int, int, PlaceMention]]) -> str:
    """The text between the last place named before ``position`` (or the start) and it."""
    ends = [a[1] for a in anchors if a[1] <= position]
    return sentence[max(ends, default=0) : position]


def _owner(
    sentence: str, position: int, anchors: list[tuple[int, int, PlaceMention]], own: set[str], fallback: str | None
) -> str | None:
    """The zone a figure at ``position`` belongs to.

    The place named nearest before it in its sentence must be an own zone (not a
    yardstick), with no total (全省, 全市 …) in the figure's clause; with no place before it,
    the one own zone the sentence names, else (the sentence naming no other zone) the zone
    the paragraph is about, ``fallback``.
    """
    clause = clause_before(sentence, position)
    if _AGGREGATE.search(clause):
        return None
    before = [a for a in anchors if a[1] <= position]
    if before:
        start, _end, mention = before[-1]
        if mention.kind != "zone" or mention.slug not in own:
            return None
        lead = sentence[max(0, start - 8) : start]
        return None if any(cue in lead for cue in COMPARISON_CUES) else mention.slug
    zones = {a[2].slug for a in anchors if a[2].kind == "zone"}
    if zones:
        return next(iter(zones)) if len(zones) == 1 and zones <= own else None
    return fallback
