"""JSON from an API parsed only when it nests no deeper than api.yaml may.

Python's parser, and every walk over what it returns, recurse once per level: a body of a
thousand ``[`` would end the check in a `RecursionError`. The depth is measured first, by a
scan that does not recurse (strings removed, then a running count of brackets).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from ...model.reader import MAX_DEPTH

__all__ = ["MAX_DEPTH", "TooDeep", "depth", "loads"]

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
# Per byte value, what it adds to the depth: only brackets are left when this is used.
_STEP = [1 if c in b"[{" else -1 if c in b"]}" else 0 for c in range(256)]


class TooDeep(ValueError):
    """A JSON text nested deeper than `MAX_DEPTH` levels."""


def depth(raw: bytes) -> int:
    """How deep the arrays and objects of the JSON text `raw` nest (an overestimate for
    text that is no JSON, never an underestimate)."""
    brackets = _STRINGS.sub(b"", raw).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def loads(raw: bytes | str) -> Any:
    """`json.loads`, refusing (`TooDeep`) a text that nests deeper than `MAX_DEPTH`."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if depth(data) > MAX_DEPTH:
        raise TooDeep(f"the body nests deeper than {MAX_DEPTH} levels")
    return json.loads(raw)
