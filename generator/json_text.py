"""JSON as the pages show it: ``json.dumps(value, indent=2, ensure_ascii=False)``, the same
text, without the standard library's indenting encoder.

That encoder is pure Python and builds a knot of closures for every call: a page of 1,000
codes encodes 3,000 bodies, spending more on the encoder and on collecting its knots than
on the values. Here strings are escaped by the C function `json.dumps` itself uses, and the
nesting is walked by one plain function.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

__all__ = ["indented_json"]

_INDENT = "  "


def indented_json(value: Any, default: Callable[[Any], Any]) -> str:
    """`value` as ``json.dumps(value, indent=2, ensure_ascii=False, default=default)``."""
    return _encoded(value, default, "\n")


def _encoded(value: Any, default: Callable[[Any], Any], newline: str) -> str:
    """`value` encoded, its nested lines starting with `newline` and one more indent."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or isinstance(value, bool | int | float):
        return _scalar(value)
    inner = newline + _INDENT
    if isinstance(value, dict):
        if not value:
            return "{}"
        entries = (f"{inner}{_key(key)}: {_encoded(item, default, inner)}"
                   for key, item in value.items())
        return "{" + ",".join(entries) + newline + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + ",".join(inner + _encoded(item, default, inner) for item in value) + \
            newline + "]"
    return _encoded(default(value), default, newline)


def _scalar(value: bool | int | float | None) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """Keys are strings in JSON: other scalars are written as their JSON text, quoted."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, bool | int | float):
        return encode_basestring(_scalar(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
