"""Facts a linked article states about its zones, each with the paragraph it came from.

``article_facts(article, date=…)`` reads every body paragraph sentence by sentence and
returns :class:`Fact` records (CONTRACT.md's zone ``facts``): approval (year, body), level,
area (dated, so an enlargement reads as a change), leading industries, projects (name,
investment, stage), enterprises and indicators (产值, 营业收入, 税收 …, growth) with their
period. Precision first: a figure is given to a zone only when the linker's roles
(:mod:`ingest.roles`) make the sentence about that zone — the zone named nearest before the
figure in its sentence, or the article's one zone when the sentence names no place at all —
never a figure after another zone, a county, a city or a province-wide total, nor a target.
Pure: reads the article's paragraphs and mentions only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.search.analyzer import fold
from ingest.model import PageArticle, PlaceMention
from ingest.names import COMPARISON_CUES, PROVINCES

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
    r"(?P<year>(?:19|20)\d\d)年(?:\d{1,2}月)?(?:经|由)?(?P<body>(?:国务院|国家发改委|国家发展改革委|科技部|商务部|农业农村部"
    r"|省人民政府|省政府|山西省人民政府|山西省政府|国家)(?:[、和]?(?:国务院|国家发改委|省政府|省人民政府|科技部|商务部))*)"
    r"(?:正式)?(?:批准|批复|同意)(?:设立|成立|升级|为)?"
)
#: The body first: 省政府2018年批准成立.
_APPROVAL_BODY_FIRST = re.compile(
    r"(?P<body>国务院|国家发改委|国家发展改革委|科技部|商务部|省人民政府|省政府|山西省人民政府|山西省政府)"
    r"(?:于)?(?P<year>(?:19|20)\d\d)年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:正式)?(?:批准|批复|同意)"
)
#: No body named: 2022年7月6日获批设立.
_APPROVAL_GRANTED = re.compile(r"(?P<year>(?:19|20)\d\d)年(?:\d{1,2}月)?(?:\d{1,2}日)?(?P<body>获批)(?:设立|成立)")
_LEVEL = re.compile(r"^(?:是|为|升级为|晋升为|成为|获批)[^，,。；;]{0,40}?(?P<level>国家级|省级)")
_INDUSTRY_AFTER = re.compile(r"(?:主导产业|功能定位|产业定位)(?:为|是|有|包括|主要为|主要是|[：:])?(?P<list>[^，,。；;]{4,60})")
_INDUSTRY_BEFORE = re.compile(r"(?P<list>(?:[\u4e00-\u9fff]{2,8}[、和])+[\u4e00-\u9fff]{2,8}?)(?:[一二三四五六七八九十两\d]+大)?主导产业")
_PROJECT_BEFORE = re.compile(
    r"(?:总)?投资(?:约|近|超)?" + _NUMBER + r"(?P<mult>亿|万)元的(?P<name>[^，,。；;、“”]{2,60}?项目)"
)
_PROJECT_AFTER = re.compile(
    r"(?P<name>[^，,。；;、“”的]{2,60}?项目)[，,]?(?:计划)?总投资(?:约|近|超|达)?" + _NUMBER + r"(?P<mult>亿|万)元"
)
_STAGES = (("投产", r"投产|投入生产"), ("开工", r"开工"), ("签约", r"签约|签订[^，。；]{0,8}协议"))
_NOT_YET = re.compile(r"(?:即将|预计|计划|有望|力争|争取|将|可|拟|确保)[^，,。；;]{0,4}$")
_COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司)")
_GROUP_OF_PROJECTS = re.compile(r"\d+个项目|^共有|^(?:[\d一二三四五六七八九十两]+[个大项批]|该|各|这些|重点|一批)|^.期项目$|等项目$|[个项]重点项目")
#: A place name that begins a firm's name (平遥煤化集团) says nothing about where a figure belongs.
_FIRM_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:集团|公司|有限|股份|厂)")
#: Where a firm's name may start: after these a new name begins (与山西…, 的山西…).
_ZONE_PREFIX = re.compile(r"^.*?(?:开发区|经开区|高新区|农高区|示范区|园区)")
_NAME_BREAK = re.compile(r".*[与和、的及]")
_COMPANY_LEAD = re.compile(r"^(?:走访|引进|落户|签约|与|和|由|依托|推动|支持|其中|包括|如|由|对|在|是|为|的|等|了)+")
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
    out: list[Fact] = []
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph.kind == "caption":
            continue
        text = fold(paragraph.text)
        places = sorted((m for m in article.mentions if m.paragraph == index), key=lambda m: m.start)
        current = sole
        for match in _SENTENCE.finditer(text):
            found, current = _sentence_facts(match.group(), match.start(), places, own, current, date)
            out += [Fact(f.zone, index, f.kind, f.value, f.unit, f.period, f.name, f.stage) for f in found]
    return list(dict.fromkeys(out))


def _sentence_facts(
    sentence: str, offset: int, places: list[PlaceMention], own: set[str], current: str | None, date: str | None
) -> tuple[list[Fact], str | None]:
    """The facts of one sentence, and the zone the next sentence continues with.

    A sentence naming one own zone (and no other) makes it the paragraph's current zone;
    one naming any other place ends it; one naming no place keeps it.
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
        current = next(iter(named)) if len(named) == 1 and named <= own and len(anchors) == 1 else None
    facts: list[Fact] = []
    for kind, start, end, build in _candidates(sentence):
        within = [a for a in anchors if start <= a[0] < end]
        if any(a[2].kind != "zone" for a in within):
            continue  # a project or firm named after a county or city (新绛县…项目): not the zone's
        zone = _owner(sentence, start, [a for a in anchors if a not in within], own, fallback)
        if within:
            zone = within[-1][2].slug if within[-1][2].slug in own else None
        if zone and kind == "area" and "项目" in _since_anchor(sentence, start, anchors):
            continue  # a project's site area
        if zone:
            facts += build(zone, _period(sentence[:start], date))
    for _start, end, mention in anchors:
        level = level_of(sentence, end) if mention.kind == "zone" and mention.slug in own else None
        if level:
            facts.append(Fact(mention.slug, 0, "level", level))
    return facts, current


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

    def __init__(self, *facts: tuple[str, str, str | None, str | None, str | None, bool]) -> None:
        self.facts = facts

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


