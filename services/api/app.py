"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from services.api.auth import RateLimiter
from services.api.errors import install_error_handlers
from services.api.language import request_language
from services.api.routes import (
    bulletin_downloads,
    bulletins,
    codelists,
    exchange,
    health,
    observations,
    offers,
    pooled,
    schemas,
    shortages,
    submissions,
)
from services.api.site.routes import install_site
from services.harmonizer.store.db import make_engine
from services.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = make_engine(settings.effective_database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="crossbmo",
        summary="Cross-border hiring needs (BMO) of France Travail, Le Forem and VDAB",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.rate_limiter = RateLimiter()
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(observations.router)
    app.include_router(submissions.router)
    app.include_router(codelists.router)
    app.include_router(schemas.router)
    app.include_router(shortages.router)
    app.include_router(exchange.router)
    app.include_router(pooled.router)
    app.include_router(bulletins.router)
    app.include_router(bulletin_downloads.router)
    app.include_router(offers.router)
    install_site(app)  # the web pages (offer search and offers among them) and /static

    @app.middleware("http")
    async def content_language(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Language", request_language(request))
        # Answers differ by key (drafts, partner sources): a shared cache must key on it, and
        # must never keep what a key saw (a draft served to the public is an embargo breach).
        response.headers.setdefault("Vary", "Accept-Language, Cookie, X-API-Key")
        if request.headers.get("X-API-Key"):
            response.headers["Cache-Control"] = "private, no-store"
        return response

    return app
