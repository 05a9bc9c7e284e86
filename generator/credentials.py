"""Where a sandbox's credentials are, by the kinds api.yaml's examples name (``pro``…).

A sandbox lists what it issued in one document: the line ``guides sandbox`` prints on
start, also served at ``GET /sandbox/credentials``. The check reads that document here; the
pages' "Try it" control reads it in the browser, following the paths given here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["INVALID", "OTHER", "from_document", "locate", "remote_variable", "unknown_like"]

#: The kind of credential no API knows: a well-formed key, made from a known one.
INVALID = "invalid"
#: The second key of a conflicting-credentials example: the key of the kind api.yaml's
#: credential contract names as its `second_key`.
OTHER = "other"

_PATHS: dict[str, tuple[str, ...]] = {
    "session": ("session_token",),
    "expired_session": ("expired_session_token",),
    INVALID: ("unknown_key",),
}


def locate(kind: str, second_key: str | None = None) -> dict[str, Any]:
    """``{"path": [...]}``: where the credentials document holds `kind` (`OTHER`: the key of
    kind `second_key`)."""
    if kind == OTHER and second_key is not None:
        kind = second_key
    return {"path": list(_PATHS.get(kind, ("keys", kind)))}


def from_document(document: Mapping[str, Any], second_key: str | None) -> dict[str, str]:
    """Credential kind -> value, for every kind the document holds; `OTHER` is the key of
    kind `second_key`."""
    found = {kind: _resolve(document, locate(kind)["path"])
             for kind in [*document["keys"], *_PATHS]}
    if second_key is not None:
        found[OTHER] = found[second_key]
    return found


def remote_variable(kind: str, method: str) -> str:
    """The environment variable `guides check --base-url` reads a credential of `kind` from:
    ``GUIDES_SANDBOX_PRO_KEY`` for an API key, ``GUIDES_SANDBOX_SESSION_TOKEN`` for a
    session token (the method id's last word)."""
    return f"GUIDES_SANDBOX_{kind.upper()}_{method.rsplit('_', 1)[-1].upper()}"


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
