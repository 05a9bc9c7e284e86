"""The typed shape of api.yaml. Field docstrings are the editors' reference."""

from __future__ import annotations

import http
import re
from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .matchers import Matcher

__all__ = [
    "SLUG_PATTERN",
    "Api",
    "ApiKeys",
    "ApiObject",
    "AuthHeader",
    "AuthMethod",
    "CategoryRule",
    "Change",
    "CheckCredential",
    "Credentials",
    "Endpoint",
    "EnumValue",
    "ErrorCode",
    "Example",
    "ExampleRequest",
    "ExampleResponse",
    "FieldValues",
    "HeaderRule",
    "ObjectField",
    "PageText",
    "Pages",
    "Paging",
    "Plan",
    "PrecedenceStep",
    "ReaderCredential",
    "Samples",
    "Scope",
    "Site",
    "Spec",
    "Threshold",
    "credential_variable",
    "matcher_placeholder",
]

#: Ids: lower-case words joined by - or _ (they name folders under ``snippets/``).
SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
HttpsUrl = Annotated[str, Field(pattern=r"^https://[^\s/]+(/\S*)?$")]
EnvVar = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]


#: Phrases RFC 9110 renamed; the standard library of older Pythons keeps the RFC 7231 ones.
_RFC_9110_PHRASES = {413: "Content Too Large", 422: "Unprocessable Content"}


#: Every phrase, looked up as a plain dict: a page of 1,000 codes asks thousands of times,
#: and calling the enum each time costs more than the rest of the status line.
_PHRASES = {status.value: status.phrase for status in http.HTTPStatus} | _RFC_9110_PHRASES


def reason_phrase(status: int) -> str:
    """``401`` -> ``Unauthorized``, as RFC 9110 names it; a status without a phrase gets none."""
    return _PHRASES.get(status, "")


def _documented_json(value: Any) -> Any:
    """JSON values, or matchers standing for values that vary; plain dicts and lists."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise ValueError("JSON object keys must be strings")
        return {key: _documented_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_documented_json(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str | Matcher):
        return value
    raise ValueError(f"not a JSON value: {value!r}")


#: A JSON value as documented: literals, and matchers (``!uuid``…) where values vary.
DocumentedJson = Annotated[Any, AfterValidator(_documented_json)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Site(_Model):
    """The published guides site."""

    url: Annotated[str, Field(pattern=r"^https://[^\s/]+(/\S*)?/$")]
    """Public address of the guides, ending with ``/``; every ``docs`` link lives under it,
    e.g. ``https://trustleads.ai/guides/``."""
    repository: Annotated[str, Field(pattern=r"^https://[^\s/]+/\S*[^/]$")] | None = None
    """Web address of the repository holding api.yaml, for each page's "Edit this page"
    link and each section's link to its api.yaml line (GitHub's ``/blob/`` and ``/edit/``
    layout), e.g. ``https://github.com/trustleads/guides``."""
    branch: Annotated[str, Field(pattern=r"^[A-Za-z0-9._/-]+$")] = "main"
    """Branch those links open, e.g. ``main``."""


class PageText(_Model):
    """Title and lead paragraph of one generated page."""

    title: Text
    """Page title (the H1 and the browser tab), e.g. ``API Authentication Reference``."""
    description: Text
    """One-sentence summary shown under the title and in search results, e.g.
    ``Every error code the Trust Leads API returns.``"""
    sample_errors: list[Slug] = []
    """Ids of error examples whose answers the page shows as samples of an error body
    (the authentication page only), e.g. ``[invalid-token, insufficient-plan]``."""


class Pages(_Model):
    """The generated pages; their URLs are fixed because API error bodies link to them."""

    home: PageText
    """The home page, ``/``, e.g. ``{title: ..., description: ...}``."""
    api_authentication: PageText
    """The API Authentication Reference, ``api-authentication/``, e.g.
    ``{title: ..., description: ...}``."""
    error_catalog: PageText
    """Every error code, ``error-catalog/``, one anchor per code, e.g.
    ``{title: ..., description: ...}``."""
    billing_plans_comparison: PageText
    """Plans, API access and scopes, ``billing-plans-comparison/``, e.g.
    ``{title: ..., description: ...}``."""
    endpoints: PageText | None = None
    """The endpoints the examples call and the fields of their objects, ``endpoints/``;
    without it there is no such page, e.g. ``{title: ..., description: ...}``."""
    changelog: PageText | None = None
    """The announced changes, newest first, ``changelog/``, with its Atom feed; without it
    there is no such page, e.g. ``{title: Changelog, description: ...}``."""


