"""Counts of a zone's firms and the year it was founded, as a sentence states them (for
:mod:`ingest.facts`).

``firm_counts(sentence)`` finds 入驻企业120家, 共有各类企业372家, 落户企业80户 (kind ``firms``) and
规上企业30家 (``firms_above_scale``) — never a target (力争入驻企业100家), a forecast, an
increment (新增, 新入驻 …) nor a count inside a park of the zone (…产业园入驻企业). ``foundings``
finds 成立于1992年 / 设立于… (kind ``founded``); :mod:`ingest.facts` keeps one only when the
zone's name is right before it, the zone being the sentence's subject. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNT = r"(?P<num>\d+)(?P<about>余|多)?(?P<unit>家|户)"
_VERB = r"(?:达到|达|突破|超过|增至|总数达|总数为|为|共|已达)?"
_ABOVE_SCALE = re.compile(r"(?:规上|规模以上)(?:工业)?企业(?:数量|数)?" + _VERB + _COUNT)
_SETTLED = re.compile(
    r"(?:入驻|落户|入园|共有|现有|拥有|聚集|集聚)(?:各类|工业|[\u4e00-\u9fff]{2}类)?企业(?:数量|数)?" + _VERB + _COUNT
)
#: The count first: 入驻120家企业.
_SETTLED_FIRST = re.compile(r"(?:入驻|落户|入园|聚集|集聚)(?:各类)?" + _COUNT + r"(?:各类|工业)?企业")
#: Not a count of what the zone has: a target, a forecast, an increment, a part of it.
_NOT_A_STOCK = re.compile(
    r"目标|预计|计划|力争|争取|有望|将|确保|规划|预期|拟|届时|新增|新入驻|新落户|新引进|新培育|净增|升规|园"
)
_CLAUSE = re.compile(r"[，,；;：:]")
_FOUNDING = re.compile(r"(?:始建|创建|组建|成立|设立)于(?P<year>(?:19|20)\d\d)年")


@dataclass(frozen=True)
class Count:
    """A count of the zone's firms a sentence states."""

    kind: str
    start: int
    end: int
    value: str
    unit: str


def firm_counts(sentence: str) -> list[Count]:
    """Every count of firms the sentence states as reached (see the module contract)."""
    out = []
    for kind, pattern in (("firms_above_scale", _ABOVE_SCALE), ("firms", _SETTLED), ("firms", _SETTLED_FIRST)):
        for m in pattern.finditer(sentence):
            starts = [c.end() for c in _CLAUSE.finditer(sentence, 0, m.start())]
            clause = sentence[starts[-1] if starts else 0 : m.end()]
            if _NOT_A_STOCK.search(clause.replace("入园", "")):
                continue
            value = m.group("num") + (m.group("about") or "")
            out.append(Count(kind, m.start(), m.end(), value, m.group("unit")))
    return out


def foundings(sentence: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, verb, year)`` of each 成立于1992年 (verb 成立, year 1992年)."""
    return [(m.start(), m.end(), m.group()[:2], m.group("year") + "年") for m in _FOUNDING.finditer(sentence)]
