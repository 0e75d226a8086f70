"""Fact-shaped phrases of one sentence (for :mod:`ingest.facts`), before any zone owns them.

``candidates(sentence)`` lists each phrase stating a fact — an indicator, an area, an approval,
a founding, a level, leading industries, a project, a firm, a count of firms — with where it
stands and a :class:`Build` that makes its :class:`Fact` records once :mod:`ingest.facts` has
decided which zone owns it. Targets, forecasts and capacities are never phrases. Pure.
"""

from __future__ import annotations

import re

from ingest.facts_counts import firm_counts, foundings
from ingest.facts_firms import firm_names
from ingest.facts_projects import MULTIPLIER, projects, stage
from ingest.model import Fact

_CLAUSE = re.compile(r"[，,；;：:]")
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
_PERIOD = re.compile(
    r"(?P<year>(?:19|20)\d\d年|今年|去年|上年)?(?P<part>一季度|上半年|前三季度|全年|1-\d{1,2}月|1至\d{1,2}月|前\d{1,2}个月)?"
)


class Build:
    """Deferred construction: a candidate's facts once its zone and period are known."""

    def __init__(
        self, *facts: tuple[str, str, str | None, str | None, str | None, bool], subject_fallback: bool = False,
        named: bool = False, subject_only: bool = False, local: bool = False,
    ) -> None:
        self.facts = facts
        #: May the article's subject zone own it when its sentence names no place?
        self.subject_fallback = subject_fallback
        #: A project's own name: the county or city of its zone may be part of it.
        self.named = named
        #: Only the zone named right before it (the sentence's subject) may own it.
        self.subject_only = subject_only
        #: A count of the zone's own: not one after 县, 市, 省 or 全.
        self.local = local

    def __call__(self, zone: str, period: str | None) -> list[Fact]:
        return [
            Fact(zone, 0, kind, value, unit, period if dated else None, name, stage)
            for kind, value, unit, name, stage, dated in self.facts
        ]


def candidates(sentence: str) -> list[tuple[str, int, int, Build]]:
    """Every fact-shaped phrase of the sentence: (kind, position, builder)."""
    out: list[tuple[str, int, int, Build]] = []
    out += _indicators(sentence)
    out += _areas(sentence)
    out += _approvals(sentence)
    out += _levels(sentence)
    out += _industries(sentence)
    out += _projects(sentence)
    out += _companies(sentence)
    out += _counts(sentence)
    return out


def clause_before(sentence: str, position: int) -> str:
    starts = [m.end() for m in _CLAUSE.finditer(sentence, 0, position)]
    return sentence[starts[-1] if starts else 0 : position]


def _indicators(sentence: str) -> list[tuple[str, int, int, Build]]:
    out = []
    kinds = {alt: kind for kind, pattern in _INDICATORS for alt in pattern.split("|")}
    for m in _INDICATOR.finditer(sentence):
        if _TARGET.search(sentence[: m.start()] + m.group()):
            continue
        if m.group("name") == "项目投资" and sentence[m.start() - 1 : m.start()] in ("该", "此", "本"):
            continue  # 该项目投资5亿元: one project's investment, not the zone's (ingest.facts_projects)
        kind = kinds[m.group("name")]
        unit = MULTIPLIER[m.group("mult")]
        facts = [(kind, m.group(2), unit, None, None, True)]
        if m.group(4):
            facts.append((f"{kind}_growth", m.group(4), "%", None, None, True))
        out.append((kind, m.start(), m.end(), Build(*facts)))
    for m in _INDICATOR_AFTER.finditer(sentence):
        if not _TARGET.search(sentence[: m.start()] + m.group()):
            fact = (kinds[m.group("name")], m.group(1), MULTIPLIER[m.group("mult")], None, None, True)
            out.append((fact[0], m.start(), m.end(), Build(fact)))
    return out


def _areas(sentence: str) -> list[tuple[str, int, int, Build]]:
    out = []
    for m in _AREA.finditer(sentence):
        before = sentence[m.start() - 1 : m.start()] if m.start() else ""
        if not m.group("pre") and re.match(r"[\u4e00-\u9fff]", before):
            continue  # 国土面积, 供热面积, 建筑面积 …: not the zone's own area
        if re.search(r"占地|用地|新增|拓展|园|项目|其中", clause_before(sentence, m.start())):
            continue  # a site, a new parcel, a park inside the zone: not the zone's own area
        out.append(("area", m.start(), m.end(), Build(("area", m.group("num"), m.group("unit"), None, None, True))))
    return out


def _approvals(sentence: str) -> list[tuple[str, int, int, Build]]:
    matches = [*_APPROVAL.finditer(sentence), *_APPROVAL_BODY_FIRST.finditer(sentence), *_APPROVAL_GRANTED.finditer(sentence)]
    return [("approval", m.start(), m.end(), _Dated(m.group("year") + "年", m.group("body"))) for m in matches]


class _Dated(Build):
    """An approval or a founding: its period is the year it happened."""

    def __init__(self, year: str, body: str, kind: str = "approval") -> None:
        super().__init__(subject_only=kind == "founded")
        self.year, self.body, self.kind = year, body, kind

    def __call__(self, zone: str, period: str | None) -> list[Fact]:
        return [Fact(zone, 0, self.kind, self.body, None, self.year)]


def _levels(sentence: str) -> list[tuple[str, int, int, Build]]:
    out = []
    for m in _LEVEL_STATED.finditer(sentence):
        level = "国家级" if m.group("level") == "国家" else m.group("level")
        out.append(("level", m.start(), m.end(), Build(("level", level, None, None, None, False))))
    return out


def level_of(sentence: str, end: int) -> str | None:
    """国家级 | 省级 when the words right after a zone's name (ending at ``end``) say so."""
    m = _LEVEL.match(sentence[end:])
    return m.group("level") if m else None


def _industries(sentence: str) -> list[tuple[str, int, int, Build]]:
    out = []
    for m in (*_INDUSTRY_AFTER.finditer(sentence), *_INDUSTRY_BEFORE.finditer(sentence), *_INDUSTRY_LED.finditer(sentence)):
        items = [i for i in re.split(r"[、和及与]|以及", m.group("list")) if 2 <= len(i) <= 10]
        items = [re.sub(r"^(?:以|为|是|发展|打造)", "", i) for i in items]
        enough = 1 if m.re is _INDUSTRY_LED else 2  # a list's one item may be a stray phrase
        if len(items) >= enough and not _TARGET.search(clause_before(sentence, m.start())):
            out.append(("industry", m.start(), m.end(), Build(("industry", "、".join(items), None, None, None, False))))
    return out


def _projects(sentence: str) -> list[tuple[str, int, int, Build]]:
    reached = stage(sentence)
    return [
        ("project", p.start, p.end, Build(("project", p.value, p.unit, p.name, reached, True),
                                           subject_fallback=p.by_firm, named=not p.by_firm))
        for p in projects(sentence)
    ]


def _counts(sentence: str) -> list[tuple[str, int, int, Build]]:
    """Counts of the zone's firms, and the year it was founded."""
    out = [
        (c.kind, c.start, c.end, Build((c.kind, c.value, c.unit, None, None, True), local=True))
        for c in firm_counts(sentence)
    ]
    return out + [("founded", s, e, _Dated(year, verb, "founded")) for s, e, verb, year in foundings(sentence)]


def _companies(sentence: str) -> list[tuple[str, int, int, Build]]:
    return [
        ("enterprise", start, end, Build(("enterprise", name, None, None, None, False)))
        for start, end, name in firm_names(sentence)
    ]


def period_of(sentence: str, date: str | None) -> str | None:
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