class ApiKeys(_Model):
    """What readers are told about managing their API keys: only what is known."""

    where_from: Text
    """Where a reader gets a key, e.g.
    ``Create keys in the dashboard, and copy them from there.``"""
    revoking: Text
    """What revoking a key does and what to do then, e.g.
    ``A revoked key gets REVOKED_TOKEN; create a new key and replace it.``"""


class Api(_Model):
    """The API being documented."""

    name: Text
    """Product name of the API, e.g. ``Trust Leads API``."""
    base_url: Annotated[str, Field(pattern=r"^https://[^\s/]+/\S*/$")]
    """Base URL of every request, e.g. ``https://api.trustleads.ai/v1/``."""
    key_prefix: Annotated[str, Field(pattern=r"^[a-z]+_$")]
    """Prefix every API key starts with, e.g. ``lfk_``."""
    key_example: Text
    """A placeholder key shown in header examples; must start with ``key_prefix``, e.g.
    ``lfk_sk_your_api_key``."""
    other_key_example: Text | None = None
    """A second placeholder key, for the second, different key an example sends (a
    conflicting header); must start with ``key_prefix`` and differ from ``key_example``,
    e.g. ``lfk_sk_your_other_api_key``."""
    plain_http: Literal["redirect", "reject"]
    """What a plain-HTTP request gets: ``redirect`` to HTTPS, or ``reject``, e.g. ``redirect``."""
    https_advice: Text
    """Advice shown with the HTTPS rule, e.g.
    ``It is best practice to always use the HTTPS endpoint directly.``"""

    keys: ApiKeys | None = None
    """Where keys come from and what revoking one does, for readers, e.g.
    ``{where_from: ..., revoking: ...}``."""
    head_with_get: bool = False
    """Whether every path that answers GET also answers HEAD (the same status and headers,
    no body); the ``Allow`` of a 405 then lists HEAD too, e.g. ``true``."""

    @field_validator("key_example", "other_key_example")
    @classmethod
    def _key_example_has_prefix(cls, value: str | None, info: ValidationInfo) -> str | None:
        prefix = info.data.get("key_prefix")
        if value is not None and prefix and not value.startswith(prefix):
            raise ValueError(f"{info.field_name} must start with key_prefix {prefix!r}")
        if info.field_name == "other_key_example" and value == info.data.get("key_example"):
            raise ValueError("other_key_example must differ from key_example")
        return value


class AuthMethod(_Model):
    """A way to authenticate: API keys or dashboard session tokens."""

    id: Slug
    """Identifier used by headers' ``accepts`` lists, e.g. ``api_key``."""
    name: Text
    """Name shown to readers, e.g. ``API key``."""
    use_for: Text
    """Who should use it, e.g. ``server-to-server integrations``."""
    recommended: bool = False
    """Whether this is the method to use for all programmatic access, e.g. ``true``."""
    lifetime: Text
    """How long a credential lives, as a sentence, e.g.
    ``API keys are long-lived credentials that do not expire unless you revoke them.``"""
    warning: str | None = None
    """A caution shown prominently next to the method, e.g.
    ``Never use JWT session tokens in server-side code.``"""


