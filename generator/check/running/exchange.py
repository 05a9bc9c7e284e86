"""What happened on the wire for one snippet run, as the capturing proxy saw it."""

from __future__ import annotations

import base64
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

from ..guarding.shallow_json import loads

__all__ = ["Exchange", "parse_body"]


def parse_body(raw: bytes) -> Any:
    """A body as JSON when it is JSON (nested no deeper than `shallow_json.MAX_DEPTH`), else as
    text; None when there is none."""
    try:
        return loads(raw) if raw else None
    except ValueError:
        return raw.decode("utf-8", "replace")


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    """Below the base URL, with the query string: ``/jobs?page=2``."""
    request_headers: dict[str, str]
    """Lower-cased names."""
    request_body: bytes
    status: int
    response_headers: dict[str, str]
    """Lower-cased names."""
    response_body: bytes

    def sent(self, headers: Collection[str]) -> set[str]:
        """Which of `headers` (lower-cased names) the request carried."""
        return {name for name in headers if name in self.request_headers}

    def redacted(self, redact: Callable[[str], str]) -> Exchange:
        """This exchange with `redact` applied to its path, header values and bodies, as
        it may be written to disk."""
        return replace(
            self, path=redact(self.path),
            request_headers={k: redact(v) for k, v in self.request_headers.items()},
            request_body=_redact_bytes(self.request_body, redact),
            response_headers={k: redact(v) for k, v in self.response_headers.items()},
            response_body=_redact_bytes(self.response_body, redact))

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method, "path": self.path,
            "request_headers": self.request_headers,
            "request_body": base64.b64encode(self.request_body).decode("ascii"),
            "status": self.status, "response_headers": self.response_headers,
            "response_body": base64.b64encode(self.response_body).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exchange:
        return cls(data["method"], data["path"], dict(data["request_headers"]),
                   base64.b64decode(data["request_body"]), int(data["status"]),
                   dict(data["response_headers"]), base64.b64decode(data["response_body"]))


def _redact_bytes(raw: bytes, redact: Callable[[str], str]) -> bytes:
    # Latin-1 maps every byte to one character and back, so a binary body keeps its bytes
    # wherever nothing is redacted; credentials are ASCII, found in either reading.
    try:
        return redact(raw.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return redact(raw.decode("latin-1")).encode("latin-1", "replace")
