"""Typed matchers for values that legitimately vary: ``!uuid``, ``!iso8601``, ``!regex '…'``.

Written as YAML tags in api.yaml, where a literal would be wrong on the next run (ids,
timestamps); never a text ellipsis.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

__all__ = ["MATCHER_TAGS", "Matcher", "matcher_from_tag"]


class Matcher:
    """A documented value that any actual value satisfying `matches` stands for."""

    tag = ""

    def matches(self, value: Any) -> bool:
        raise NotImplementedError

    def placeholder(self) -> str:
        """How the docs show it to readers."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.tag

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.is_instance_schema(cls)


@dataclass(frozen=True, eq=True)
class UuidMatcher(Matcher):
    tag = "!uuid"

    def matches(self, value: Any) -> bool:
        try:
            return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
        except ValueError:
            return False

    def placeholder(self) -> str:
        return "<uuid>"


@dataclass(frozen=True, eq=True)
class Iso8601Matcher(Matcher):
    tag = "!iso8601"

    def matches(self, value: Any) -> bool:
        if not isinstance(value, str) or "T" not in value:
            return False
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return False
        return True

    def placeholder(self) -> str:
        return "<ISO 8601 date-time>"


@dataclass(frozen=True, eq=True)
class RegexMatcher(Matcher):
    pattern: str
    tag = "!regex"

    def matches(self, value: Any) -> bool:
        return isinstance(value, str) and re.search(self.pattern, value) is not None

    def placeholder(self) -> str:
        return f"<text matching {self.pattern}>"

    def __str__(self) -> str:
        return f"!regex {self.pattern!r}"


_VALUELESS: dict[str, type[Matcher]] = {cls.tag: cls for cls in (UuidMatcher, Iso8601Matcher)}
MATCHER_TAGS = (*_VALUELESS, RegexMatcher.tag)


def matcher_from_tag(tag: str, value: str) -> Matcher:
    """The matcher a YAML tag stands for; ValueError says what is wrong with it."""
    if tag in _VALUELESS:
        if value:
            raise ValueError(f"{tag} takes no value; write just {tag}")
        return _VALUELESS[tag]()
    if tag == RegexMatcher.tag:
        try:
            re.compile(value)
        except re.error as err:
            raise ValueError(f"{tag} {value!r} is not a valid regular expression: {err}") \
                from err
        if not value:
            raise ValueError(f"{tag} needs a pattern, e.g. {tag} '^job_'")
        return RegexMatcher(value)
    raise ValueError(f"unknown tag {tag}; the matchers are {', '.join(MATCHER_TAGS)}")