class AuthHeader(_Model):
    """A request header that carries a credential."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9-]*$")]
    """Header name, e.g. ``Authorization``."""
    value: Annotated[str, Field(pattern=r"\{key\}")]
    """Header value with ``{key}`` where the credential goes, e.g. ``Bearer {key}``."""
    label: Text
    """Short name shown to readers, e.g. ``Bearer token``."""
    recommended: bool = False
    """Whether this header is the recommended one, e.g. ``true``."""
    accepts: Annotated[list[Slug], Field(min_length=1)]
    """Ids of the authentication methods this header carries, e.g. ``[api_key, session_token]``."""


class Scope(_Model):
    """A permission a plan grants to its keys."""

    id: Annotated[str, Field(pattern=r"^[a-z]+:[a-z]+$")]
    """Scope name as the API reports it, e.g. ``jobs:write``."""
    description: Text
    """What the scope allows, e.g. ``Submit new enrichment jobs.``"""


class Plan(_Model):
    """A billing plan and the API access it grants."""

    id: Slug
    """Identifier, e.g. ``starter``."""
    name: Text
    """Name shown to readers, e.g. ``Starter``."""
    api_access: Literal["read-only", "full"]
    """``read-only`` or ``full`` (read and write) API access, e.g. ``read-only``."""
    scopes: Annotated[list[str], Field(min_length=1)]
    """Ids of the scopes its keys are granted, e.g. ``["jobs:read", "account:read"]``."""


Category = Literal["authentication", "permission", "request", "rate_limit"]


class Threshold(_Model):
    """When a per-client limit trips: so many attempts within so many seconds. While it
    holds, every request from that client gets the error, and ``Retry-After`` says for how
    long; once that has passed the client starts afresh."""

    attempts: Annotated[int, Field(ge=1)]
    """How many such requests from one client trip it, e.g. ``30``."""
    seconds: Annotated[int, Field(ge=1)]
    """Within how many seconds, e.g. ``60``."""

    @property
    def budget(self) -> int:
        """Requests a sample must be ready to send to see the error: the threshold twice,
        then one more. A lock-out can end before the next request arrives (how long it
        lasts is the API's to decide, and the sandbox's ends when the oldest counted
        attempt leaves the window); the count then starts afresh."""
        return 2 * self.attempts + 1


class ErrorCode(_Model):
    """One entry of the error catalog; the API's error body is derived from it."""

    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")]
    """The ``error`` value of the response body, in UPPER_SNAKE_CASE, e.g. ``INVALID_TOKEN``."""
    status: Annotated[int, Field(ge=400, le=599)]
    """HTTP status code, 400-599, e.g. ``401``."""
    category: Category
    """What went wrong: ``authentication`` (401: who is calling), ``permission`` (403: what
    they may do), ``request`` or ``rate_limit``, e.g. ``authentication``."""
    message: Text
    """The ``message`` value of the response body, verbatim, a full sentence, e.g.
    ``The provided API key is invalid or does not exist.``"""
    when: Text
    """When the API returns it, e.g. ``The key does not match any active key.``"""
    fix: Text
    """What the caller should do about it, e.g.
    ``Copy the key again from the dashboard.``"""
    docs: HttpsUrl
    """The ``docs`` value of the response body: a page (and anchor) of the guides site, e.g.
    ``https://trustleads.ai/guides/error-catalog#invalid_token``."""
    retry: str | None = None
    """Whether and when the same request may be sent again, for readers, e.g.
    ``Not as it is: fix the credential first.``"""
    keywords: list[Text] = []
    """Words readers type when they look for this error, other than its code and message;
    the guides' search finds the code by them, e.g. ``[rate limit, throttled]``."""
    threshold: Threshold | None = None
    """For an error a client earns by repetition (throttling): how many of the requests
    ``when`` describes, within how many seconds, trip it. Samples of its examples try at
    least one more time than that, e.g. ``{attempts: 30, seconds: 60}``."""
    headers: dict[str, str | Matcher] = {}
    """Response headers every answer with this code carries: the catalog shows them and
    the check holds every example of the code to them, exactly (a matcher where the value
    varies), e.g. ``{WWW-Authenticate: 'Bearer realm="trustleads", error="invalid_token"'}``."""

    @property
    def anchor(self) -> str:
        """Its anchor on the error catalog page."""
        return self.code.lower()

    @property
    def reason(self) -> str:
        """The status line's reason phrase, e.g. ``Unauthorized``."""
        return reason_phrase(self.status)

    def body(self) -> dict[str, JsonValue]:
        """The response body the API sends for this error."""
        return {"error": self.code, "message": self.message, "docs": self.docs}


