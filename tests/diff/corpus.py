"""Contract change pairs: small edits of the real api.yaml, each with what a client would
call it. Each edit is (old text, new text), applied once to api.yaml."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAIRS", "Pair"]


@dataclass(frozen=True)
class Pair:
    name: str
    edits: tuple[tuple[str, str], ...]
    kind: str
    """The kind of the change the edit makes (every change it makes is of this kind)."""
    words: str
    """Words its line must hold."""


def _pair(name: str, old: str, new: str, kind: str, words: str) -> Pair:
    return Pair(name, ((old, new),), kind, words)


_NOT_FOUND = "  - code: NOT_FOUND\n    status: 404\n"
_MEDIA_EXAMPLE = """  - id: unsupported-media-type
    title: A body that is not JSON
    request: {method: POST, path: /jobs, header: Authorization, credential: pro}
    response: {error: UNSUPPORTED_MEDIA_TYPE}"""

PAIRS: list[Pair] = [
    _pair("status changed", _NOT_FOUND, "  - code: NOT_FOUND\n    status: 410\n",
          "breaking", "code NOT_FOUND: status changed from 404 to 410"),
    _pair("category changed", "    status: 403\n    category: permission",
          "    status: 402\n    category: request", "breaking", "category changed"),
    Pair("code renamed", (
        ("code: NOT_FOUND\n", "code: NO_SUCH_RESOURCE\n"),
        ("#not_found\n", "#no_such_resource\n"),
        ("response: {error: NOT_FOUND}", "response: {error: NO_SUCH_RESOURCE}"),
        ("codes: [NOT_FOUND, METHOD_NOT_ALLOWED]", "codes: [NO_SUCH_RESOURCE, METHOD_NOT_ALLOWED]"),
        ("    codes: [NOT_FOUND]\n", "    codes: [NO_SUCH_RESOURCE]\n")),
        "breaking", "code NOT_FOUND renamed to NO_SUCH_RESOURCE"),
    Pair("code removed", (
        (_MEDIA_EXAMPLE, ""),
        ("""  - judges: The media type of the body.
    codes: [UNSUPPORTED_MEDIA_TYPE]
    shown_by: [unsupported-media-type]
""", ""),
        ("  - code: UNSUPPORTED_MEDIA_TYPE\n", "  - code: UNSUPPORTED_MEDIA_TYPE_GONE\n")),
        "breaking", "UNSUPPORTED_MEDIA_TYPE"),
    _pair("code added", "  - code: UNSUPPORTED_MEDIA_TYPE\n", """  - code: GONE
    status: 410
    category: request
    message: This resource is gone.
    when: The job was deleted.
    fix: Submit it again.
    docs: https://trustleads.ai/guides/error-catalog#gone
  - code: UNSUPPORTED_MEDIA_TYPE
""", "additive", "code GONE added"),
    _pair("error header removed",
          "    headers: {WWW-Authenticate: 'Bearer realm=\"trustleads\"'}\n  - code: INVALID_TOKEN",
          "  - code: INVALID_TOKEN", "breaking", "headers.WWW-Authenticate removed"),
    _pair("error header value changed",
          "    headers: {WWW-Authenticate: 'Bearer realm=\"trustleads\"'}\n  - code: INVALID_TOKEN",
          "    headers: {WWW-Authenticate: 'Bearer realm=\"trustleads\", error=\"x\"'}\n"
          "  - code: INVALID_TOKEN", "breaking", "headers.WWW-Authenticate changed"),
    _pair("message reworded", "message: No resource exists at this path.",
          "message: Nothing exists at this path.", "editorial", "clients should not match"),
    _pair("when reworded", "when: The key existed but has been revoked.",
          "when: The key was valid once but has been revoked.", "editorial", "when"),
    _pair("fix reworded", "fix: Check the path below the base URL, and the id you sent.",
          "fix: Check the path and the id you sent.", "editorial", "fix"),
    _pair("keyword added", "keywords: [not found, job does not exist, path]",
          "keywords: [not found, job does not exist, path, HTTP 404]", "editorial", "keywords"),
    _pair("throttle tightened", "threshold: {attempts: 30, seconds: 60}",
          "threshold: {attempts: 10, seconds: 60}", "breaking", "throttle tightened"),
    _pair("throttle window widened", "threshold: {attempts: 30, seconds: 60}",
          "threshold: {attempts: 30, seconds: 120}", "breaking", "throttle tightened"),
    _pair("throttle loosened", "threshold: {attempts: 30, seconds: 60}",
          "threshold: {attempts: 30, seconds: 30}", "additive", "throttle loosened"),
    _pair("docs URL moved", "docs: https://trustleads.ai/guides/error-catalog#not_found",
          "docs: https://trustleads.ai/guides/error-catalog#not-found", "breaking",
          "documented URL"),
    _pair("max page size tightened", "  max_limit: 100", "  max_limit: 50", "breaking",
          "page size tightened"),
    _pair("max page size raised", "  max_limit: 100", "  max_limit: 200", "additive",
          "page size loosened"),
    _pair("default page size smaller", "  default_limit: 10", "  default_limit: 5",
          "breaking", "default_limit"),
    _pair("cursor parameter renamed", "  cursor_parameter: starting_after",
          "  cursor_parameter: after", "breaking", "cursor_parameter"),
    _pair("enum value removed",
          "      - value: failed\n        means: No lead could be enriched; check the "
          "addresses and submit them again.\n", "", "breaking", "values.failed removed"),
    _pair("enum value added", "      - value: failed\n", "      - value: cancelled\n"
          "        means: Stopped before it finished.\n      - value: failed\n",
          "additive", "values.cancelled added"),
    _pair("enum meaning reworded", "means: Its leads are being enriched.",
          "means: Its leads are being enriched now.", "editorial", "means"),
    _pair("object field removed", """      - name: lead_count
        description: How many leads the job holds.
