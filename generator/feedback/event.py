"""A reader's vote as the widget sends it, validated before anything is stored."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import ErrorDetails, PydanticCustomError

__all__ = ["MAX_BODY_BYTES", "MAX_COMMENT_CHARS", "Event", "InvalidEvent", "parse_event"]

MAX_BODY_BYTES = 8 * 1024
MAX_COMMENT_CHARS = 2000


class InvalidEvent(ValueError):
    """What is wrong with a submitted event, in words for its sender."""


@dataclass(frozen=True)
class _Says:
    """What the sender is told when a field's value is refused (``{ratings}`` filled in)."""

    message: str


def _storable(value: Any) -> Any:
    """Text every backend stores as sent: encodable as UTF-8 (no lone surrogate from a
    ``\\ud800`` escape) and without NUL, which PostgreSQL refuses in text. Checked before
    any other rule of the field, and reported before them."""
    if isinstance(value, str) and ("\0" in value or not _encodable(value)):
        raise PydanticCustomError("unstorable", "text that cannot be stored")
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _url_path(page: str) -> str:
    if not page.startswith("/") or any(c.isspace() or not c.isprintable() for c in page):
        raise PydanticCustomError("url_path", "not a URL path")
    return page


def _offered(rating: int, info: ValidationInfo) -> int:
    """One of the ratings the collector offers, when `parse_event` names them."""
    ratings = (info.context or {}).get("ratings")
    if ratings is not None and rating not in ratings:
        raise PydanticCustomError("rating", "not an offered rating")
    return rating


def _stripped(comment: str | None) -> str | None:
    return comment.strip() or None if comment else None


def _uuid(value: Any) -> str:
    """The canonical form of the widget's id; a fresh one when it sent none."""
    try:
        return str(uuid.UUID(str(value or uuid.uuid4())))
    except ValueError as err:
        raise PydanticCustomError("uuid", "not a UUID") from err


_Text = BeforeValidator(_storable)


class Event(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    page: Annotated[str, _Text, Field(max_length=512), AfterValidator(_url_path),
                    _Says("page must be a URL path such as /api-authentication/")]
    """The URL path of the page voted on."""
    title: Annotated[str, _Text, Field(max_length=300),
                     _Says("title must be text of at most 300 characters")]
    """The page's title as the reader saw it."""
    rating: Annotated[int, AfterValidator(_offered), _Says("rating must be one of {ratings}")]
    """The vote: one of the ratings the collector offers."""
    comment: Annotated[
        Annotated[str, Field(max_length=MAX_COMMENT_CHARS)] | None, _Text,
        AfterValidator(_stripped),
        _Says(f"comment must be text of at most {MAX_COMMENT_CHARS} characters")] = None
    """What the reader wrote, stripped; None when nothing."""
    version: Annotated[str, _Text, Field(min_length=1, max_length=128),
                       _Says("version must be the content hash the page was built from")]
    """Content hash of the api.yaml the page was built from."""
    ts: Annotated[int, Field(ge=0, lt=10**14), _Says("ts must be milliseconds since the epoch")]
    """Milliseconds since the epoch, by the reader's clock."""
    id: Annotated[str, BeforeValidator(_uuid), _Says("id must be a UUID")] = Field(
        default_factory=lambda: str(uuid.uuid4()))
    """Chosen by the widget, so that a comment sent after the vote updates the same row."""


def parse_event(body: bytes, ratings: frozenset[int]) -> Event:
    """The event in `body`, validated completely so that storing it cannot fail."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise InvalidEvent("the body is not JSON") from err
    except RecursionError as err:
        raise InvalidEvent("the body nests too deeply; an event is a flat JSON object") from err
    try:
        return Event.model_validate(data, context={"ratings": ratings})
    except ValidationError as err:
        first = min(err.errors(), key=_precedence)
        raise InvalidEvent(_explain(first, ratings)) from None


_FIELDS = list(Event.model_fields)
#: Text fields in the order their unstorable text is reported.
_TEXT_ORDER = ["page", "title", "version", "comment"]


def _precedence(error: ErrorDetails) -> tuple[int, int, str]:
    """Which of several problems the sender hears of: an unknown field, then a missing one
    (each by name), then unstorable text, then the fields in their order."""
    name = str(error["loc"][0]) if error["loc"] else ""
    if error["type"] == "extra_forbidden":
        return 0, 0, name
    if error["type"] == "missing":
        return 1, 0, name
    if error["type"] == "unstorable":
        return 2, _TEXT_ORDER.index(name), name
    return 3, _FIELDS.index(name) if name in _FIELDS else -1, name


def _explain(error: ErrorDetails, ratings: frozenset[int]) -> str:
    if not error["loc"]:
        return "the event must be a JSON object"
    name = str(error["loc"][0])
    if error["type"] == "extra_forbidden":
        return f"unknown field {name!r}"
    if error["type"] == "missing":
        return f"missing field {name!r}"
    if error["type"] == "unstorable":
        return f"{name} must be valid Unicode text without NUL characters"
    says = next(m for m in Event.model_fields[name].metadata if isinstance(m, _Says))
    return says.message.format(ratings=sorted(ratings))