class Change(_Model):
    """An announced change of the API contract: the Changelog page and feed show it, and
    ``guides diff`` lets a breaking change land only once an entry names what it breaks."""

    date: date
    """The day the change takes effect, ``YYYY-MM-DD``, not in the future, e.g.
    ``2025-06-02``."""
    summary: Text
    """What changed and what clients must do, a sentence or two, e.g.
    ``INVALID_TOKEN now answers 400; retry logic keyed on 401 must change.``"""
    codes: list[str] = []
    """Catalog codes the change concerns (each one of ``errors``), e.g. ``[INVALID_TOKEN]``."""
    paths: list[Annotated[str, Field(pattern=r"^/\S*$")]] = []
    """Paths the change concerns: an endpoint's path, as ``endpoints`` writes it, or an
    example's, e.g. ``["/jobs/{id}"]``."""
    sections: list[str] = []
    """Sections of api.yaml the change concerns when no code or path says it, e.g.
    ``[paging]`` for a smaller ``max_limit``, ``[plans]`` for a scope a plan lost."""
    removed: list[str] = []
    """Codes or paths the change removes: each must be gone from api.yaml, e.g.
    ``[REVOKED_TOKEN]``."""

    @property
    def anchor(self) -> str:
        """Its anchor on the Changelog page, from its date and summary: stable while they
        are."""
        words = re.findall(r"[a-z0-9]+", self.summary.lower())[:6]
        return "-".join([self.date.isoformat(), *words])

    @property
    def named(self) -> frozenset[str]:
        """Everything it names: codes, paths, sections and removed ones."""
        return frozenset([*self.codes, *self.paths, *self.sections, *self.removed])


class CategoryRule(_Model):
    """A response header that every error of a category carries, whatever the example."""

    category: Category
    """The errors it holds for, e.g. ``authentication``."""
    header: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9-]*$")]
    """Response header name, e.g. ``WWW-Authenticate``."""
    starts_with: Text
    """How its value begins, e.g. ``Bearer realm="trustleads"``."""


class HeaderRule(_Model):
    """A response header every HTTPS answer carries, success or error, whatever the path."""

    header: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9-]*$")]
    """Response header name, e.g. ``Strict-Transport-Security``."""
    starts_with: Text
    """How its value begins, e.g. ``max-age=``."""


class Paging(_Model):
    """How a list is read page by page (cursor paging, as Stripe's API does it)."""

    items_field: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """The field of a list answer holding the page's objects, oldest first, e.g. ``data``."""
    more_field: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """The field saying whether objects follow this page, e.g. ``has_more``."""
    limit_parameter: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """Query parameter giving the most objects a page holds, e.g. ``limit``."""
    default_limit: Annotated[int, Field(ge=1)]
    """The limit when none is sent, e.g. ``10``."""
    max_limit: Annotated[int, Field(ge=1)]
    """The largest limit accepted, e.g. ``100``."""
    cursor_parameter: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """Query parameter naming the ``id`` of the last object already read; the page starts
    after it, e.g. ``starting_after``."""
    invalid: str
    """The catalog code answering a limit out of range or a cursor naming no object, e.g.
    ``INVALID_REQUEST``."""
    oldest_first_by: Annotated[str, Field(pattern=r"^[a-z_]+$")] | None = None
    """The field (an ISO 8601 time) of the listed objects that orders every list, oldest
    first; the check holds every list answer to that order and to the page size, e.g.
    ``created_at``."""


class PrecedenceStep(_Model):
    """One step of the order in which the API judges a request: when several errors apply,
    the earliest step's error is the answer."""

    judges: Text
    """What this step looks at, e.g. ``The size of the body.``"""
    codes: Annotated[list[str], Field(min_length=1)]
    """The catalog codes this step answers with, e.g. ``[PAYLOAD_TOO_LARGE]``."""
    shown_by: list[Slug] = []
    """Ids of examples whose request fails this step and a later one, so that their
    answer (one of ``codes``) proves the order; the catalog links them and says of a step
    without one that no example shows it, e.g. ``[plan-before-media-type]``."""


