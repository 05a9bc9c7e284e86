"""CORS for the guides' "Try it" control: pages on the allowed origins call the sandbox."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp

__all__ = ["EXPOSED_HEADERS", "with_cors"]

#: Every header the sandbox answers with beyond the CORS-safelisted ones: the page shows
#: a live answer's headers, and a browser hides those not listed here from its script.
EXPOSED_HEADERS = ("Allow", "Location", "Retry-After", "Strict-Transport-Security",
                   "WWW-Authenticate")


def with_cors(app: ASGIApp, origins: Sequence[str]) -> ASGIApp:
    """`app` answering CORS (preflights included) for `origins`; unchanged without any."""
    if not origins:
        return app
    # No credentials mode: the page sends keys in headers, never cookies.
    return CORSMiddleware(
        app, allow_origins=list(origins),
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "X-API-Key", "Content-Type", "X-Sandbox-Tenant"],
        expose_headers=list(EXPOSED_HEADERS), max_age=600)
