"""Facts a linked article states about its zones, each with the paragraph it came from.

``article_facts(article, date=…)`` reads every body paragraph sentence by sentence and
returns :class:`Fact` records (CONTRACT.md's zone ``facts``): approval (year, body), level,
area (dated, so an enlargement reads as a change), leading industries, projects (name,
investment, stage), enterprises and indicators (产值, 营业收入, 税收 …, growth) with their
period. Precision first: a figure is given to a zone only when the linker's roles
(:mod:`ingest.roles`) make the sentence about that zone — the zone named nearest before the
figure in its sentence, or the article's one zone when the sentence names no place at all —
never a figure after another zone, a county, a city or a province-wide total, nor a target.
A project stated by its investor alone (益生股份计划总投资约5亿元) goes to the article's one
subject zone when its paragraph names that zone and no other. Sentences are read in their
folded form (traditional → simplified); firms' names come back as printed.
Pure: reads the article's paragraphs and mentions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.search.analyzer import fold
from ingest.facts_firms import FIRM_LEAD, firm_names, printed_name
from ingest.model import PageArticle, PlaceMention
from ingest.names import COMPARISON_CUES

#: Sentences end here; ； only separates clauses of one statement about one subject.
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_CLAUSE = re.compile(r"[，,；;：:]")
#: Totals over many places: a figure after these is not one zone's.
_AGGREGATE = re.compile(r"全省|全市|全县|全区|全国|我省|我市|我县|各开发区|各园区|全省开发区|各县|全盟|开发区共|园区共")
#: A target, forecast or capacity, not an achievement.
_TARGET = re.compile(
    r"目标|预计|计划|力争|争取|有望|将|[产标成营效]后|后可|可实现|可以|年可|每年可|可达|可带动|确保|规划|预期|拟|届时|一旦"
)
_NUMBER = r"(\d+(?:\.\d+)?)"
_INDICATORS = (
    ("output", r"工业总产值|总产值|产值"),
    ("revenue", r"营业收入|主营业务收入|营收|销售收入"),
    ("tax", r"税收收入|税收|财政收入"),
    ("value_added", r"规上工业增加值|工业增加值|增加值"),
    ("investment", r"固定资产投资|工业投资|项目投资"),
)
_INDICATOR = re.compile(
    r"(?P<name>" + "|".join(p for _, p in _INDICATORS) + r")(?:完成|实现|达到|达|突破|为|共|累计|总额|总计)*"
    r"(?:约|近|超)?" + _NUMBER + r"(?P<mult>万亿|亿|万)元"
    r"(?:[，,]?(?:同比|比上年|较上年)?增长" + _NUMBER + "%)?"
)
#: The figure first: 形成34.13亿元的年产值.
_INDICATOR_AFTER = re.compile(_NUMBER + r"(?P<mult>万亿|亿|万)元的(?:年)?(?P<name>" + "|".join(p for _, p in _INDICATORS) + ")")
_AREA = re.compile(
    r"(?P<pre>规划|总|核准|批准|扩区后|四至范围|规划总)?面积(?:为|达到|达|约|共|扩大到|扩至)*(?P<num>\d+(?:\.\d+)?)"
    r"(?P<unit>平方公里|平方千米|万亩|亩|公顷)"
)
_APPROVAL = re.compile(
    r"(?P<year>(?:19|20)\d\d)年(?:\d{1,2}月)?(?:\d{1,2}日)?[，,]?(?:经|由)?(?P<body>(?:国务院|国家发改委|国家发展改革委|科技部|商务部|农业农村部"
    r"|省人民政府|省政府|山西省人民政府|山西省政府|国家)(?:[、和]?(?:国务院|国家发改委|省政府|省人民政府|科技部|商务部))*)"
    r"(?:正式)?(?:批准|批复|同意)(?:设立|成立|升级|为)?"
)
#: The body first: 省政府2018年批准成立.
_APPROVAL_BODY_FIRST = re.compile(
    r"(?P<body>国务院|国家发改委|国家发展改革委|科技部|商务部|省人民政府|省政府|山西省人民政府|山西省政府)"
    r"(?:于)?(?P<year>(?:19|20)\d\d)年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:正式)?(?:批准|批复|同意)"
)
#: No body named: 2022年7月6日获批设立.
_APPROVAL_GRANTED = re.compile(r"(?P<year>(?:19|20)\d\d)年(?:\d{1,2}月)?(?:\d{1,2}日)?(?P<body>获批)(?:设立|成立|建设)")
#: A level the zone was raised to or placed in: 升级为国家高新区, 纳入省级开发区序列.
_LEVEL_STATED = re.compile(
    r"(?:升级为|晋升为|批复为|批准为|获批为|纳入)(?P<level>国家级|省级|国家)"
    r"(?=(?:高新区|高新技术产业开发区|经济技术开发区|经开区|开发区|农业高新技术产业示范区|农高区))"
)
_LEVEL = re.compile(r"^(?:是|为|升级为|晋升为|成为|获批)[^，,。；;]{0,40}?(?P<level>国家级|省级)")
_INDUSTRY_AFTER = re.compile(r"(?:主导产业|功能定位|产业定位)(?:为|是|有|包括|主要为|主要是|[：:])?(?P<list>[^，,。；;]{4,60})")
_INDUSTRY_BEFORE = re.compile(
    r"(?P<list>(?:[\u4e00-\u9fff]{2,8}[、和])+[\u4e00-\u9fff]{2,8}?)(?<!为)(?:[一二三四五六七八九十两\d]+大)?主导产业"
)
#: 以新型煤化工为主导产业: one leading industry is as plain a statement as a list.
_INDUSTRY_LED = re.compile(r"以(?P<list>[^，,。；;以为]{2,30}?)为主导(?:增长)?产业")
_PROJECT_BEFORE = re.compile(
    r"(?:总)?投资(?:约|近|超)?" + _NUMBER + r"(?P<mult>亿|万)元的(?P<name>[^，,。；;、“”]{2,60}?项目)"
)
_PROJECT_AFTER = re.compile(
    r"(?P<name>[^，,。；;、“”的]{2,60}?项目)[，,]?(?:计划)?总投资(?:约|近|超|达)?" + _NUMBER + r"(?P<mult>亿|万)元"
)
#: A project stated by who invests, the subject of its clause: 益生股份计划总投资约5亿元.
_PROJECT_BY_FIRM = re.compile(
    r"(?:^|(?<=[，,；;：:]))(?P<name>[\u4e00-\u9fff（）()]{2,16}?)(?:计划)?总投资(?:约|近|超|达)?" + _NUMBER + r"(?P<mult>亿|万)元"
)
#: Who or what no firm is: a pronoun, a total, a batch, a place, a time.
_NOT_A_FIRM = re.compile(
    r"^(?:该|本|此|这|其|全|共|累计|总|目前|今年|去年|截至|项目)|项目$|[区园市县省镇村期个项批年月]$"
    r"|实施|建设|完成|推进|开工|签约|引进|新建|续建|打造|共有|达到|实现|投产|落地|涉及|包括"
)
_STAGES = (("投产", r"投产|投入生产"), ("开工", r"开工"), ("签约", r"签约|签订[^，。；]{0,8}协议"))
_NOT_YET = re.compile(r"(?:即将|预计|计划|有望|力争|争取|将|可|拟|确保)[^，,。；;]{0,4}$")
_GROUP_OF_PROJECTS = re.compile(r"\d+个项目|^共有|^(?:[\d一二三四五六七八九十两]+[个大项批]|该|各|这些|重点|一批)|^.期项目$|等项目$|[个项]重点项目")
#: A place name that begins a firm's name (平遥煤化集团), or is bracketed inside it
#: (三一硅能(朔州)有限公司), says nothing about where a figure belongs.
_FIRM_AFTER = re.compile(r"^[)）]?[\u4e00-\u9fff]{0,8}?(?:集团|公司|有限|股份|厂)")
#: A firm placed in a zone by the words right after its name: …有限公司落户长治高新区.
_HOSTED_IN = re.compile(r"^(?:在|落户|入驻|落地|位于)")
_PERIOD = re.compile(
    r"(?P<year>(?:19|20)\d\d年|今年|去年|上年)?(?P<part>一季度|上半年|前三季度|全年|1-\d{1,2}月|1至\d{1,2}月|前\d{1,2}个月)?"
)
_MULTIPLIER = {"亿": "亿元", "万": "万元", "万亿": "万亿元"}


@dataclass(frozen=True)
class Fact:
    """One statement about ``zone`` in paragraph ``paragraph`` of the article."""

    zone: str
    paragraph: int
    kind: str
    value: str
    unit: str | None = None
    period: str | None = None
    name: str | None = None
    stage: str | None = None


def article_facts(article: PageArticle, *, date: str | None = None) -> list[Fact]:
    """Every fact the article's body states about one of its (subject or reported) zones.

    ``date`` (YYYY-MM-DD, the page's) turns 今年/去年 into years. Facts come in reading
    order; the same fact stated twice in one article is kept once.
    """
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
        current = sole
        for match in _SENTENCE.finditer(text):
            found, current = _sentence_facts(match.group(), match.start(), places, own, current, date, subject=subject)
            out += [_as_printed(f, index, text, paragraph.text) for f in found]
    return list(dict.fromkeys(out))


def _as_printed(fact: Fact, paragraph: int, folded: str, printed: str) -> Fact:
    """``fact`` citing ``paragraph``, its firm's or project's name as the paragraph printed it."""
    value = printed_name(fact.value, folded, printed) if fact.kind == "enterprise" else fact.value
    name = printed_name(fact.name, folded, printed) if fact.name else None
    return replace(fact, paragraph=paragraph, value=value, name=name)


def _sentence_facts(
    sentence: str, offset: int, places: list[PlaceMention], own: set[str], current: str | None, date: str | None,
    *, subject: str | None = None,
) -> tuple[list[Fact], str | None]:
    """The facts of one sentence, and the zone the next sentence continues with.

    A sentence naming one own zone (and no other) makes it the paragraph's current zone;
    one naming any other place ends it; one naming no place keeps it. A project stated by
    its investor with no place before it goes to ``subject`` (the article's one subject
    zone, the paragraph naming it and no other zone) when the chain of sentences gives it none;
    a firm followed by 落户/在 and a zone is that zone's.
    """
    anchors = [
        (m.start - offset, m.end - offset, m)
        for m in places
        if offset <= m.start < offset + len(sentence)
        and (m.kind == "zone" or not _FIRM_AFTER.match(sentence[m.end - offset :]))
    ]
    named = {a[2].slug for a in anchors if a[2].kind == "zone"}
    fallback = current
    if anchors:
        only_zones = all(a[2].kind == "zone" for a in anchors)
        current = next(iter(named)) if len(named) == 1 and named <= own and only_zones else None
    facts: list[Fact] = []
    for kind, start, end, build in _candidates(sentence):
        within = [a for a in anchors if start <= a[0] < end]
        if any(a[2].kind != "zone" for a in within) or (within and build.subject_fallback):
            continue  # a project or firm named after a county or city (新绛县…项目): not the zone's
        zone = _owner(sentence, start, [a for a in anchors if a not in within], own, fallback)
        if within:
            zone = within[-1][2].slug if within[-1][2].slug in own else None
        elif zone is None and build.subject_fallback and not any(a[1] <= start for a in anchors):
            zone = None if _AGGREGATE.search(_clause_before(sentence, start)) else subject
        if kind == "enterprise":
            zone = _host(sentence, end, anchors, own) or zone
        if zone and kind == "area" and "项目" in _since_anchor(sentence, start, anchors):
            continue  # a project's site area
        if zone:
            facts += build(zone, _period(sentence[:start], date))
    for _start, end, mention in anchors:
        level = level_of(sentence, end) if mention.kind == "zone" and mention.slug in own else None
        if level:
            facts.append(Fact(mention.slug, 0, "level", level))
    return facts, current


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
    clause = _clause_before(sentence, position)
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


class _Build:
    """Deferred construction: a candidate's facts once its zone and period are known."""

    def __init__(
        self, *facts: tuple[str, str, str | None, str | None, str | None, bool], subject_fallback: bool = False
    ) -> None:
        self.facts = facts
        #: May the article's subject zone own it when its sentence names no place?
        self.subject_fallback = subject_fallback

    def __call__(self, zone: str, period: str | None) -> list[Fact]:
        return [
            Fact(zone, 0, kind, value, unit, period if dated else None, name, stage)
            for kind, value, unit, name, stage, dated in self.facts
        ]


def _candidates(sentence: str) -> list[tuple[str, int, int, _Build]]:
    """Every fact-shaped phrase of the sentence: (kind, position, builder)."""
    out: list[tuple[str, int, int, _Build]] = []
    out += _indicators(sentence)
    out += _areas(sentence)
    out += _approvals(sentence)
    out += _levels(sentence)
    out += _industries(sentence)
    out += _projects(sentence)
    out += _companies(sentence)
    return out


def _clause_before(sentence: str, position: int) -> str:
    starts = [m.end() for m in _CLAUSE.finditer(sentence, 0, position)]
    return sentence[starts[-1] if starts else 0 : position]


def _indicators(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    kinds = {alt: kind for kind, pattern in _INDICATORS for alt in pattern.split("|")}
    for m in _INDICATOR.finditer(sentence):
        if _TARGET.search(sentence[: m.start()] + m.group()):
            continue
        kind = kinds[m.group("name")]
        unit = _MULTIPLIER[m.group("mult")]
        facts = [(kind, m.group(2), unit, None, None, True)]
        if m.group(4):
            facts.append((f"{kind}_growth", m.group(4), "%", None, None, True))
        out.append((kind, m.start(), m.end(), _Build(*facts)))
    for m in _INDICATOR_AFTER.finditer(sentence):
        if not _TARGET.search(sentence[: m.start()] + m.group()):
            fact = (kinds[m.group("name")], m.group(1), _MULTIPLIER[m.group("mult")], None, None, True)
            out.append((fact[0], m.start(), m.end(), _Build(fact)))
    return out


def _areas(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    for m in _AREA.finditer(sentence):
        before = sentence[m.start() - 1 : m.start()] if m.start() else ""
        if not m.group("pre") and re.match(r"[\u4e00-\u9fff]", before):
            continue  # 国土面积, 供热面积, 建筑面积 …: not the zone's own area
        if re.search(r"占地|用地|新增|拓展|园|项目|其中", _clause_before(sentence, m.start())):
            continue  # a site, a new parcel, a park inside the zone: not the zone's own area
        out.append(("area", m.start(), m.end(), _Build(("area", m.group("num"), m.group("unit"), None, None, True))))
    return out


def _approvals(sentence: str) -> list[tuple[str, int, int, _Build]]:
    matches = [*_APPROVAL.finditer(sentence), *_APPROVAL_BODY_FIRST.finditer(sentence), *_APPROVAL_GRANTED.finditer(sentence)]
    return [("approval", m.start(), m.end(), _Dated(m.group("year") + "年", m.group("body"))) for m in matches]


class _Dated(_Build):
    """An approval: its period is the year it was approved."""

    def __init__(self, year: str, body: str) -> None:
        super().__init__()
        self.year, self.body = year, body

    def __call__(self, zone: str, period: str | None) -> list[Fact]:
        return [Fact(zone, 0, "approval", self.body, None, self.year)]


def _levels(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    for m in _LEVEL_STATED.finditer(sentence):
        level = "国家级" if m.group("level") == "国家" else m.group("level")
        out.append(("level", m.start(), m.end(), _Build(("level", level, None, None, None, False))))
    return out


def level_of(sentence: str, end: int) -> str | None:
    """国家级 | 省级 when the words right after a zone's name (ending at ``end``) say so."""
    m = _LEVEL.match(sentence[end:])
    return m.group("level") if m else None


def _industries(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    for m in (*_INDUSTRY_AFTER.finditer(sentence), *_INDUSTRY_BEFORE.finditer(sentence), *_INDUSTRY_LED.finditer(sentence)):
        items = [i for i in re.split(r"[、和及与]|以及", m.group("list")) if 2 <= len(i) <= 10]
        items = [re.sub(r"^(?:以|为|是|发展|打造)", "", i) for i in items]
        enough = 1 if m.re is _INDUSTRY_LED else 2  # a list's one item may be a stray phrase
        if len(items) >= enough and not _TARGET.search(_clause_before(sentence, m.start())):
            out.append(("industry", m.start(), m.end(), _Build(("industry", "、".join(items), None, None, None, False))))
    return out


def _projects(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    for m in (*_PROJECT_BEFORE.finditer(sentence), *_PROJECT_AFTER.finditer(sentence)):
        name = FIRM_LEAD.sub("", m.group("name")).strip()
        if len(name) < 4 or _GROUP_OF_PROJECTS.search(name):
            continue  # a batch of projects (10个重点项目, 一期项目, …等项目) is no one project
        value = m.group(1) if m.re is _PROJECT_BEFORE else m.group(2)
        build = _Build(("project", value, _MULTIPLIER[m.group("mult")], name, _stage(sentence), True))
        out.append(("project", m.start(), m.end(), build))
    for m in _PROJECT_BY_FIRM.finditer(sentence):
        name = FIRM_LEAD.sub("", m.group("name"))
        if len(name) >= 2 and not _NOT_A_FIRM.search(name) and not _GROUP_OF_PROJECTS.search(name):
            fact = ("project", m.group(2), _MULTIPLIER[m.group("mult")], name, _stage(sentence), True)
            out.append(("project", m.start(), m.end(), _Build(fact, subject_fallback=True)))
    return out


def _stage(sentence: str) -> str | None:
    """The furthest stage the sentence says the project has reached (not one to come)."""
    for stage, pattern in _STAGES:
        for m in re.finditer(pattern, sentence):
            if not _NOT_YET.search(sentence[: m.start()]) and sentence[m.end() : m.end() + 1] != "后":
                return stage
    return None


def _companies(sentence: str) -> list[tuple[str, int, int, _Build]]:
    return [
        ("enterprise", start, end, _Build(("enterprise", name, None, None, None, False)))
        for start, end, name in firm_names(sentence)
    ]


def _period(sentence: str, date: str | None) -> str | None:
    """The period a sentence's figures refer to (2023年, 2024年一季度 …), years resolved
    from the page date; ``None`` when the sentence names none."""
    year = int(date[:4]) if date else None
    for m in reversed([m for m in _PERIOD.finditer(sentence) if m.group()]):
        y = m.group("year")
        if y in ("今年",):
            y = f"{year}年" if year else None
        elif y in ("去年", "上年"):
            y = f"{year - 1}年" if year else None
        part = m.group("part") or ""
        if y or part:
            return f"{y or ''}{part}" if y else (f"{year}年{part}" if year else part)
    return None
