"""Browsing by place: ``/zones``, ``/zones/{slug}``, ``/cities``, ``/cities/{slug}`` and twins."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.archive import geo, places
from app.archive.common import as_json
from app.deps import SessionDep
from app.templating import page

router = APIRouter(tags=["places"])


@router.get("/zones", response_class=HTMLResponse, include_in_schema=False)
def zones_page(request: Request, session: SessionDep) -> Response:
    """Every zone, grouped by city, with counts (discovered zones marked)."""
    return page(request, "zones.html", places.zones(session), geo=geo.shanxi_map(session))


@router.get("/api/zones")
def zones_json(session: SessionDep) -> dict[str, Any]:
    """Every zone (those without reports too), grouped by city, with its article counts."""
    return as_json(places.zones(session))


@router.get("/zones/{slug}", response_class=HTMLResponse, include_in_schema=False)
def zone_page(request: Request, slug: str, session: SessionDep) -> Response:
    """A zone: facts, articles newest first, mention timeline, related zones."""
    return page(request, "zone.html", places.zone(session, slug), geo=geo.shanxi_map(session, zone=slug))


@router.get("/api/zones/{slug}")
def zone_json(slug: str, session: SessionDep) -> dict[str, Any]:
    """A zone and its articles; 404 for an unknown slug."""
    return as_json(places.zone(session, slug))


@router.get("/cities", response_class=HTMLResponse, include_in_schema=False)
def cities_page(request: Request, session: SessionDep) -> Response:
    """The eleven prefecture cities with their counts."""
    return page(request, "cities.html", places.cities(session))


@router.get("/api/cities")
def cities_json(session: SessionDep) -> dict[str, Any]:
    """Every prefecture city with article and zone counts."""
    return as_json(places.cities(session))


@router.get("/cities/{slug}", response_class=HTMLResponse, include_in_schema=False)
def city_page(request: Request, slug: str, session: SessionDep) -> Response:
    """A city: its counties, its zones, the articles about it."""
    return page(request, "city.html", places.city(session, slug), geo=geo.shanxi_map(session, city=slug))


@router.get("/api/cities/{slug}")
def city_json(slug: str, session: SessionDep) -> dict[str, Any]:
    """A city with its counties, zones and articles; 404 for an unknown slug."""
    return as_json(places.city(session, slug))