def level_of(sentence: str, end: int) -> str | None:
    """国家级 | 省级 when the words right after a zone's name (ending at ``end``) say so."""
    m = _LEVEL.match(sentence[end:])
    return m.group("level") if m else None


def _industries(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    for m in (*_INDUSTRY_AFTER.finditer(sentence), *_INDUSTRY_BEFORE.finditer(sentence)):
        items = [i for i in re.split(r"[、和及与]|以及", m.group("list")) if 2 <= len(i) <= 10]
        items = [re.sub(r"^(?:以|为|是|发展|打造)", "", i) for i in items]
        if len(items) >= 2 and not _TARGET.search(_clause_before(sentence, m.start())):
            out.append(("industry", m.start(), m.end(), _Build(("industry", "、".join(items), None, None, None, False))))
    return out


def _projects(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    for m in (*_PROJECT_BEFORE.finditer(sentence), *_PROJECT_AFTER.finditer(sentence)):
        name = _COMPANY_LEAD.sub("", m.group("name")).strip()
        if len(name) < 4 or _GROUP_OF_PROJECTS.search(name):
            continue  # a batch of projects (10个重点项目, 一期项目, …等项目) is no one project
        value = m.group(1) if m.re is _PROJECT_BEFORE else m.group(2)
        build = _Build(("project", value, _MULTIPLIER[m.group("mult")], name, _stage(sentence), True))
        out.append(("project", m.start(), m.end(), build))
    return out


def _stage(sentence: str) -> str | None:
    """The furthest stage the sentence says the project has reached (not one to come)."""
    for stage, pattern in _STAGES:
        for m in re.finditer(pattern, sentence):
            if not _NOT_YET.search(sentence[: m.start()]) and sentence[m.end() : m.end() + 1] != "后":
                return stage
    return None


def _companies(sentence: str) -> list[tuple[str, int, int, _Build]]:
    out = []
    for m in _COMPANY.finditer(sentence):
        name = _company_name(sentence, m.start(), m.group())
        if name:
            start = m.end() - len(name)  # where the name itself begins
            out.append(("enterprise", start, m.end(), _Build(("enterprise", name, None, None, None, False))))
    return out


def _company_name(sentence: str, start: int, text: str) -> str | None:
    """The firm's name inside a run of characters ending in 有限公司: from its province
    (山西…, 山东…; not one in brackets, 科技(山西)有限公司) or from a clean break (与, 的, 、 …);
    ``None`` when where it starts is unclear."""
    text = _ZONE_PREFIX.sub("", text)  # 风陵渡开发区德瑞宝…公司: the firm is in the zone, not named after it
    lead = _COMPANY_LEAD.match(text)
    if lead and lead.end():
        text, start = text[lead.end() :], start + lead.end()
    for province in ("山西", *PROVINCES):
        at = text.find(province)
        if at >= 0 and text[at - 1 : at] not in ("(", "（"):
            return text[at:]
    head = _NAME_BREAK.match(text[:-4])
    if head:
        return text[head.end() :] if len(text) - head.end() >= 6 else None
    clean = start == 0 or bool(lead and lead.end()) or not re.match(r"[\u4e00-\u9fff]", sentence[start - 1])
    return text if clean and len(text) >= 6 else None


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