class EnumValue(_Model):
    """One value a field may take, and what it means."""

    value: Text
    """The value as the API sends it, e.g. ``queued``."""
    means: Text
    """What it tells the reader, e.g. ``Accepted and waiting to be enriched.``"""


class FieldValues(_Model):
    """The values a field of the API's answers may take: an enum."""

    field: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """The field's name, wherever it appears in a success body, e.g. ``status``."""
    of: Text
    """The object it belongs to, as readers call it, e.g. ``job``."""
    values: Annotated[list[EnumValue], Field(min_length=1)]
    """Every value it may take, in the order an object goes through them, e.g.
    ``[{value: queued, means: Waiting to be enriched.}]``."""


class ObjectField(_Model):
    """One field of an object the API answers."""

    name: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    """The field's name, e.g. ``lead_count``."""
    description: Text
    """What it holds, e.g. ``How many leads the job holds.``"""


class ApiObject(_Model):
    """An object the API answers, field by field, as the endpoints page shows it."""

    name: Annotated[str, Field(pattern=r"^[a-z][a-z ]*$")]
    """What readers call it, e.g. ``job``; also its anchor on the endpoints page."""
    description: Text
    """What it is, e.g. ``An enrichment job: a set of leads enriched together.``"""
    fields: Annotated[list[ObjectField], Field(min_length=1)]
    """Its fields, in the order the API sends them, e.g.
    ``[{name: id, description: The job's id.}]``."""


class Endpoint(_Model):
    """An endpoint the examples call, shown on the endpoints page with its examples."""

    id: Slug
    """Its anchor on the endpoints page, e.g. ``read-a-job``."""
    title: Text
    """Heading shown to readers, e.g. ``Read one job``."""
    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    """HTTP method, e.g. ``GET``."""
    path: Annotated[str, Field(pattern=r"^/\S*$")]
    """Path below the base URL, with ``{name}`` for a part that varies, e.g. ``/jobs/{id}``."""
    does: Text
    """What it does, as a sentence, e.g. ``Answers one job, to follow its status.``"""
    scope: str | None = None
    """The scope it needs (one of ``scopes``), e.g. ``jobs:read``."""
    answers: str | None = None
    """The object it answers (one of ``objects``), e.g. ``job``."""
    examples: list[Slug] = []
    """Ids of the examples shown under it (then not on the authentication page), e.g.
    ``[get-job]``."""


class ExampleRequest(_Model):
    """The request an example's snippets make."""

    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    """HTTP method, e.g. ``GET``."""
    path: Annotated[str, Field(pattern=r"^/\S*$")]
    """Path below the base URL, e.g. ``/jobs``."""
    transport: Literal["https", "http"] = "https"
    """``http`` only for the example showing the redirect to HTTPS, e.g. ``https``."""
    header: str | None = None
    """Name of the auth header sent (one of ``headers``), or nothing for no credentials, e.g.
    ``Authorization``."""
    conflicting_header: str | None = None
    """A second auth header sent with a different key (from ``other_key_variable``), e.g.
    ``X-API-Key``."""
    same_key_header: str | None = None
    """A second auth header sent with the same credential as ``header``, e.g. ``X-API-Key``."""
    credential: Slug | None = None
    """Which kind of credential the snippet is run with: one of ``credentials.kinds``, or
    ``invalid`` for a well-formed key no API knows, e.g. ``pro``."""
    body: DocumentedJson = None
    """JSON request body, if any, e.g. ``{leads: [{email: ada@example.com}]}``."""
    reads_job_id: bool = False
    """Whether the snippets take the job id ending the path from ``job_id_variable``: the id
    shown is one of the sandbox's jobs; against another API the check lends one of the
    account's own, e.g. ``true``."""
    follows_pages: bool = False
    """Whether the snippets read every page: the documented request first, then the same
    with the ``paging`` cursor set to the last object's id, until no more follow, e.g.
    ``true``."""
    repeated: bool = False
    """Whether the snippets send this request again until the documented response comes
    (otherwise it must be the only request they make), e.g. ``true``."""

    @model_validator(mode="after")
    def _header_and_credential_go_together(self) -> ExampleRequest:
        if (self.header is None) != (self.credential is None):
            raise ValueError("header and credential must be given together, or neither")
        return self


