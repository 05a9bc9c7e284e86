"""Where a sandbox's credentials are, by the kinds api.yaml's examples name (``pro``…).

A sandbox lists what it issued in one document: the line ``guides sandbox`` prints on
start, also served at ``GET /sandbox/credentials``. The check reads that document here; the
pages' "Try it" control reads it in the browser, following the paths given here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["REMOTE_CREDENTIAL_VARIABLES", "SECOND_KEY_KIND", "UNKNOWN_KEY", "from_document",
           "locate"]

#: A key in the right format that no API knows.
UNKNOWN_KEY = "lfk_sk_" + "0" * 32
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
    "other": ("keys", SECOND_KEY_KIND),
}


def locate(kind: str) -> dict[str, Any]:
    """``{"path": [...]}`` into the credentials document, or ``{"value": ...}`` for a
    credential that no sandbox issues (the unknown key)."""
    if kind == "invalid":
        return {"value": UNKNOWN_KEY}
    return {"path": list(_PATHS.get(kind, ("keys", kind)))}


def from_document(document: Mapping[str, Any]) -> dict[str, str]:
    """Credential kind -> value, for every kind the document holds."""
    kinds = [*document["keys"], *_PATHS, "invalid"]
    return {kind: _resolve(document, locate(kind)) for kind in kinds}


def _resolve(document: Mapping[str, Any], located: dict[str, Any]) -> str:
    if "value" in located:
        return str(located["value"])
    found: Any = document
    for step in located["path"]:
        found = found[step]
    return str(found)
