"""Recordings: the exchange an example's samples made, kept beside them for readers.

`guides check` proves a sample against the sandbox; the recording is what that proof saw,
with concrete values (the page shows it instead of api.yaml's matchers). It is a committed,
readable file, ``snippets/<id>/recording.json``; the sandbox is deterministic, so an
unchanged API records the same thing and nothing is rewritten. A recording that no longer
matches what the API answers is stale: the check fails, and `--update` records anew.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ...atomic import write_atomically
from ...model import Example, Project, Spec
from ...model.matchers import Matcher
from ...model.recordings import RECORDING_FILE
from ...paths import SNIPPETS_DIR
from ..guarding.redaction import REDACTED, Redactor
from ..running.exchange import Exchange, parse_body

__all__ = ["Recorded", "record", "sandbox_identity", "stale_recordings", "write_recordings"]

#: Response headers whose values an API answers alike from run to run; the others (Date,
#: Content-Length, Server) describe the transport, not the API.
_KEPT_RESPONSE_HEADERS = ("content-type", "cache-control", "location", "allow",
                          "retry-after", "www-authenticate", "strict-transport-security")
_ORIGIN = re.compile(r"^https://[^/]+")
_LOOPBACK = re.compile(r"https?://(?:127\.0\.0\.\d+|localhost|\[::1\]):\d+")
_ABSENT = object()
#: Request bodies longer than this are recorded by size: a page shows the sample instead.
_LONGEST_BODY = 2048


@dataclass(frozen=True)
class Recorded:
    example: Example
    path: Path
    """Where the recording lives."""
    recording: dict[str, Any]
    """What this check saw, without its date."""


def record(project: Project, example: Example, exchange: Exchange,
           redact: Redactor) -> Recorded:
    """The recording of `exchange` with the sandbox, its addresses written as the API's,
    without a credential in any form."""
    documented = project.spec.api.base_url.rstrip("/")
    origin = _ORIGIN.match(documented)
    assert origin is not None  # the base URL is validated as https://host/…

    def public(text: str) -> str:
        # Where the check's sandbox listened is not part of the API's answer.
        return _LOOPBACK.sub(origin.group(0), text)

    credentials = project.spec.credential_headers
    request_headers = {name: (REDACTED if name in credentials else value)
                       for name, value in sorted(exchange.request_headers.items())
                       if name in credentials or name == "content-type"}
    recording = {
        "request": {"method": exchange.method, "url": documented + exchange.path,
                    "headers": request_headers,
                    "body": _body(exchange.request_body, _LONGEST_BODY)},
        "response": {"status": exchange.status,
                     "headers": {name: public(exchange.response_headers[name])
                                 for name in _KEPT_RESPONSE_HEADERS
                                 if name in exchange.response_headers},
                     "body": _body(exchange.response_body, None)},
    }
    return Recorded(example, _path(project, example), redact.data(recording))


def stale_recordings(project: Project, recorded: list[Recorded]) -> list[tuple[Recorded, str]]:
    """Each recording that differs from what was just recorded, with how it differs."""
    stale = []
    for fresh in recorded:
        committed = project.recordings.get(fresh.example.id)
        if committed is None:
            stale.append((fresh, "it has no recording yet"))
            continue
        old = {key: value for key, value in committed.items() if key != "verified"}
        new = _keeping_what_varies(old, fresh.recording,
                                   _documented(project.spec, fresh.example))
        if old != new:
            stale.append((fresh, _first_difference(old, new, "$")))
    return stale


def _documented(spec: Spec, example: Example) -> dict[str, Any]:
    """The example's documented response, shaped like a recording's (with the headers its
    error code carries on every answer)."""
    response = example.response
    headers = {**(spec.error(response.error).headers if response.error else {}),
               **response.headers}
    return {"response": {"headers": {name.lower(): value for name, value in headers.items()},
                         "body": response.body}}


def _keeping_what_varies(old: Any, new: Any, documented: Any) -> Any:
    """`new`, with the recorded value kept wherever api.yaml documents a matcher that both
    satisfy: a value that legitimately varies (a Retry-After, an id) is not a drift."""
    if isinstance(documented, Matcher):
        return old if documented.matches(old) and documented.matches(new) else new
    if isinstance(documented, dict) and isinstance(old, dict) and isinstance(new, dict):
        return {key: (_keeping_what_varies(old[key], value, documented[key])
                      if key in old and key in documented else value)
                for key, value in new.items()}
    if (isinstance(documented, list) and isinstance(old, list) and isinstance(new, list)
            and len(old) == len(new) == len(documented)):
        return [_keeping_what_varies(*values) for values in zip(old, new, documented,
                                                                   strict=True)]
    return new


def write_recordings(stale: list[tuple[Recorded, str]], against: str) -> list[Path]:
    """Write each stale recording, dated today; return the files written."""
    today = datetime.now(UTC).date().isoformat()
    for fresh, _why in stale:
        document = {"verified": {"on": today, "against": against}, **fresh.recording}
        write_atomically(fresh.path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return [fresh.path for fresh, _why in stale]


def sandbox_identity() -> str:
    """What a recording was verified against when the check ran its own sandbox."""
    return f"guides sandbox {version('trustleads-guides')}"


def _path(project: Project, example: Example) -> Path:
    return project.root / SNIPPETS_DIR / example.id / RECORDING_FILE


def _body(raw: bytes, longest: int | None) -> Any:
    if longest is not None and len(raw) > longest:
        return f"({len(raw)} bytes)"
    return parse_body(raw)


def _first_difference(old: Any, new: Any, path: str) -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key, _ABSENT) != new.get(key, _ABSENT):
                return _first_difference(old.get(key, _ABSENT), new.get(key, _ABSENT),
                                         f"{path}.{key}")
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for position, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return _first_difference(a, b, f"{path}[{position}]")
    shown = [("nothing" if value is _ABSENT else json.dumps(value, ensure_ascii=False)[:120])
             for value in (old, new)]
    return f"{path}: recorded {shown[0]}, the API now answers {shown[1]}"