class ExampleResponse(_Model):
    """What the API answers: an error code from the catalog, or a status and body."""

    error: str | None = None
    """Code of a catalog entry; status and body are then derived from it, e.g.
    ``INVALID_TOKEN``."""
    status: Annotated[int, Field(ge=100, le=599)] | None = None
    """HTTP status, for a response that is not a catalog error, e.g. ``200``."""
    headers: dict[str, str | Matcher] = {}
    """Response headers worth documenting, e.g. ``Cache-Control: no-store``; a matcher
    (``!regex '^https://'``) where the value varies."""
    body: DocumentedJson = None
    """JSON body, for a response that is not a catalog error; matchers where values vary,
    e.g. ``{plan: pro, credential: api_key}``."""
    closed: bool = False
    """Whether the body's objects hold exactly the documented fields; by default an object
    may gain fields, which readers ignore, e.g. ``false``."""

    @model_validator(mode="after")
    def _error_or_status(self) -> ExampleResponse:
        if self.error is None and self.status is None:
            raise ValueError("give either error (a catalog code) or status")
        if self.error is not None and (self.status is not None or self.body is not None):
            raise ValueError(
                "with error, status and body come from the catalog entry; remove them"
            )
        return self


class Example(_Model):
    """A request shown in every language of the pages, each a file under ``snippets/<id>/``."""

    id: Slug
    """Identifier and folder name under ``snippets/``, e.g. ``invalid-token``."""
    title: Text
    """Heading shown above the code tabs, e.g. ``Key not found``."""
    description: str | None = None
    """A sentence explaining what the example shows, e.g.
    ``The recommended way to send your API key.``"""
    request: ExampleRequest
    """The request made, e.g.
    ``{method: GET, path: /jobs, header: Authorization, credential: pro}``."""
    response: ExampleResponse
    """The response documented, e.g. ``{error: INVALID_TOKEN}`` or ``{status: 200}``."""


class ReaderCredential(_Model):
    """A credential an example needs, as a reader is told of it."""

    needs: Text
    """The credential in a reader's words, e.g. ``a revoked key``."""
    yours: str | None = None
    """How a reader gets one of their own for the real API; leave it out when that is not
    known, e.g. ``A key of a Starter account, from the dashboard.``"""


class Samples(_Model):
    """How code samples receive their inputs, so one file serves readers and the check."""

    base_url_variable: EnvVar
    """Environment variable that overrides the base URL, e.g. ``TRUSTLEADS_BASE_URL``."""
    key_variable: EnvVar
    """Environment variable holding the API key, e.g. ``TRUSTLEADS_API_KEY``."""
    other_key_variable: EnvVar
    """Environment variable holding a second, different key, e.g. ``TRUSTLEADS_OTHER_API_KEY``."""
    session_token_variable: EnvVar
    """Environment variable holding a session token, e.g. ``TRUSTLEADS_SESSION_TOKEN``."""
    job_id_variable: EnvVar | None = None
    """Environment variable holding the id of one of the caller's jobs, for the samples that
    read one, e.g. ``TRUSTLEADS_JOB_ID``."""
    credentials: dict[str, ReaderCredential] = {}
    """Credential kind (as examples name it, or ``other`` for the second key of a
    conflicting header) -> how the pages name it to readers, e.g.
    ``{revoked: {needs: a revoked key}}``."""


class CheckCredential(_Model):
    """What one credential the check runs examples with must be."""

    method: Slug
    """Id of its authentication method (one of ``auth_methods``), e.g. ``api_key``."""
    plan: Slug | None = None
    """Id of the plan whose scopes it must carry, as the confirming endpoint reports them;
    none for a credential the API must refuse (revoked, expired), e.g. ``pro``."""
    must_be: Text
    """What it must be, for the pages and the team running the check, e.g.
    ``An active API key of a Pro account.``"""


