"""What the pages show for an example: its recorded answer where `guides check` kept one.

The document's examples are the values the pages show (a real ``Retry-After`` in seconds,
the ``Allow`` the API sent), not values drawn to fit a matcher.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Example

__all__ = ["Recordings", "recorded_body", "recorded_header"]

#: Example id -> its recording (``snippets/<id>/recording.json``).
Recordings = Mapping[str, Mapping[str, Any]]

_MISSING = object()


def recorded_header(recordings: Recordings, example: Example, name: str) -> str | None:
    """The value of header `name` in the answer recorded for `example`, if any."""
    response = recordings.get(example.id, {}).get("response", {})
    # HTTP header names are case-insensitive; the recording keeps them lower-cased.
    for key, value in response.get("headers", {}).items():
        if key.lower() == name.lower() and isinstance(value, str):
            return value
    return None


def recorded_body(recordings: Recordings, example: Example, documented: Any) -> Any:
    """The body recorded for `example`, or `documented` when there is no recording."""
    response = recordings.get(example.id, {}).get("response", {})
    body = response.get("body", _MISSING)
    return documented if body is _MISSING or body is None else body
