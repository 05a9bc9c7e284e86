"""A reader's vote as the widget sends it, validated before anything is stored."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

__all__ = ["MAX_BODY_BYTES", "MAX_COMMENT_CHARS", "Event", "InvalidEvent", "parse_event"]

MAX_BODY_BYTES = 8 * 1024
MAX_COMMENT_CHARS = 2000
_FIELDS = {"id", "page", "title", "rating", "comment", "version", "ts"}
_REQUIRED = {"page", "title", "rating", "version", "ts"}


class InvalidEvent(ValueError):
    """What is wrong with a submitted event, in words for its sender."""


@dataclass(frozen=True)
class Event:
    id: str
    """Chosen by the widget, so that a comment sent after the vote updates the same row."""
    page: str
    title: str
    rating: int
    comment: str | None
    version: str
    """Content hash of the api.yaml the page was built from."""
    ts: int
    """Milliseconds since the epoch, by the reader's clock."""


def _storable(value: str) -> bool:
    """Text every backend stores as sent: encodable as UTF-8 (no lone surrogate from a
    ``\\ud800`` escape) and without NUL, which PostgreSQL refuses in text."""
    if "\0" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_event(body: bytes, ratings: frozenset[int]) -> Event:
    """The event in `body`, validated completely so that storing it cannot fail."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise InvalidEvent("the body is not JSON") from err
    except RecursionError as err:
        raise InvalidEvent("the body nests too deeply; an event is a flat JSON object") from err
    if not isinstance(data, dict):
        raise InvalidEvent("the event must be a JSON object")
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise InvalidEvent(f"unknown field {unknown[0]!r}")
    missing = sorted(_REQUIRED - set(data))
    if missing:
        raise InvalidEvent(f"missing field {missing[0]!r}")
    page, title, rating = data["page"], data["title"], data["rating"]
    comment, version, ts = data.get("comment"), data["version"], data["ts"]
    for name in ("page", "title", "version", "comment"):
        if isinstance(data.get(name), str) and not _storable(data[name]):
            raise InvalidEvent(f"{name} must be valid Unicode text without NUL characters")
    if not isinstance(page, str) or not page.startswith("/") or len(page) > 512 \
            or any(c.isspace() or not c.isprintable() for c in page):
        raise InvalidEvent("page must be a URL path such as /api-authentication/")
    if not isinstance(title, str) or len(title) > 300:
        raise InvalidEvent("title must be text of at most 300 characters")
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in ratings:
        raise InvalidEvent(f"rating must be one of {sorted(ratings)}")
    if comment is not None and (not isinstance(comment, str)
                                or len(comment) > MAX_COMMENT_CHARS):
        raise InvalidEvent(f"comment must be text of at most {MAX_COMMENT_CHARS} characters")
    if not isinstance(version, str) or not 0 < len(version) <= 128:
        raise InvalidEvent("version must be the content hash the page was built from")
    if isinstance(ts, bool) or not isinstance(ts, int) or not 0 <= ts < 10**14:
        raise InvalidEvent("ts must be milliseconds since the epoch")
    event_id = data.get("id") or str(uuid.uuid4())
    try:
        event_id = str(uuid.UUID(str(event_id)))
    except ValueError as err:
        raise InvalidEvent("id must be a UUID") from err
    return Event(event_id, page, title, rating, comment.strip() or None if comment else None,
                 version, ts)
