"""Where a sandbox's credentials are, by the kinds api.yaml's examples name (``pro``…).

A sandbox lists what it issued in one document: the line ``guides sandbox`` prints on
start, also served at ``GET /sandbox/credentials``. The check reads that document here; the
pages' "Try it" control reads it in the browser, following the paths given here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, get_args

__all__ = ["CREDENTIAL_KINDS", "REMOTE_CREDENTIAL_VARIABLES", "SECOND_KEY_KIND", "CredentialKind",
           "from_document", "locate", "unknown_like"]

#: The credentials examples are run with; ``invalid`` is a well-formed key no API knows.
CredentialKind = Literal[
    "starter", "pro", "agency", "revoked", "invalid", "session", "expired_session"
]
CREDENTIAL_KINDS: tuple[str, ...] = get_args(CredentialKind)

#: The conflicting-credentials example needs a second valid key, different from pro's.
SECOND_KEY_KIND = "agency"

#: Credential kind -> the environment variable `guides check --base-url` reads it from.
REMOTE_CREDENTIAL_VARIABLES = {
    "starter": "GUIDES_SANDBOX_STARTER_KEY",
    "pro": "GUIDES_SANDBOX_PRO_KEY",
    "agency": "GUIDES_SANDBOX_AGENCY_KEY",
    "revoked": "GUIDES_SANDBOX_REVOKED_KEY",
    "session": "GUIDES_SANDBOX_SESSION_TOKEN",
    "expired_session": "GUIDES_SANDBOX_EXPIRED_SESSION_TOKEN",
}

_PATHS: dict[str, tuple[str, ...]] = {
    "session": ("session_token",),
    "expired_session": ("expired_session_token",),
    "invalid": ("unknown_key",),
    "other": ("keys", SECOND_KEY_KIND),
}


def locate(kind: str) -> dict[str, Any]:
    """``{"path": [...]}``: where the credentials document holds `kind`."""
    return {"path": list(_PATHS.get(kind, ("keys", kind)))}


def from_document(document: Mapping[str, Any]) -> dict[str, str]:
    """Credential kind -> value, for every kind the document holds."""
    return {kind: _resolve(document, locate(kind)["path"]) for kind in [*document["keys"], *_PATHS]}


def unknown_like(key: str) -> str:
    """A key no API knows, shaped like `key` (an API's own): its prefix, whatever that is,
    kept in the first half; the second half zeroed."""
    keep = len(key) // 2
    return key[:keep] + "0" * (len(key) - keep)


def _resolve(document: Mapping[str, Any], path: list[str]) -> str:
    found: Any = document
    for step in path:
        found = found[step]
    return str(found)
