"""The error codes as the Error Catalog publishes them: status, message, docs link."""

from __future__ import annotations

from dataclasses import dataclass

GUIDES = "https://trustleads.ai/guides/"


@dataclass(frozen=True)
class ErrorCode:
    status: int
    message: str
    docs: str


def _catalog(anchor: str) -> str:
    return f"{GUIDES}error-catalog#{anchor}"


CATALOG: dict[str, ErrorCode] = {
    "MISSING_TOKEN": ErrorCode(
        401, "No API key was provided. Send it in the Authorization or X-API-Key header.",
        _catalog("missing_token")),
    "INVALID_TOKEN": ErrorCode(
        401, "The provided API key is invalid or does not exist.",
        f"{GUIDES}api-authentication"),
    "REVOKED_TOKEN": ErrorCode(
        401, "The provided API key has been revoked.", _catalog("revoked_token")),
    "EXPIRED_TOKEN": ErrorCode(
        401, "The provided session token has expired.", _catalog("expired_token")),
    "CONFLICTING_CREDENTIALS": ErrorCode(
        401, "The Authorization and X-API-Key headers carry different credentials.",
        _catalog("conflicting_credentials")),
    "INSUFFICIENT_PLAN": ErrorCode(
        403, "Job submission via API requires a Pro or Agency plan.",
        f"{GUIDES}billing-plans-comparison"),
    "TOO_MANY_FAILED_ATTEMPTS": ErrorCode(
        429, "Too many failed authentication attempts. "
        "Retry after the delay in the Retry-After header.",
        _catalog("too_many_failed_attempts")),
    "INVALID_REQUEST": ErrorCode(
        400, "The request is not valid for this endpoint.", _catalog("invalid_request")),
    "NOT_FOUND": ErrorCode(404, "No resource exists at this path.", _catalog("not_found")),
    "METHOD_NOT_ALLOWED": ErrorCode(
        405, "This method is not allowed here; the Allow header lists the ones that are.",
        _catalog("method_not_allowed")),
    "PAYLOAD_TOO_LARGE": ErrorCode(
        413, "The request body is larger than the API accepts.", _catalog("payload_too_large")),
    "UNSUPPORTED_MEDIA_TYPE": ErrorCode(
        415, "Send the request body as application/json.", _catalog("unsupported_media_type")),
}