class Credentials(_Model):
    """The credential contract: what each credential the check uses must be."""

    confirmed_by: Annotated[str, Field(pattern=r"^/\S*$")]
    """Path, below the base URL, that answers the caller's ``plan``, ``scopes`` and
    ``credential`` (method); against another API the check asks it with every credential
    that has a plan before judging the examples that use it, e.g. ``/me``."""
    kinds: dict[Slug, CheckCredential]
    """Credential kind (as examples name it) -> what it must be, e.g.
    ``{pro: {method: api_key, plan: pro, must_be: An active API key of a Pro account.}}``."""
    second_key: Slug | None = None
    """The kind whose key an example sends as the second, different credential of a
    conflicting header (one of ``kinds``, an active API key), e.g. ``agency``."""


def credential_variable(samples: Samples, credential: str) -> str:
    """The variable a sample reads `credential` from: session tokens have their own."""
    return samples.session_token_variable if "session" in credential else samples.key_variable


class Spec(_Model):
    """The whole of api.yaml."""

    site: Site
    """The published guides site, e.g. ``{url: https://trustleads.ai/guides/}``."""
    pages: Pages
    """Titles and summaries of the generated pages, e.g.
    ``{home: {title: Trust Leads API Guides, description: Everything you need.}}``."""
    api: Api
    """The API: name, base URL, key format, HTTPS rule, e.g.
    ``{name: Trust Leads API, base_url: https://api.trustleads.ai/v1/}``."""
    samples: Samples
    """The environment variables code samples read, e.g.
    ``{base_url_variable: TRUSTLEADS_BASE_URL, key_variable: TRUSTLEADS_API_KEY}``."""
    auth_methods: Annotated[list[AuthMethod], Field(min_length=1)]
    """The ways to authenticate, e.g. ``[{id: api_key, name: API key}]``."""
    headers: Annotated[list[AuthHeader], Field(min_length=1)]
    """The headers that carry credentials, recommended first, e.g.
    ``[{name: Authorization, value: "Bearer {key}", label: Bearer token}]``."""
    scopes: Annotated[list[Scope], Field(min_length=1)]
    """Every scope a plan can grant, e.g. ``[{id: "jobs:read", description: List jobs.}]``."""
    plans: Annotated[list[Plan], Field(min_length=1)]
    """The billing plans, cheapest first, e.g.
    ``[{id: starter, name: Starter, api_access: read-only, scopes: ["jobs:read"]}]``."""
    credentials: Credentials | None = None
    """What each credential the check runs examples with must be, e.g.
    ``{confirmed_by: /me, kinds: {pro: {method: api_key, plan: pro, must_be: ...}}}``."""
    errors: Annotated[list[ErrorCode], Field(min_length=1)]
    """The error catalog, e.g. ``[{code: INVALID_TOKEN, status: 401}]``."""
    category_rules: list[CategoryRule] = []
    """Headers every error response of a category carries; the check verifies them on every
    example of that category, e.g.
    ``[{category: authentication, header: WWW-Authenticate, starts_with: Bearer}]``."""
    https_headers: list[HeaderRule] = []
    """Headers every HTTPS answer carries, success or error; the check verifies them on
    every HTTPS exchange of every example, e.g.
    ``[{header: Strict-Transport-Security, starts_with: max-age=}]``."""
    paging: Paging | None = None
    """How lists are paged, e.g. ``{items_field: data, more_field: has_more,
    limit_parameter: limit, cursor_parameter: starting_after}``."""
    field_values: list[FieldValues] = []
    """Fields whose values are an enum; the check holds every answer to it, e.g.
    ``[{field: status, of: job, values: [{value: queued, means: Waiting.}]}]``."""
    error_precedence: list[PrecedenceStep] = []
    """The order in which the API judges a request, first first, e.g.
    ``[{judges: The size of the body., codes: [PAYLOAD_TOO_LARGE]}]``."""
    objects: list[ApiObject] = []
    """The objects the API answers, field by field, for the endpoints page, e.g.
    ``[{name: job, fields: [{name: id, description: The job's id.}]}]``."""
    endpoints: list[Endpoint] = []
    """The endpoints the examples call, for the endpoints page, e.g.
    ``[{id: read-a-job, method: GET, path: "/jobs/{id}", examples: [get-job]}]``."""
    examples: list[Example] = []
    """Requests shown with code samples in every language, e.g.
    ``[{id: invalid-token, title: Key not found}]``."""
    changes: list[Change] = []
    """Announced changes of the contract, newest first; ``guides diff`` fails a breaking
    change until one names it, e.g.
    ``[{date: "2025-06-02", summary: ..., codes: [INVALID_TOKEN]}]``."""

    @model_validator(mode="after")
    def _references_are_known(self) -> Spec:
        examples = {example.id for example in self.examples}
        named = [*self.pages.api_authentication.sample_errors,
                 *(i for endpoint in self.endpoints for i in endpoint.examples)]
        unknown = sorted(set(named) - examples)
        if unknown:
            raise ValueError(f"no example has the id {unknown[0]!r} (named by pages."
                             "api_authentication.sample_errors or endpoints[].examples)")
        objects = {obj.name for obj in self.objects}
        scopes = {scope.id for scope in self.scopes}
        for endpoint in self.endpoints:
            if endpoint.answers is not None and endpoint.answers not in objects:
                raise ValueError(f"endpoint {endpoint.id!r} answers {endpoint.answers!r}, "
                                 "which is not one of objects")
            if endpoint.scope is not None and endpoint.scope not in scopes:
                raise ValueError(f"endpoint {endpoint.id!r} needs scope {endpoint.scope!r}, "
                                 "which is not one of scopes")
        return self

    @cached_property
    def endpoint_examples(self) -> frozenset[str]:
        """Ids of the examples shown on the endpoints page."""
        return frozenset(i for endpoint in self.endpoints for i in endpoint.examples)

    @property
    def second_key(self) -> str | None:
        """The kind whose key is a conflicting header's second credential, if api.yaml names
        one."""
        return self.credentials.second_key if self.credentials else None

    @cached_property
    def credential_headers(self) -> dict[str, str]:
        """The headers that carry credentials, lower-cased name -> name as written."""
        return {header.name.lower(): header.name for header in self.headers}

    @cached_property
    def enums(self) -> dict[str, tuple[str, ...]]:
        """Field name -> the values it may take."""
        return {entry.field: tuple(v.value for v in entry.values)
                for entry in self.field_values}

    @cached_property
    def _errors_by_code(self) -> dict[str, ErrorCode]:
        return {error.code: error for error in self.errors}

    @cached_property
    def examples_by_error(self) -> dict[str, list[Example]]:
        """Catalog code -> the examples that document it, in file order."""
        grouped: dict[str, list[Example]] = {}
        for example in self.examples:
            if example.response.error:
                grouped.setdefault(example.response.error, []).append(example)
        return grouped

    def error(self, code: str) -> ErrorCode:
        return self._errors_by_code[code]

    def path_endpoints(self, path: str) -> list[int]:
        """Indexes of the endpoints whose path template `path` (query aside) matches."""
        bare = path.split("?", 1)[0]
        return [index for index, endpoint in enumerate(self.endpoints)
                if re.fullmatch(re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(endpoint.path)),
                                bare)]

    def allowed_methods(self, path: str) -> list[str]:
        """The methods the endpoints of `path` accept, HEAD with GET where the API says so,
        in the order ``Allow`` lists them (alphabetical); empty for a path of no endpoint."""
        methods: set[str] = {self.endpoints[index].method
                             for index in self.path_endpoints(path)}
        if "GET" in methods and self.api.head_with_get:
            methods.add("HEAD")
        return sorted(methods)

    def threshold(self, example: Example) -> Threshold | None:
        """The per-client limit `example` trips, when its error documents one."""
        # An unknown code is reported where references are checked.
        error = self._errors_by_code.get(example.response.error or "")
        return error.threshold if error else None

    def response_status(self, example: Example) -> int:
        response = example.response
        return self.error(response.error).status if response.error else response.status or 0

    def response_body(self, example: Example) -> Any:
        """The documented body; an error example's is derived from its catalog entry."""
        response = example.response
        return self.error(response.error).body() if response.error else response.body


def matcher_placeholder(value: Any) -> str:
    """For JSON encoding (`default=`): what a matcher shows in place of the value it stands for."""
    if isinstance(value, Matcher):
        return value.placeholder()
    raise TypeError(f"not JSON serialisable: {value!r}")
