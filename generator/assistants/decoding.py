"""A response a user received, decoded into the catalog entry it is, or told apart from one.

The API's error bodies are ``{"error": CODE, "message": text, "docs": url}``; the code
decides, else a code named anywhere, the docs link's anchor or a message quoted. Without
any, the status does when one entry has it; the documented headers (``WWW-Authenticate``,
``Retry-After``…) narrow several down.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import ErrorCode

__all__ = ["Decoded", "decode_response"]

@dataclass(frozen=True)
class Decoded:
    """What a response is: its entry (if one), the entries it may be, and why."""

    entry: ErrorCode | None
    candidates: list[ErrorCode] = field(default_factory=list)
    looks_like_api_answer: bool | None = None
    """Whether the body has the API's error shape; None when no body was given."""
    notes: list[str] = field(default_factory=list)


def _parsed(body: str | Mapping[str, Any] | None) -> tuple[Any, str]:
    """The body as JSON (or as its text when it is not JSON), and its text."""
    if body is None or isinstance(body, Mapping):
        return body, json.dumps(body) if body is not None else ""
    text = body.strip()
    start, end = text.find("{"), text.rfind("}")
    # A pasted answer often carries its status line and headers above the JSON.
    for candidate in (text, text[start:end + 1] if 0 <= start < end else ""):
        try:
            return json.loads(candidate), text
        except ValueError:
            continue
    return (text or None), text


def _named(errors: Sequence[ErrorCode], value: Any, text: str) -> ErrorCode | None:
    """The entry the response names, in the order the page's decoder follows too: the
    body's code, a code anywhere in it, the anchor of its docs link, a message quoted."""
    by_code = {e.code: e for e in errors}
    code = value.get("error") if isinstance(value, dict) else None
    if isinstance(code, str) and code in by_code:
        return by_code[code]
    named = next((by_code[word.upper()] for word in re.findall(r"[A-Za-z0-9_]+", text)
                  if word.upper() in by_code), None)
    if named is not None:
        return named
    docs = value.get("docs") if isinstance(value, dict) else None
    if isinstance(docs, str) and "#" in docs:
        anchor = docs.rsplit("#", 1)[1]
        return next((e for e in errors if e.anchor == anchor), None)
    return next((e for e in errors if e.message in text), None)


def decode_response(errors: Sequence[ErrorCode], status: int | None,
                    body: str | Mapping[str, Any] | None,
                    headers: Mapping[str, str] | None = None) -> Decoded:
    """Decode the response (`status`, `body` as text or JSON, `headers`) into its entry."""
    value, text = _parsed(body)
    # The fields every error body of the API has, as the catalog writes them.
    shaped = isinstance(value, dict) and bool(errors) and all(
        name in value for name in errors[0].body())
    looks = None if value is None else shaped
    notes: list[str] = []
    entry = _named(errors, value, text)
    if entry is not None:
        if status is not None and status != entry.status:
            notes.append(f"The body says {entry.code}, which the API sends with status "
                         f"{entry.status}, not {status}: something between the API and the "
                         "client (a proxy, a gateway) may have changed the status.")
        return Decoded(entry, [entry], looks, notes)
    if shaped:
        notes.append(f"The body has the API's error fields, but its code {value['error']!r} "
                     "is not in the catalog: the API may be newer than these guides; its "
                     "`docs` link and `message` say more.")
        return Decoded(None, _by_status(errors, status), True, notes)
    if isinstance(value, str):
        notes.append("The body is not JSON: the API answers errors in JSON, so this answer "
                     "probably came from something in front of it (a proxy, a load balancer, "
                     "a captive portal) or from another service.")
    candidates = _by_status(errors, status)
    if headers:
        candidates = _by_headers(candidates, headers) or candidates
    if len(candidates) == 1:
        return Decoded(candidates[0], candidates, looks, notes)
    if status is not None and not candidates:
        kind = "a success" if status < 400 else "a status no catalog entry has"
        notes.append(f"Status {status} is {kind}: no entry of the catalog matches it.")
    elif len(candidates) > 1:
        notes.append(f"Status {status} alone fits {len(candidates)} entries; the body's "
                     "`error` field tells which.")
    return Decoded(None, candidates, looks, notes)


def _by_status(errors: Sequence[ErrorCode], status: int | None) -> list[ErrorCode]:
    return [e for e in errors if status is not None and e.status == status]


def _by_headers(candidates: list[ErrorCode], headers: Mapping[str, str]) -> list[ErrorCode]:
    """The candidates whose documented headers the response carries with the same value."""
    received = {name.lower(): value for name, value in headers.items()}
    return [e for e in candidates if e.headers and all(
        name.lower() in received and (received[name.lower()] == value if isinstance(value, str)
                                      else value.matches(received[name.lower()]))
        for name, value in e.headers.items())]
