"""Browsing by place: ``/zones``, ``/zones/{slug}``, ``/cities``, ``/cities/{slug}`` and twins.

Each view is written once; :func:`app.routes.twins.page_and_json` serves it as a page and
as ``/api/…`` JSON.
"""

from __future__ import annotations

from fastapi import APIRouter

from app.archive import geo, places
from app.deps import SessionDep
from app.routes.twins import page_and_json

router = APIRouter(tags=["places"])


@page_and_json(router, "/zones", "zones.html", page_extras=lambda session: {"geo": geo.shanxi_map(session)})
def zones(session: SessionDep) -> places.ZonesContext:
    """Every zone (those without reports too), grouped by city, with its article counts."""
    return places.zones(session)


@page_and_json(router, "/zones/{slug}", "zone.html", errors=(404,),
               page_extras=lambda slug, session: {"geo": geo.shanxi_map(session, zone=slug)})
def zone(slug: str, session: SessionDep) -> places.ZoneContext:
    """A zone: facts, articles newest first, mention timeline, related zones; 404 for an unknown slug."""
    return places.zone(session, slug)


@page_and_json(router, "/cities", "cities.html")
def cities(session: SessionDep) -> places.CitiesContext:
    """Every prefecture city with article and zone counts."""
    return places.cities(session)


@page_and_json(router, "/cities/{slug}", "city.html", errors=(404,),
               page_extras=lambda slug, session: {"geo": geo.shanxi_map(session, city=slug)})
def city(slug: str, session: SessionDep) -> places.CityContext:
    """A city with its counties, zones and articles; 404 for an unknown slug."""
    return places.city(session, slug)
