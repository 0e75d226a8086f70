"""Request dependencies: the settings and a read-only database session.

``create_app(settings)`` (and tests) swap the settings through
``app.dependency_overrides[get_app_settings]``; nothing here is a module global.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.config import Settings, get_settings
from app.db import get_engine
from app.errors import BadParameter, NotFound


def get_app_settings() -> Settings:
    """The process's settings (``DEVZONE_*``); overridden per app by ``create_app``."""
    return get_settings()


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def get_session(settings: SettingsDep) -> Iterator[Session]:
    """A session for one request. Routes only read, so it is rolled back, never committed."""
    with Session(get_engine(settings), autoflush=False) as session:
        try:
            yield session
        finally:
            session.rollback()


SessionDep = Annotated[Session, Depends(get_session)]


def refuse_nul(request: Request) -> None:
    """No text with a NUL character reaches a query: PostgreSQL refuses it in any text value
    (a 500 where the answer is plain). A path with one names no record (404); a query
    parameter with one is a bad parameter (422, named, the value not echoed) — except the
    query text ``q``, which is searched as typed (the analyzer drops control characters and
    never hands it to SQL as a value)."""
    if "\x00" in request.scope.get("path", ""):
        raise NotFound("没有这个页面。")
    bad = sorted({name for name, value in request.query_params.multi_items()
                  if "\x00" in name or ("\x00" in value and name != "q")})
    if bad:
        raise BadParameter(f"参数有误：{'、'.join(bad)}。", parameters=bad)