""", "", "breaking", "fields.lead_count removed"),
    _pair("object field added", """      - name: lead_count
        description: How many leads the job holds.
""", """      - name: lead_count
        description: How many leads the job holds.
      - name: source
        description: Where the leads came from.
""", "additive", "fields.source added"),
    _pair("object field renamed", "      - name: lead_count\n", "      - name: leads_total\n",
          "breaking", "renamed to leads_total"),
    _pair("endpoint scope changed", "    scope: account:read\n", "    scope: jobs:write\n",
          "breaking", "scope changed"),
    _pair("endpoint anchor moved", "  - id: read-a-job\n", "  - id: get-a-job\n",
          "breaking", "id changed"),
    _pair("endpoint reworded", "does: Answers the plan and scopes of the credential sent, "
          "and its authentication method.", "does: Answers the plan and scopes of the "
          "credential sent.", "editorial", "does"),
    _pair("plan loses a scope", "    api_access: full\n    scopes: [jobs:read, jobs:write, "
          "account:read]\n  - id: agency", "    api_access: full\n    scopes: [jobs:read, "
          "jobs:write]\n  - id: agency", "breaking", "scopes.account:read removed"),
    _pair("auth header accepts less", "accepts: [api_key, session_token]",
          "accepts: [api_key]", "breaking", "credential rule tightened"),
    _pair("auth header label", "label: Bearer token", "label: Bearer", "editorial", "label"),
    _pair("plain HTTP rejected", "plain_http: redirect", "plain_http: reject", "breaking",
          "plain_http"),
    _pair("HEAD no longer answered", "head_with_get: true", "head_with_get: false",
          "breaking", "HEAD is no longer answered"),
    _pair("example body field retyped", "            lead_count: 25\n            created_at: "
          "!iso8601\n          - id: !regex '^job_[0-9a-f]{16}$'\n            name: Conference",
          "            lead_count: '25'\n            created_at: !iso8601\n          - id: "
          "!regex '^job_[0-9a-f]{16}$'\n            name: Conference", "breaking",
          "retyped from number to string"),
    _pair("example response header removed", """      headers:
        Cache-Control: no-store
        Location: !regex '^/v1/jobs/job_[0-9a-f]{16}$'""", """      headers:
        Cache-Control: no-store""", "breaking", "headers.Location removed"),
    _pair("example title", "title: Key not found", "title: An unknown key", "editorial",
          "title"),
    _pair("category rule tightened", "starts_with: Bearer realm=\"trustleads\"\n",
          "starts_with: Bearer realm=\"trustleads-api\"\n", "breaking", "starts_with"),
    _pair("https header rule removed", """https_headers:
  - header: Strict-Transport-Security
    starts_with: max-age=
""", "https_headers: []\n", "breaking", "Strict-Transport-Security removed"),
    _pair("precedence reordered", """  - judges: Whether the plan grants the scope the action needs.
    codes: [INSUFFICIENT_PLAN]
    shown_by: [plan-before-media-type]
  - judges: The media type of the body.
    codes: [UNSUPPORTED_MEDIA_TYPE]
    shown_by: [unsupported-media-type]""", """  - judges: The media type of the body.
    codes: [UNSUPPORTED_MEDIA_TYPE]
    shown_by: [unsupported-media-type]
  - judges: Whether the plan grants the scope the action needs.
    codes: [INSUFFICIENT_PLAN]""", "breaking", "precedence step"),
]
