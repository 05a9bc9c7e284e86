"""Lists read a page at a time: ``limit`` objects after the ``starting_after`` cursor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "page"]

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


def page(objects: list[dict[str, Any]], query: Mapping[str, str]) -> dict[str, Any] | None:
    """``{"data": [...], "has_more": ...}`` for `query`, or None when it asks for a limit out
    of range or starts after an id that names no object."""
    limit_text = query.get("limit", str(DEFAULT_LIMIT))
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
        return None
    start = 0
    cursor = query.get("starting_after")
    if cursor is not None:
        ids = [item["id"] for item in objects]
        if cursor not in ids:
            return None
        start = ids.index(cursor) + 1
    shown = objects[start:start + int(limit_text)]
    return {"data": shown, "has_more": start + len(shown) < len(objects)}
