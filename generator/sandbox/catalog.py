"""The sandbox's own error catalog: what the Trust Leads API answers, written independently.

This deliberately repeats what api.yaml documents instead of reading it: the sandbox stands
in for the real API, and the snippet check proves the docs against it. Were the two to share
code, a mistake in one would be invisible in the other.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ApiError"]

_GUIDES = "https://trustleads.ai/guides/"


@dataclass(frozen=True)
class ApiError:
    code: str
    status: int
    message: str
    docs: str

    def body(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message, "docs": self.docs}


def _catalog(anchor: str) -> str:
    return f"{_GUIDES}error-catalog#{anchor}"


MISSING_TOKEN = ApiError(
    "MISSING_TOKEN", 401,
    "No API key was provided. Send it in the Authorization or X-API-Key header.",
    _catalog("missing_token"))
INVALID_TOKEN = ApiError(
    "INVALID_TOKEN", 401, "The provided API key is invalid or does not exist.",
    f"{_GUIDES}api-authentication")
REVOKED_TOKEN = ApiError(
    "REVOKED_TOKEN", 401, "The provided API key has been revoked.", _catalog("revoked_token"))
EXPIRED_TOKEN = ApiError(
    "EXPIRED_TOKEN", 401, "The provided session token has expired.", _catalog("expired_token"))
CONFLICTING_CREDENTIALS = ApiError(
    "CONFLICTING_CREDENTIALS", 401,
    "The Authorization and X-API-Key headers carry different credentials.",
    _catalog("conflicting_credentials"))
INSUFFICIENT_PLAN = ApiError(
    "INSUFFICIENT_PLAN", 403, "Job submission via API requires a Pro or Agency plan.",
    f"{_GUIDES}billing-plans-comparison")
TOO_MANY_FAILED_ATTEMPTS = ApiError(
    "TOO_MANY_FAILED_ATTEMPTS", 429,
    "Too many failed authentication attempts. Retry after the delay in the Retry-After header.",
    _catalog("too_many_failed_attempts"))
INVALID_REQUEST = ApiError(
    "INVALID_REQUEST", 400, "The request body is not valid for this endpoint.",
    _catalog("invalid_request"))
NOT_FOUND = ApiError(
    "NOT_FOUND", 404, "No resource exists at this path.", _catalog("not_found"))
METHOD_NOT_ALLOWED = ApiError(
    "METHOD_NOT_ALLOWED", 405,
    "This method is not allowed here; the Allow header lists the ones that are.",
    _catalog("method_not_allowed"))
PAYLOAD_TOO_LARGE = ApiError(
    "PAYLOAD_TOO_LARGE", 413, "The request body is larger than the API accepts.",
    _catalog("payload_too_large"))
UNSUPPORTED_MEDIA_TYPE = ApiError(
    "UNSUPPORTED_MEDIA_TYPE", 415, "Send the request body as application/json.",
    _catalog("unsupported_media_type"))
