"""One page of a list, as the pages' "Lists and paging" section describes it.

`limit` is a whole number from 1 to 100 (10 when absent); `starting_after` names the last
object of the previous page; `has_more` says whether objects follow this page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

DEFAULT_LIMIT, MAX_LIMIT = 10, 100


class InvalidPage(ValueError):
    """A limit out of range, or a cursor naming no object of the list."""


def page_of(objects: Sequence[dict[str, object]], query: Mapping[str, str],
            default_limit: int = DEFAULT_LIMIT) -> tuple[list[dict[str, object]], bool]:
    """The objects of the page `query` asks for, in their order, and whether more follow."""
    limit = _limit(query.get("limit"), default_limit)
    start = 0
    cursor = query.get("starting_after")
    if cursor is not None:
        ids = [item["id"] for item in objects]
        if cursor not in ids:
            raise InvalidPage(f"starting_after {cursor!r} names no object of the list")
        start = ids.index(cursor) + 1
    return list(objects[start:start + limit]), start + limit < len(objects)


def _limit(given: str | None, default_limit: int) -> int:
    if given is None:
        return default_limit
    # A whole number: no sign, no blanks, no non-ASCII digits.
    if re.fullmatch(r"[0-9]+", given) is None or not 1 <= int(given) <= MAX_LIMIT:
        raise InvalidPage(f"limit {given!r} is not a whole number from 1 to {MAX_LIMIT}")
    return int(given)
