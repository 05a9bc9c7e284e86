"""The feedback collector: `POST /v1/feedback` and `GET /v1/feedback/summary`."""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..web.body import BodyProblem, BodyRefused, media_type, read_body
from ..web.limiter import ClientLimiter
from .client_keys import ClientKeys
from .clients import ProxyPolicy
from .event import MAX_BODY_BYTES, InvalidEvent, parse_event
from .report import summarize
from .store import RETRY_AFTER, Store, Unavailable

__all__ = ["CollectorSettings", "create_collector"]

_MEDIA_TYPES = {"text/plain", "application/json"}
#: Clients remembered by the rate limit; beyond that the least recently seen are forgotten.
_MAX_CLIENTS = 100_000


@dataclass(frozen=True)
class CollectorSettings:
    ratings: frozenset[int] = frozenset({0, 1})
    allow_origins: Sequence[str] = ()
    """Sites whose pages may post; a request from any other Origin (``null`` too) is 403."""
    rate_limit: int = 6
    """Events per client per minute; 0 disables (load tests)."""
    admin_token: str | None = None
    proxies: ProxyPolicy = field(default_factory=ProxyPolicy)
    """Proxies whose X-Forwarded-For is believed; by default none."""
    keys: ClientKeys = field(default_factory=ClientKeys)


def _error(status: int, code: str, message: str,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status,
                        headers=headers)


class _Cors(CORSMiddleware):
    """Starlette's CORS, with a refused preflight in the collector's error shape."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        headers = {k: v for k, v in response.headers.items()
                   if k not in ("content-length", "content-type")}
        return _error(response.status_code, "cors_refused", bytes(response.body).decode(),
                      headers)


def create_collector(store: Store, settings: CollectorSettings) -> Starlette:
    limiter = ClientLimiter(settings.rate_limit, 60.0, max_clients=_MAX_CLIENTS)

    def client_of(request: Request) -> str:
        peer = request.client.host if request.client else "unknown"
        address = settings.proxies.client(peer, request.headers.getlist("x-forwarded-for"))
        return settings.keys.key(address)

    async def collect(request: Request) -> Response:
        # A browser sends Origin with every POST; CORS alone does not stop a simple
        # text/plain POST from another site (or a sandboxed one, "null") being stored.
        if any(origin not in settings.allow_origins
               for origin in request.headers.getlist("origin")):
            return _error(403, "origin_not_allowed",
                          "this collector takes votes only from its own site's pages")
        if media_type(request.headers) not in _MEDIA_TYPES:
            return _error(415, "unsupported_media_type",
                          "send the event as text/plain or application/json")
        try:
            body = await read_body(request, MAX_BODY_BYTES)
        except BodyRefused as refused:
            if refused.problem is BodyProblem.INCOMPLETE:
                return _error(400, "incomplete", "the event was not received in full")
            return _error(413, "too_large", f"an event is at most {MAX_BODY_BYTES} bytes")
        try:
            event = parse_event(body, settings.ratings)
        except InvalidEvent as err:
            return _error(400, "invalid_event", str(err))
        client = client_of(request)
        retry_after = limiter.admit(client)
        if retry_after is not None:
            return _error(429, "rate_limited", "too many events from this client",
                          {"Retry-After": str(retry_after)})
        try:
            await store.add(event, client)
        except Unavailable:
            return _error(503, "unavailable", "the event could not be stored now; send it "
                          "again after Retry-After seconds", {"Retry-After": str(RETRY_AFTER)})
        return JSONResponse({"id": event.id}, status_code=202)

    async def summary(request: Request) -> Response:
        token = settings.admin_token
        sent = request.headers.get("authorization", "")
        if not token or not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            return _error(401, "unauthorized", "send the admin token as a Bearer token",
                          {"WWW-Authenticate": 'Bearer realm="feedback"'})
        return JSONResponse(summarize(store.rows()), headers={"Cache-Control": "no-store"})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail), dict(exc.headers or {}))

    async def server_error(request: Request, exc: Exception) -> Response:
        return _error(500, "internal_error", "the event could not be handled; send it again")

    middleware = [Middleware(_Cors, allow_origins=list(settings.allow_origins),
                             allow_methods=["POST"], allow_headers=["content-type"],
                             # The widget reads it to know when to send a vote again.
                             expose_headers=["retry-after"],
                             max_age=86400)]
    return Starlette(routes=[Route("/v1/feedback", collect, methods=["POST"]),
                             Route("/v1/feedback/summary", summary, methods=["GET"])],
                     middleware=middleware,
                     exception_handlers={HTTPException: http_error, Exception: server_error})
