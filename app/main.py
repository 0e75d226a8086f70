"""The web archive: ``create_app(settings)`` builds the FastAPI application.

Static files, one router per area, the error handlers. ``settings`` (else the environment's)
reach routes through the ``get_app_settings`` dependency, so several apps — tests, a CLI
``serve`` — can point at different archives in one process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from app.config import Settings
from app.db import upgrade
from app.deps import get_app_settings, refuse_nul
from app.errors import install_error_handlers
from app.routes import apidocs, articles, exports, feeds, home, passages, places, search, sources
from app.security import SecurityHeaders
from app.templating import STATIC_DIR

ROUTERS = (
    home.router, search.router, exports.router, articles.router, passages.router, sources.router, places.router, feeds.router,
    apidocs.router,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The archive's web app, reading the archive ``settings`` names (else the environment's)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Bring the schema up to date once at startup, so routes only ever read; a
        # read-only copy of an archive is served as it is.
        resolve = app.dependency_overrides.get(get_app_settings, get_app_settings)
        current = resolve()
        if not current.serve_read_only:
            upgrade(current)
        yield

    app = FastAPI(
        title="山西开发区报道档案 devzone-archive",
        description="A searchable archive of reports on Shanxi's development zones. "
        "Every paragraph has a permanent id: /p/{id}.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # app/routes/apidocs.py serves /docs without a CDN
        redoc_url=None,
        dependencies=[Depends(refuse_nul)],
    )
    if settings is not None:
        app.dependency_overrides[get_app_settings] = lambda: settings
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    return app
