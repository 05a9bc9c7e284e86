"""The sandbox API as a Starlette app: routes, error shape, headers, limits."""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..web.body import BodyLimit, BodyProblem, media_type
from ..web.limiter import ClientLimiter
from . import catalog
from .auth import Authenticator, AuthFailure, Principal
from .catalog import ApiError
from .cors import with_cors
from .demo import HEALTH_PATH, credentials_endpoint, health
from .jobs import JobStore, parse_submission
from .keys import KeyStore
from .own_openapi import OPENAPI
from .paging import page
from .plans import PLAN_SCOPES, READ_ACCOUNT, READ_JOBS, WRITE_JOBS
from .ratelimit import RequestLimit
from .sessions import SESSION_LIFETIME, SessionSigner
from .tenants import TenantBudgetSpent, Tenants
from .visitors import visitor_key

__all__ = ["FIXED_START", "Sandbox", "SandboxSettings", "create_sandbox"]

#: The default clock stands still here, so ids and timestamps repeat from run to run.
FIXED_START = datetime(2026, 1, 1, tzinfo=UTC)
_REALM = 'Bearer realm="trustleads"'


def _fixed_clock() -> datetime:
    return FIXED_START


@dataclass(frozen=True)
class SandboxSettings:
    clock: Callable[[], datetime] = _fixed_clock
    """Time as the API sees it: session expiry and job timestamps."""
    max_body_bytes: int = 64 * 1024
    failed_auth_limit: int = 30
    """Failed authentications one client may make per window; 0 disables throttling."""
    failed_auth_window: float = 60.0
    allow_origins: Sequence[str] = ()
    """Origins of guides pages whose "Try it" may call the sandbox (CORS)."""
    rate_limit: int = 0
    """Requests one client may make per minute; 0 disables (the snippet check runs many)."""
    tenant_budget: int = 0
    """Named tenants (``X-Sandbox-Tenant``) one visitor may open per hour; 0: no budget (a
    check reaching this sandbox from one address opens one per snippet run)."""


@dataclass(frozen=True)
class Sandbox:
    """The app and the credentials it issued at start (shown once; only digests are kept)."""

    app: ASGIApp
    keys: dict[str, str]
    session_token: str
    expired_session_token: str


def create_sandbox(settings: SandboxSettings | None = None,
                   urls: Mapping[str, str] | None = None) -> Sandbox:
    """The sandbox's app; `urls` (``base_url``, ``http_url``: where it is served) are
    published with its demo credentials."""
    settings = settings or SandboxSettings()
    store = KeyStore()
    keys = {plan: store.issue(plan) for plan in PLAN_SCOPES}
    keys["revoked"] = store.issue("pro", revoked=True)
    signer = SessionSigner(settings.clock, set(PLAN_SCOPES))
    throttle = ClientLimiter(settings.failed_auth_limit, settings.failed_auth_window)
    tenants = Tenants(settings.clock, budget=settings.tenant_budget)
    api = _Api(Authenticator(store, signer), throttle, tenants, signer)
    app = Starlette(
        routes=[
            Route("/v1/jobs", api.jobs, methods=["GET", "POST"]),
            Route("/v1/jobs/{job_id}", api.job, methods=["GET"]),
            Route("/v1/me", api.me, methods=["GET"]),
            Route("/v1/openapi.json", _openapi, methods=["GET"]),
            Route("/sandbox/sessions", api.mint_session, methods=["POST"]),
            Route("/sandbox/credentials",
                  credentials_endpoint(keys, signer, urls or {}, api.a_job), methods=["GET"]),
            Route(HEALTH_PATH, health, methods=["GET"]),
        ],
        exception_handlers={HTTPException: _http_error},
    )
    limited = RequestLimit(BodyLimit(app, settings.max_body_bytes, _body_refused),
                           settings.rate_limit, exempt=frozenset({HEALTH_PATH}))
    return Sandbox(_SecurityHeaders(with_cors(limited, settings.allow_origins)), keys,
                   signer.mint("pro"), signer.mint_expired("pro"))


def error_response(error: ApiError, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=headers)


def _body_refused(problem: BodyProblem) -> Response:
    if problem is BodyProblem.TOO_LARGE:
        return error_response(catalog.PAYLOAD_TOO_LARGE)
    return error_response(catalog.INVALID_REQUEST)


_Guarded = Callable[["_Api", Request, Principal], Awaitable[Response]]
_Endpoint = Callable[["_Api", Request], Awaitable[Response]]


def _requires(scope: str) -> Callable[[_Guarded], _Endpoint]:
    """An endpoint that runs only for a caller authenticated with `scope`; any other
    request gets the error `_Api.authenticate` explains it with."""

    def guard(handler: _Guarded) -> _Endpoint:
        @functools.wraps(handler)
        async def endpoint(api: _Api, request: Request) -> Response:
            caller = api.authenticate(request, scope)
            if isinstance(caller, Response):
                return caller
            return await handler(api, request, caller)

        return endpoint

    return guard


