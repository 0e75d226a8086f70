"""Zone dossiers: what the archived reports state about a zone, each statement citing its passage.

Reads the ``zone_facts`` table the ingest fills (CONTRACT.md's ``facts``). A dossier shows,
for each kind of fact, the latest value with its date and passage link, and beside it the
earlier values (an enlarged area is a change, dated) and the conflicting ones (another value
for the same period). A city's table lists its zones' key facts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import models
from app.archive.common import PlaceRef, documented

#: Kinds of fact in the order a dossier shows them, with their labels.
KIND_LABELS = {
    "founded": "成立时间",
    "approval": "批准设立",
    "level": "级别",
    "area": "面积",
    "industry": "主导产业",
    "output": "产值",
    "output_growth": "产值增速",
    "revenue": "营业收入",
    "revenue_growth": "营业收入增速",
    "tax": "税收",
    "tax_growth": "税收增速",
    "value_added": "工业增加值",
    "value_added_growth": "工业增加值增速",
    "investment": "投资完成额",
    "investment_growth": "投资增速",
    "firms": "企业数",
    "firms_above_scale": "规上企业数",
    "project": "项目",
    "enterprise": "企业",
}
#: The columns of a city's table of zones.
KEY_KINDS = ("approval", "area", "industry", "output", "revenue")


@dataclass
class FactRecord:
    """One fact as the export names it."""

    kind: str = documented("founded | approval | level | area | industry | project | enterprise | firms | "
                           "firms_above_scale (counts of firms in the zone, of them 规上) | output | revenue | tax | "
                           "value_added | investment, or one of the last five + '_growth' (a rate in %).")
    value: str = documented("The value as stated: a number (a count may read 50余), a body (approval; 获批 when none "
                            "is named), the verb (founded: 成立, 设立 …), 国家级/省级, a list, a name.")
    unit: str | None = documented("亿元, 万元, 平方公里, 亩, 家, 户, %; None for values without one.")
    period: str | None = documented("The period the value refers to (2023年, 2024年一季度; approval, founded: "
                                    "its year).")
    name: str | None = documented("A project's name; None otherwise.")
    stage: str | None = documented("A project's stage reached: 签约, 开工 or 投产; None otherwise or unknown.")
    passage_id: str = documented("The passage stating it: /p/{passage_id}.")
    article_id: str = documented("Its article: /a/{article_id}.")
    date: str | None = documented("Date of the report (YYYY-MM-DD), None when unknown.")


@dataclass
class DossierLine:
    """One kind of fact (one project) in a dossier: the latest value and the others."""

    kind: str = documented("The fact's kind.")
    label: str = documented("The kind in Chinese (for a project: its name).")
    latest: FactRecord = documented("The value of the latest period (then the latest report).")
    earlier: list[FactRecord] = documented("Other values reported, latest first (an earlier area: a change).")
    conflicting: list[FactRecord] = documented("Values for the same period that differ from the latest one.")


@dataclass
class ZoneKeyFacts:
    """A row of a city's table of zones."""

    zone: PlaceRef = documented("The zone.")
    facts: dict[str, FactRecord] = documented("Kind → latest fact, for the kinds " + ", ".join(KEY_KINDS) + ".")


def zone_facts(session: Session, slug: str) -> list[FactRecord]:
    """Every fact stored for the zone, newest report first, in reading order within one."""
    rows = session.scalars(
        select(models.ZoneFact).where(models.ZoneFact.zone_slug == slug)
        .order_by(models.ZoneFact.date.desc(), models.ZoneFact.article_id, models.ZoneFact.ordinal)
    )
    return [_record(row) for row in rows]


def _record(row: models.ZoneFact) -> FactRecord:
    return FactRecord(
        kind=row.kind, value=row.value, unit=row.unit, period=row.period, name=row.name, stage=row.stage,
        passage_id=row.passage_id, article_id=row.article_id, date=row.date,
    )


def dossier(facts: list[FactRecord]) -> list[DossierLine]:
    """One line per kind (per project), in :data:`KIND_LABELS` order; enterprises one per firm."""
    groups: dict[tuple[str, str], list[FactRecord]] = defaultdict(list)
    for fact in facts:
        key = fact.name or "" if fact.kind == "project" else fact.value if fact.kind == "enterprise" else ""
        groups[(fact.kind, key)].append(fact)
    order = list(KIND_LABELS)
    lines = [_line(kind, key, group) for (kind, key), group in groups.items()]
    return sorted(lines, key=lambda line: (order.index(line.kind) if line.kind in order else len(order), line.label))


def _line(kind: str, key: str, group: list[FactRecord]) -> DossierLine:
    ranked = sorted(group, key=_recency, reverse=True)
    latest = ranked[0]
    others = [f for f in ranked[1:] if (f.value, f.unit, f.period) != (latest.value, latest.unit, latest.period)]
    others = list({(f.value, f.unit, f.period, f.stage): f for f in others}.values())
    same_period = [f for f in others if f.period == latest.period and kind not in ("project", "enterprise")]
    return DossierLine(
        kind=kind, label=key if kind == "project" else KIND_LABELS.get(kind, kind), latest=latest,
        earlier=[f for f in others if f not in same_period], conflicting=same_period,
    )


def _recency(fact: FactRecord) -> tuple[str, str, str]:
    """Latest period first (a quarter after its year's start), then latest report."""
    year = re.match(r"\d{4}", fact.period or "") or re.match(r"\d{4}", fact.date or "")
    return (year.group() if year else "", fact.period or "", fact.date or "")


def city_table(session: Session, zones: list[PlaceRef]) -> list[ZoneKeyFacts]:
    """The key facts of each of ``zones`` that has any, in the given order."""
    rows = session.scalars(
        select(models.ZoneFact).where(
            models.ZoneFact.zone_slug.in_([z.slug for z in zones]), models.ZoneFact.kind.in_(KEY_KINDS)
        )
    )
    by_zone: dict[str, list[FactRecord]] = defaultdict(list)
    for row in rows:
        by_zone[row.zone_slug].append(_record(row))
    out = []
    for zone in zones:
        if by_zone.get(zone.slug):
            lines = dossier(by_zone[zone.slug])
            out.append(ZoneKeyFacts(zone=zone, facts={line.kind: line.latest for line in lines}))
    return out
