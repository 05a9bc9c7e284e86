"""Documented JSON values as JSON Schema, and as concrete example values.

api.yaml writes values that vary as matchers (``!uuid``, ``!iso8601``, ``!regex``); an
OpenAPI document states them as a schema ``format`` or ``pattern``, and its examples need
a concrete value that satisfies them.
"""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import rstr

from ..model.matchers import Iso8601Matcher, Matcher, RegexMatcher, UuidMatcher

__all__ = ["concrete", "merge_schemas", "schema_of"]

#: Examples show one fixed moment, so the document is the same from build to build.
_EXAMPLE_MOMENT = datetime(2026, 1, 1, tzinfo=UTC)
_DRAWS = 20


def schema_of(value: Any, *, closed: bool,
              enums: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, Any]:
    """The schema a documented value stands for.

    Literal values are samples of their type, except a field of `enums`, which is one of its
    values; matchers constrain strings. `closed` objects allow no other keys; the others
    may gain fields, as the pages say.
    """
    enums = enums or {}
    if isinstance(value, Matcher):
        return _matcher_schema(value)
    if isinstance(value, dict):
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {key: {"type": "string", "enum": list(enums[key])}
                           if key in enums and isinstance(item, str)
                           else schema_of(item, closed=closed, enums=enums)
                           for key, item in value.items()},
            "required": list(value),
        }
        if closed:
            schema["additionalProperties"] = False
        return schema
    if isinstance(value, list):
        if not value:
            return {"type": "array"}
        return {"type": "array", "items": merge_schemas(
            [schema_of(item, closed=closed, enums=enums) for item in value])}
    return {"type": _json_type(value)}


def merge_schemas(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """One schema that each of `schemas` satisfies: itself when they agree, else ``anyOf``."""
    distinct: list[dict[str, Any]] = []
    for schema in schemas:
        if schema not in distinct:
            distinct.append(schema)
    return distinct[0] if len(distinct) == 1 else {"anyOf": distinct}


def concrete(value: Any) -> Any:
    """`value` with every matcher replaced by a value it matches, the same on every run."""
    return _concrete(value, random.Random(0))


def _concrete(value: Any, chance: random.Random) -> Any:
    if isinstance(value, dict):
        return {key: _concrete(item, chance) for key, item in value.items()}
    if isinstance(value, list):
        return [_concrete(item, chance) for item in value]
    if isinstance(value, UuidMatcher):
        return str(uuid.UUID(int=chance.getrandbits(128), version=4))
    if isinstance(value, Iso8601Matcher):
        return _EXAMPLE_MOMENT.isoformat().replace("+00:00", "Z")
    if isinstance(value, RegexMatcher):
        return _regex_example(value.pattern)
    return value


@functools.cache
def _regex_example(pattern: str) -> str:
    """One string `pattern` matches, the same for every value it describes and on every run
    (the pattern seeds the draws); drawing it is most of the document's cost."""
    # `+` and `*` repeat up to 100 times in a draw; the shortest of a few reads best.
    draws = rstr.Rstr(random.Random(pattern))
    return min((draws.xeger(pattern) for _ in range(_DRAWS)), key=len)


def _matcher_schema(matcher: Matcher) -> dict[str, Any]:
    if isinstance(matcher, UuidMatcher):
        return {"type": "string", "format": "uuid"}
    if isinstance(matcher, Iso8601Matcher):
        return {"type": "string", "format": "date-time"}
    if isinstance(matcher, RegexMatcher):
        return {"type": "string", "pattern": matcher.pattern}
    raise TypeError(f"no schema for matcher {matcher}")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"
