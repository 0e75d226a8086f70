"""The offline map of Shanxi: its cities and counties, and the zones placed in their county.

Drawn from ``app/data/shanxi_map.json`` (boundaries simplified at development time by
``tools/build_map.py``); nothing is fetched at run time. A zone sits at its county's label
point (several zones of one county around it), its dot sized and toned by how many articles
are about it. A city page highlights its city, a zone page its zone.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import models
from app.archive.common import documented

MAP_FILE = Path(__file__).resolve().parent.parent / "data" / "shanxi_map.json"
#: Report counts at which a zone's dot gets the next tone (0: none … 3: many).
TONES = (1, 3, 8)


@dataclass
class MapArea:
    """A city or county drawn on the map."""

    slug: str = documented("City or county slug.")
    name: str = documented("Its name.")
    d: str = documented("SVG path data in the map's units.")
    x: float = documented("Label point, map units.")
    y: float = documented("Label point, map units.")
    focus: bool = documented("True for the city (or the zone's county) the page is about.")


@dataclass
class MapZone:
    """A zone's dot."""

    slug: str = documented("Zone slug; the dot links to /zones/{slug}.")
    name: str = documented("Its name.")
    x: float = documented("Map units.")
    y: float = documented("Map units.")
    r: float = documented("Dot radius, growing with the report count.")
    tone: int = documented("0–3 by report count (the fill shade).")
    articles: int = documented("Articles about the zone.")
    focus: bool = documented("True for the zone the page is about.")


@dataclass
class MapContext:
    """The map as a page draws it."""

    width: float = documented("SVG viewBox width.")
    height: float = documented("SVG viewBox height.")
    cities: list[MapArea] = documented("The 11 prefecture cities (links to their pages).")
    counties: list[MapArea] = documented("The 117 county-level units.")
    zones: list[MapZone] = documented("Zones with reports (and the page's zone), placed in their county.")


@cache
def _map_data(path: Path = MAP_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def shanxi_map(session: Session, *, city: str | None = None, zone: str | None = None) -> MapContext:
    """The map with ``city`` (or ``zone`` and its county) highlighted."""
    data = _map_data()
    focus_zone = session.get(models.Zone, zone) if zone else None
    focus_city = city or (focus_zone.city_slug if focus_zone else None)
    focus_county = focus_zone.county_slug if focus_zone else None
    counts = dict(session.execute(
        select(models.ArticlePlace.slug, func.count()).where(
            models.ArticlePlace.kind == "zone", models.ArticlePlace.role != "mentioned"
        ).group_by(models.ArticlePlace.slug)
    ).all())
    shown = [z for z in session.scalars(select(models.Zone)) if counts.get(z.slug) or z.slug == zone]
    return MapContext(
        width=data["width"], height=data["height"],
        cities=[_area(c, c["slug"] == focus_city) for c in data["cities"]],
        counties=[_area(c, c["slug"] == focus_county) for c in data["counties"]],
        zones=_place(shown, counts, data, zone),
    )


def _area(unit: dict[str, Any], focus: bool) -> MapArea:
    return MapArea(slug=unit["slug"], name=unit["name"], d=unit["d"], x=unit["x"], y=unit["y"], focus=focus)


def _place(zones: list[models.Zone], counts: dict[str, int], data: dict[str, Any], focus: str | None) -> list[MapZone]:
    """Each zone at its county's label point (else its city's), several in one place set
    around it in a small ring; zones placed nowhere are left off."""
    points = {u["slug"]: (u["x"], u["y"]) for u in (*data["cities"], *data["counties"])}
    spots: dict[tuple[float, float], list[models.Zone]] = defaultdict(list)
    for z in sorted(zones, key=lambda z: (-counts.get(z.slug, 0), z.slug)):
        at = points.get(z.county_slug or "") or points.get(z.city_slug or "")
        if at:
            spots[at].append(z)
    out = []
    for (x, y), group in spots.items():
        for i, z in enumerate(group):
            angle = 2 * math.pi * i / len(group)
            spread = 0.0 if len(group) == 1 else 5.0
            n = counts.get(z.slug, 0)
            out.append(MapZone(
                slug=z.slug, name=z.name, x=round(x + spread * math.cos(angle), 1),
                y=round(y + spread * math.sin(angle), 1), r=round(2.2 + 1.3 * math.sqrt(n), 1),
                tone=sum(n >= t for t in TONES), articles=n, focus=z.slug == focus,
            ))
    # Busiest last, so they are drawn on top.
    return sorted(out, key=lambda m: (m.focus, m.articles))
