"""The trial API's behaviour, independent of any server: a request in, a reply out.

Routes are a table of path patterns and methods, so an endpoint the pages add is one entry.
Order of judgement, as the Error Catalog's "When several errors apply" gives it: the body's
size, the route and method, the lock-out, the credentials, the plan, the media type, the body
itself, then whether the job named in the path exists.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import Message
from enum import Enum

from .accounts import Account, Accounts, Caller
from .catalog import CATALOG
from .paging import DEFAULT_LIMIT, InvalidPage, page_of
from .throttle import FailedAttempts

MAX_BODY = 64 * 1024
MAX_LEADS = 1000
#: A field no page lists, in every object: clients must ignore it.
EXTRA_FIELD = ("region", "eu-central")


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    """The query string's parameters, the last one winning when a name repeats."""
    headers: dict[str, str]
    """Lower-cased names."""
    body: bytes
    client: str


@dataclass
class Reply:
    status: int
    body: object = None
    headers: dict[str, str] = field(default_factory=dict)


class ApiError(Exception):
    def __init__(self, code: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.headers = headers or {}


Handler = Callable[[Request, Caller, dict[str, str]], Reply]


class Broken(Enum):
    """A promise of the pages this API can be told to break, one at a time."""

    NO_HSTS = "no Strict-Transport-Security on HTTPS answers"
    ALLOW_WITHOUT_HEAD = "Allow lists no HEAD, though HEAD is answered"
    CONFLICT_AS_INVALID_REQUEST = 'CONFLICTING_CREDENTIALS challenged with "invalid_request"'
    NEWEST_FIRST = "lists newest first"
    TWENTY_A_PAGE = "lists 20 a page when no limit is sent"
    CREDENTIALS_BEFORE_ROUTE = "credentials judged before the path and the method"


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern[str]
    methods: dict[str, tuple[str, Handler]]
    """Method -> (the scope it needs, its handler)."""


class TrialApi:
    def __init__(self, accounts: Accounts, throttle: FailedAttempts,
                 messages: dict[str, str] | None = None, broken: Broken | None = None
                 ) -> None:
        self.accounts = accounts
        self.broken = broken
        self.throttle = throttle
        self._messages = messages or {}
        self.queries: list[dict[str, str]] = []
        """The query of every request served, so a test can see how clients paged."""
        self.routes = [
            Route(re.compile(r"/v1/jobs"), {"GET": ("jobs:read", self.list_jobs),
                                            "HEAD": ("jobs:read", self.list_jobs),
                                            "POST": ("jobs:write", self.create_job)}),
            Route(re.compile(r"/v1/jobs/(?P<job_id>[^/]+)"), {
                "GET": ("jobs:read", self.read_job), "HEAD": ("jobs:read", self.read_job)}),
            Route(re.compile(r"/v1/me"), {"GET": ("account:read", self.me),
                                          "HEAD": ("account:read", self.me)}),
        ]

    def handle(self, request: Request) -> Reply:
        self.queries.append(request.query)
        try:
            return self._judge(request)
        except ApiError as error:
            return self.error_reply(error)

    def error_reply(self, error: ApiError) -> Reply:
        entry = CATALOG[error.code]
        body = {"error": error.code, "message": self._messages.get(error.code, entry.message),
                "docs": entry.docs, "request_id": "req_" + secrets.token_hex(8)}
        return Reply(entry.status, body, error.headers)

    def _judge(self, request: Request) -> Reply:
        if len(request.body) > MAX_BODY:
            raise ApiError("PAYLOAD_TOO_LARGE")
        late = self.broken is Broken.CREDENTIALS_BEFORE_ROUTE
        if not late:
            route, params = self._route(request)
        wait = self.throttle.retry_after(request.client)
        if wait is not None:
            raise ApiError("TOO_MANY_FAILED_ATTEMPTS", {"Retry-After": str(wait)})
        try:
            caller = self._authenticate(request.headers)
        except ApiError as error:
            self.throttle.failed(request.client)
            realm = 'Bearer realm="trustleads"'
            if error.code == "CONFLICTING_CREDENTIALS" \
                    and self.broken is Broken.CONFLICT_AS_INVALID_REQUEST:
                realm += ', error="invalid_request"'
            elif error.code != "MISSING_TOKEN":
                realm += ', error="invalid_token"'
            raise ApiError(error.code, {"WWW-Authenticate": realm}) from error
        if late:
            route, params = self._route(request)
        scope, handler = route.methods[request.method]
        if scope not in caller.account.scopes:
            raise ApiError("INSUFFICIENT_PLAN", {"WWW-Authenticate": (
                f'Bearer realm="trustleads", error="insufficient_scope", scope="{scope}"')})
        self._check_media_type(request)
        return handler(request, caller, params)

    def _route(self, request: Request) -> tuple[Route, dict[str, str]]:
        for route in self.routes:
            match = route.pattern.fullmatch(request.path)
            if match is None:
                continue
            if request.method not in route.methods:
                allowed = [method for method in route.methods
                           if method != "HEAD" or self.broken is not Broken.ALLOW_WITHOUT_HEAD]
                raise ApiError("METHOD_NOT_ALLOWED", {"Allow": ", ".join(allowed)})
            return route, match.groupdict()
        raise ApiError("NOT_FOUND")

    def _authenticate(self, headers: dict[str, str]) -> Caller:
        authorization, api_key = headers.get("authorization"), headers.get("x-api-key")
        if authorization is None and api_key is None:
            raise ApiError("MISSING_TOKEN")
        bearer = None
        if authorization is not None:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise ApiError("INVALID_TOKEN")
            bearer = token.strip()
        if bearer is not None and api_key is not None and bearer != api_key:
            raise ApiError("CONFLICTING_CREDENTIALS")
        credential = bearer if bearer is not None else api_key or ""
        if credential.startswith("lfk_"):
            found, kind = self.accounts.key_status(credential), "api_key"
        elif bearer is not None:
            found, kind = self.accounts.session_status(credential), "session_token"
        else:
            found, kind = "INVALID_TOKEN", ""
        if isinstance(found, str):
            raise ApiError(found)
        return Caller(found, kind)

    @staticmethod
    def _check_media_type(request: Request) -> None:
        if not request.body:
            return
        media = Message()
        media["content-type"] = request.headers.get("content-type", "")
        if media.get_content_type() != "application/json":
            raise ApiError("UNSUPPORTED_MEDIA_TYPE")

    def list_jobs(self, request: Request, caller: Caller, _: dict[str, str]) -> Reply:
        try:
            listed = caller.account.jobs
            jobs, has_more = page_of(
                listed[::-1] if self.broken is Broken.NEWEST_FIRST else listed, request.query,
                default_limit=20 if self.broken is Broken.TWENTY_A_PAGE else DEFAULT_LIMIT)
        except InvalidPage as error:
            raise ApiError("INVALID_REQUEST") from error
        return Reply(200, {"data": jobs, "has_more": has_more, EXTRA_FIELD[0]: EXTRA_FIELD[1]})

    def read_job(self, request: Request, caller: Caller, params: dict[str, str]) -> Reply:
        for job in caller.account.jobs:
            if job["id"] == params["job_id"]:
                return Reply(200, job)
        raise ApiError("NOT_FOUND")

    def create_job(self, request: Request, caller: Caller, _: dict[str, str]) -> Reply:
        try:
            submitted = json.loads(request.body)
        except ValueError as error:
            raise ApiError("INVALID_REQUEST") from error
        leads = submitted.get("leads") if isinstance(submitted, dict) else None
        name = submitted.get("name", "Untitled job") if isinstance(submitted, dict) else None
        if not isinstance(leads, list) or not 1 <= len(leads) <= MAX_LEADS or not all(
                isinstance(lead, dict) and isinstance(lead.get("email"), str)
                for lead in leads) or not isinstance(name, str):
            raise ApiError("INVALID_REQUEST")
        job = new_job(name, "queued", len(leads))
        caller.account.jobs.append(job)
        return Reply(201, job, {"Location": f"/v1/jobs/{job['id']}"})

    def me(self, request: Request, caller: Caller, _: dict[str, str]) -> Reply:
        account = caller.account
        return Reply(200, {"plan": account.plan, "scopes": list(account.scopes),
                           "credential": caller.credential, EXTRA_FIELD[0]: EXTRA_FIELD[1]})


def new_job(name: str, status: str, lead_count: int, *, days_ago: int = 0
            ) -> dict[str, object]:
    created = (datetime.now(UTC) - timedelta(days=days_ago)).replace(microsecond=0)
    return {"id": "job_" + secrets.token_hex(8), "name": name, "status": status,
            "lead_count": lead_count,
            "created_at": created.isoformat().replace("+00:00", "Z"),
            EXTRA_FIELD[0]: EXTRA_FIELD[1]}


#: Jobs of the trial's own, oldest first, in every status the pages list.
OWN_JOBS = (("Trade fair 2026", "completed", 312), ("Newsletter opt-ins", "running", 58),
            ("Partner referrals", "failed", 7), ("Webinar attendees", "queued", 91))


def seeded(account: Account, rounds: int = 1) -> Account:
    """An account with `rounds` times the trial's own jobs, unlike the pages' examples."""
    batches = [(f"{name} #{round_}", status, leads)
               for round_ in range(1, rounds + 1) for name, status, leads in OWN_JOBS]
    account.jobs += [new_job(*batch, days_ago=len(batches) - age)
                     for age, batch in enumerate(batches)]
    return account
