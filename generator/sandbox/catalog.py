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


def _error(code: str, status: int, message: str, page: str | None = None) -> ApiError:
    """An entry documented on `page`, or by default under its own anchor in the catalog."""
    return ApiError(code, status, message, _GUIDES + (page or f"error-catalog#{code.lower()}"))


MISSING_TOKEN = _error(
    "MISSING_TOKEN", 401,
    "No API key was provided. Send it in the Authorization or X-API-Key header.")
INVALID_TOKEN = _error(
    "INVALID_TOKEN", 401, "The provided API key is invalid or does not exist.",
    "api-authentication")
REVOKED_TOKEN = _error("REVOKED_TOKEN", 401, "The provided API key has been revoked.")
EXPIRED_TOKEN = _error("EXPIRED_TOKEN", 401, "The provided session token has expired.")
CONFLICTING_CREDENTIALS = _error(
    "CONFLICTING_CREDENTIALS", 401,
    "The Authorization and X-API-Key headers carry different credentials.")
INSUFFICIENT_PLAN = _error(
    "INSUFFICIENT_PLAN", 403, "Job submission via API requires a Pro or Agency plan.",
    "billing-plans-comparison")
TOO_MANY_FAILED_ATTEMPTS = _error(
    "TOO_MANY_FAILED_ATTEMPTS", 429,
    "Too many failed authentication attempts. Retry after the delay in the Retry-After header.")
#: The public sandbox's own limit on each visitor (``--rate-limit``), not an API code.
RATE_LIMITED = _error(
    "RATE_LIMITED", 429,
    "Too many requests from this client. Retry after the delay in the Retry-After header.",
    "api-authentication")
#: The public sandbox's own budget of named tenants per visitor (``--tenant-budget``).
TOO_MANY_TENANTS = _error(
    "TOO_MANY_TENANTS", 429,
    "This client has opened as many sandbox tenants (X-Sandbox-Tenant) as an hour allows. "
    "Send requests without the header to use your own tenant, or retry after the delay in "
    "the Retry-After header.", "api-authentication")
INVALID_REQUEST = _error(
    "INVALID_REQUEST", 400, "The request is not valid for this endpoint.")
NOT_FOUND = _error("NOT_FOUND", 404, "No resource exists at this path.")
METHOD_NOT_ALLOWED = _error(
    "METHOD_NOT_ALLOWED", 405,
    "This method is not allowed here; the Allow header lists the ones that are.")
PAYLOAD_TOO_LARGE = _error(
    "PAYLOAD_TOO_LARGE", 413, "The request body is larger than the API accepts.")
UNSUPPORTED_MEDIA_TYPE = _error(
    "UNSUPPORTED_MEDIA_TYPE", 415, "Send the request body as application/json.")
