"""A response a user received, decoded into the catalog entry it is, or told apart from one.

The API's error bodies are ``{"error": CODE, "message": text, "docs": url}``; the code
decides. Without a body the status does, when one entry has it; the documented headers
(``WWW-Authenticate``, ``Retry-After``…) and the message then narrow several down.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import ErrorCode
from .ranking import rank_errors

__all__ = ["Decoded", "decode_response"]

#: The fields every error body of the API has.
_ERROR_FIELDS = ("error", "message", "docs")


@dataclass(frozen=True)
class Decoded:
    """What a response is: its entry (if one), the entries it may be, and why."""

    entry: ErrorCode | None
    candidates: list[ErrorCode] = field(default_factory=list)
    looks_like_api_answer: bool | None = None
    """Whether the body has the API's error shape; None when no body was given."""
    notes: list[str] = field(default_factory=list)


def _parsed(body: str | Mapping[str, Any] | None) -> tuple[Any, bool]:
    """The body as JSON, and whether it was JSON at all."""
    if body is None or isinstance(body, Mapping):
        return body, body is not None
    text = body.strip()
    if not text:
        return None, False
    start, end = text.find("{"), text.rfind("}")
    # A pasted answer often carries its status line and headers above the JSON.
    for candidate in (text, text[start:end + 1] if 0 <= start < end else ""):
        try:
            return json.loads(candidate), True
        except ValueError:
            continue
    return text, False


def decode_response(errors: Sequence[ErrorCode], status: int | None,
                    body: str | Mapping[str, Any] | None,
                    headers: Mapping[str, str] | None = None) -> Decoded:
    """Decode the response (`status`, `body` as text or JSON, `headers`) into its entry."""
    by_code = {e.code: e for e in errors}
    by_docs = {e.docs.split("#")[-1]: e for e in errors}
    value, is_json = _parsed(body)
    notes: list[str] = []
    shaped = isinstance(value, dict) and all(name in value for name in _ERROR_FIELDS)
    if isinstance(value, dict):
        code = value.get("error")
        docs = value.get("docs")
        entry = by_code.get(code) if isinstance(code, str) else None
        if entry is None and isinstance(docs, str) and "#" in docs:
            entry = by_docs.get(docs.rsplit("#", 1)[1])
        if entry is not None:
            if status is not None and status != entry.status:
                notes.append(f"The body says {entry.code}, which the API sends with status "
                             f"{entry.status}, not {status}: something between the API and the "
                             "client (a proxy, a gateway) may have changed the status.")
            return Decoded(entry, [entry], True, notes)
        if shaped:
            notes.append(f"The body has the API's error fields, but its code {code!r} is not "
                         "in the catalog: the API may be newer than these guides; its `docs` "
                         "link and `message` say more.")
            return Decoded(None, _by_status(errors, status), True, notes)
    elif isinstance(body, str) and body.strip() and not is_json:
        # Plain text may still name a code ("REVOKED_TOKEN") or quote a message.
        named = [e for e in rank_errors(body, errors) if e.score >= 1000]
        if named:
            return Decoded(named[0].item, [named[0].item], None, notes)
        notes.append("The body is not JSON: the API answers errors in JSON, so this answer "
                     "probably came from something in front of it (a proxy, a load balancer, "
                     "a captive portal) or from another service.")
    candidates = _by_status(errors, status)
    if headers:
        narrowed = _by_headers(candidates, headers)
        candidates = narrowed or candidates
    shape = None if value is None else False
    if len(candidates) == 1:
        return Decoded(candidates[0], candidates, shape, notes)
    if status is not None and not candidates:
        kind = "a success" if status < 400 else "a status no catalog entry has"
        notes.append(f"Status {status} is {kind}: no entry of the catalog matches it.")
    elif len(candidates) > 1:
        notes.append(f"Status {status} alone fits {len(candidates)} entries; the body's "
                     "`error` field tells which.")
    return Decoded(None, candidates, shape, notes)


def _by_status(errors: Sequence[ErrorCode], status: int | None) -> list[ErrorCode]:
    return [e for e in errors if status is not None and e.status == status]


def _by_headers(candidates: list[ErrorCode], headers: Mapping[str, str]) -> list[ErrorCode]:
    """The candidates whose documented headers the response carries with the same value."""
    received = {name.lower(): value for name, value in headers.items()}
    return [e for e in candidates if e.headers and all(
        name.lower() in received and (received[name.lower()] == value if isinstance(value, str)
                                      else value.matches(received[name.lower()]))
        for name, value in e.headers.items())]
