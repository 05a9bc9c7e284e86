"""What happened on the wire for one snippet run, as the capturing proxy saw it."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["AUTH_HEADERS", "Exchange", "parse_body"]

#: Request headers that carry credentials, lower-cased.
AUTH_HEADERS = ("authorization", "x-api-key")


def parse_body(raw: bytes) -> Any:
    """A body as JSON when it is JSON, else as text; None when there is none."""
    try:
        return json.loads(raw) if raw else None
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

    @property
    def auth_headers(self) -> set[str]:
        return {name for name in AUTH_HEADERS if name in self.request_headers}

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