class _Api:
    def __init__(self, auth: Authenticator, throttle: ClientLimiter, jobs: Tenants,
                 signer: SessionSigner) -> None:
        self._auth = auth
        self._throttle = throttle
        self._jobs = jobs
        self._signer = signer

    async def jobs(self, request: Request) -> Response:
        if request.method == "POST":
            return await self._submit(request)
        return await self._list(request)

    @_requires(READ_JOBS)
    async def _list(self, request: Request, caller: Principal) -> Response:
        jobs = self._tenant(request)
        if isinstance(jobs, Response):
            return jobs
        listed = page(jobs.all(), request.query_params)
        return JSONResponse(listed) if listed else error_response(catalog.INVALID_REQUEST)

    @_requires(WRITE_JOBS)
    async def _submit(self, request: Request, caller: Principal) -> Response:
        body = await _json_body(request)
        if isinstance(body, Response):
            return body
        submission = parse_submission(body)
        if submission is None:
            return error_response(catalog.INVALID_REQUEST)
        jobs = self._tenant(request)
        if isinstance(jobs, Response):
            return jobs
        job = jobs.create(*submission)
        return JSONResponse(job, status_code=201, headers=_created_at(job["id"]))

    @_requires(READ_JOBS)
    async def job(self, request: Request, caller: Principal) -> Response:
        jobs = self._tenant(request)
        if isinstance(jobs, Response):
            return jobs
        found = jobs.get(request.path_params["job_id"])
        return JSONResponse(found) if found else error_response(catalog.NOT_FOUND)

    @_requires(READ_ACCOUNT)
    async def me(self, request: Request, caller: Principal) -> Response:
        return JSONResponse({"plan": caller.plan, "scopes": list(caller.scopes),
                             "credential": caller.credential})

    async def mint_session(self, request: Request) -> Response:
        """Sandbox only: what the dashboard gets when a user signs in."""
        body = await _json_body(request)
        if isinstance(body, Response):
            return body
        plan = body.get("plan") if isinstance(body, dict) else None
        if not isinstance(plan, str) or plan not in PLAN_SCOPES:
            return error_response(catalog.INVALID_REQUEST)
        session = self._signer.mint(plan)
        return JSONResponse({"session_token": session, "plan": plan,
                             "expires_in": int(SESSION_LIFETIME.total_seconds())},
                            status_code=201, headers={"Cache-Control": "no-store"})

    def a_job(self, request: Request) -> str | Response:
        """The id of the caller's first job (a seeded one, never dropped), for readers'
        examples that read a job; or why not."""
        jobs = self._tenant(request)
        return jobs if isinstance(jobs, Response) else str(jobs.all()[0]["id"])

    def _tenant(self, request: Request) -> JobStore | Response:
        """The caller's jobs, or 429 once it has opened its budget of named tenants."""
        try:
            return self._jobs.of(request)
        except TenantBudgetSpent as spent:
            return error_response(catalog.TOO_MANY_TENANTS,
                                  {"Retry-After": str(spent.retry_after)})

    def authenticate(self, request: Request, scope: str) -> Principal | Response:
        """The caller, or why not: throttled (429) before a credential is looked at, then
        a failed credential (401, counted against the visitor), then a missing scope (403)."""
        client = visitor_key(request.client.host if request.client else "unknown")
        retry_after = self._throttle.retry_after(client)
        if retry_after is not None:
            return error_response(catalog.TOO_MANY_FAILED_ATTEMPTS,
                                  {"Retry-After": str(retry_after)})
        try:
            caller = self._auth.authenticate(request.headers.getlist("authorization"),
                                             request.headers.getlist("x-api-key"))
        except AuthFailure as failure:
            self._throttle.record(client)
            challenge = _REALM + (', error="invalid_token"' if failure.credentials_sent else "")
            return error_response(failure.error, {"WWW-Authenticate": challenge})
        if scope not in caller.scopes:
            return error_response(catalog.INSUFFICIENT_PLAN, {
                "WWW-Authenticate": f'{_REALM}, error="insufficient_scope", scope="{scope}"'})
        return caller


def _created_at(job_id: str) -> dict[str, str]:
    """201's ``Location``: where the new job is read back, relative to the host."""
    return {"Location": f"/v1/jobs/{job_id}"}


async def _json_body(request: Request) -> Any:
    """The parsed JSON body, or the error response that explains why there is none."""
    if media_type(request.headers) != "application/json":
        return error_response(catalog.UNSUPPORTED_MEDIA_TYPE)
    try:
        # BodyLimit has read the whole body already: this cannot meet a disconnect.
        return json.loads(await request.body())
    except (ValueError, RecursionError):
        return error_response(catalog.INVALID_REQUEST)


async def _openapi(request: Request) -> Response:
    return JSONResponse(OPENAPI)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        # Starlette lists the allowed methods from a set; the API names them in one order.
        allowed = sorted(m.strip() for m in (exc.headers or {}).get("Allow", "").split(","))
        return error_response(catalog.METHOD_NOT_ALLOWED, {"Allow": ", ".join(allowed)})
    return error_response(catalog.NOT_FOUND)


class _SecurityHeaders:
    """No API answer is cached; HTTPS answers tell browsers to stay on HTTPS."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"cache-control"]
                headers.append((b"cache-control", b"no-store"))
                if scope.get("scheme") == "https":
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
