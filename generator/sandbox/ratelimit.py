"""Requests per visitor per minute: a public sandbox shared by every reader of the guides."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..web.limiter import ClientLimiter
from . import catalog
from .visitors import visitor_key

__all__ = ["RequestLimit"]


class RequestLimit:
    """429 with ``Retry-After`` once a visitor has sent `per_minute` requests in the last
    minute; 0 disables. Every request counts, whatever its answer. A visitor is counted as
    its tenants and connections are: an IPv6 address by its /64, which one host is given,
    so that a host cannot multiply its share by changing addresses."""

    def __init__(self, app: ASGIApp, per_minute: int, exempt: frozenset[str]) -> None:
        self.app = app
        self.exempt = exempt
        self._limiter = ClientLimiter(per_minute, 60.0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "unknown"
        retry_after = self._limiter.admit(visitor_key(client))
        if retry_after is not None:
            error = catalog.RATE_LIMITED
            refusal = JSONResponse(error.body(), status_code=error.status,
                                   headers={"Retry-After": str(retry_after)})
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

