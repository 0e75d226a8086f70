"""Atom feeds: a zone's articles, newest first, for feed readers."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.archive import places
from app.deps import SessionDep, SettingsDep
from app.templating import render

router = APIRouter(tags=["feeds"])

#: Entries per feed; readers only need the recent ones.
FEED_ENTRIES = 50


@router.get("/zones/{slug}/feed.atom", include_in_schema=False)
def zone_feed(request: Request, slug: str, session: SessionDep, settings: SettingsDep) -> Response:
    """The zone's articles as an Atom feed (404 for an unknown zone); links are absolute only
    with ``DEVZONE_BASE_URL`` (never from the request's Host header)."""
    context = places.zone(session, slug)
    base = settings.public_base
    entries = context.articles[:FEED_ENTRIES]
    updated = next((a.date for a in entries if a.date), None) or "1970-01-01"
    response = render(request, "feed.atom", {"ctx": context, "entries": entries, "base": base, "updated": updated})
    response.headers["content-type"] = "application/atom+xml; charset=utf-8"
    return response
