"""Projects a sentence states (for :mod:`ingest.facts`): name, investment and stage reached.

``projects(sentence)`` finds each project with its investment: 总投资8亿元的X项目, X项目总投资8亿元,
and one stated by its investor (益生股份计划总投资约5亿元); ``stage(sentence)`` the furthest stage
the sentence says is reached (签约 / 开工 / 投产, never one to come). ``named_project(sentence)``
is the one project a sentence names, with or without a figure, and ``follow_up(sentence)`` the
investment a sentence states with no subject of its own (该项目总投资2亿元, 基础投资10亿元), which
:mod:`ingest.facts` gives to the one project the sentence before named. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.facts_firms import FIRM_LEAD

_NUMBER = r"(\d+(?:\.\d+)?)"
MULTIPLIER = {"亿": "亿元", "万": "万元", "万亿": "万亿元"}
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
GROUP_OF_PROJECTS = re.compile(
    r"\d+个项目|^共有|^(?:[\d一二三四五六七八九十两]+[个大项批]|该|各|这些|重点|一批)|^.期项目$|等项目$|[个项]重点项目"
)
#: Any phrase ending in 项目, from its clause's start: the candidates for a project's name.
_NAMED = re.compile(r"[^，,。；;、“”]{2,60}?项目")
#: Words before a project's name that are not part of it: a verb, a date, a 的-phrase.
_NAME_LEAD = re.compile(r"^(?:.*的|.*?(?:开工建设|开工|建设|实施|推进|引进|签约|落地|启动|举行|在|是|为|将|由|对))")
#: A project that is a kind, not one project: 重点项目, 省级重点项目, 产业项目.
_GENERIC = re.compile(r"^(?:[省市县区]级)?(?:重点|产业|工业|招商|建设|在建|新建|续建|签约|开工|投产)*项目$")
#: A sentence's figure with no subject of its own: the project just named is meant.
_FOLLOW_UP = re.compile(
    r"^(?:该项目|项目)?(?:计划|预计)?(?P<which>总|基础|固定资产)?投资(?:约|近|超|达)?" + _NUMBER + r"(?P<mult>亿|万)元"
)


@dataclass(frozen=True)
class Project:
    """A project phrase of a sentence: where it is, what it names and invests."""

    start: int
    end: int
    name: str
    value: str
    unit: str
    #: Stated by its investor (益生股份计划总投资…), not by the project's own name.
    by_firm: bool = False


def projects(sentence: str) -> list[Project]:
    """Every one project the sentence gives an investment for (not a batch of them)."""
    out = []
    for m in (*_PROJECT_BEFORE.finditer(sentence), *_PROJECT_AFTER.finditer(sentence)):
        name = FIRM_LEAD.sub("", m.group("name")).strip()
        if len(name) >= 4 and not GROUP_OF_PROJECTS.search(name):
            value = m.group(1) if m.re is _PROJECT_BEFORE else m.group(2)
            out.append(Project(m.start(), m.end(), name, value, MULTIPLIER[m.group("mult")]))
    for m in _PROJECT_BY_FIRM.finditer(sentence):
        name = FIRM_LEAD.sub("", m.group("name"))
        if len(name) >= 2 and not _NOT_A_FIRM.search(name) and not GROUP_OF_PROJECTS.search(name):
            out.append(Project(m.start(), m.end(), name, m.group(2), MULTIPLIER[m.group("mult")], by_firm=True))
    return out


def stage(sentence: str) -> str | None:
    """The furthest stage the sentence says the project has reached (not one to come)."""
    for reached, pattern in _STAGES:
        for m in re.finditer(pattern, sentence):
            if not _NOT_YET.search(sentence[: m.start()]) and sentence[m.end() : m.end() + 1] != "后":
                return reached
    return None


def named_project(sentence: str) -> tuple[int, int, str] | None:
    """``(start, end, name)`` of the one project the sentence names; ``None`` when it names
    none, several, or a batch (10个项目, 一批项目, …等项目)."""
    names = []
    for m in _NAMED.finditer(sentence):
        text = m.group()
        if GROUP_OF_PROJECTS.search(text) and not _GENERIC.match(text):
            return None  # a batch: 该 … 项目 may mean any of them
        lead = _NAME_LEAD.match(text)
        name = text[lead.end() :] if lead else text
        name = FIRM_LEAD.sub("", name)
        if _GENERIC.match(name) or re.search(r"\d", name):
            continue
        if len(name) >= 6 and not GROUP_OF_PROJECTS.search(name):
            names.append((m.end() - len(name), m.end(), name))
    return names[0] if len({n for *_, n in names}) == 1 else None


def follow_up(sentence: str) -> tuple[int, int, str, str] | None:
    """``(start, end, value, unit)`` of an investment the sentence states with no subject of its
    own (该项目总投资2亿元, 基础投资10亿元 at the sentence's start), else ``None``."""
    m = _FOLLOW_UP.match(sentence)
    if not m or (not m.group("which") and not sentence.startswith(("该项目", "项目"))):
        return None  # a bare 投资5亿元 may be anyone's spending
    return m.start(), m.end(), m.group(2), MULTIPLIER[m.group("mult")]
