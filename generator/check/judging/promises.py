"""The rules the pages state for every answer of a kind, judged on whichever example meets
them: the headers every HTTPS answer carries, a code's own headers, the full ``Allow`` of a
path, and the size and order of a list's page.

Each is written once in api.yaml; a divergence names that line, not the example's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ...model import Example, Spec
from ...model.matchers import Matcher
from ..running.exchange import Exchange, parse_body

__all__ = ["promise_divergences"]


def promise_divergences(spec: Spec, example: Example, exchange: Exchange
                        ) -> Iterator[tuple[str, Any, Any, tuple[str | int, ...]]]:
    """(what, expected, actual, api.yaml location) for each rule `exchange` breaks."""
    if example.request.transport == "https":
        yield from _https_headers(spec, exchange)
    code = example.response.error
    if code:
        yield from _code_headers(spec, code, exchange)
        if spec.error(code).status == 405:
            yield from _allow(spec, example.request.path, exchange)
    else:
        yield from _list_page(spec, example, exchange)


def _https_headers(spec: Spec, exchange: Exchange
                   ) -> Iterator[tuple[str, Any, Any, tuple[str | int, ...]]]:
    for position, rule in enumerate(spec.https_headers):
        actual = exchange.response_headers.get(rule.header.lower())
        if actual is None or not actual.startswith(rule.starts_with):
            yield (f"header {rule.header} (every HTTPS answer)", f"{rule.starts_with}...",
                   actual, ("https_headers", position, "starts_with"))


def _code_headers(spec: Spec, code: str, exchange: Exchange
                  ) -> Iterator[tuple[str, Any, Any, tuple[str | int, ...]]]:
    entry = next(i for i, e in enumerate(spec.errors) if e.code == code)
    for name, expected in spec.errors[entry].headers.items():
        actual = exchange.response_headers.get(name.lower())
        held = (actual is not None and expected.matches(actual)
                if isinstance(expected, Matcher) else actual == expected)
        if not held:
            yield (f"header {name} (every {code})", expected, actual,
                   ("errors", entry, "headers", name))


def _allow(spec: Spec, path: str, exchange: Exchange
           ) -> Iterator[tuple[str, Any, Any, tuple[str | int, ...]]]:
    endpoints = spec.path_endpoints(path)
    if not endpoints:
        return
    expected = spec.allowed_methods(path)
    actual = exchange.response_headers.get("allow")
    # RFC 9110 §10.2.1: a list of methods; their order means nothing.
    got = sorted({m.strip().upper() for m in (actual or "").split(",") if m.strip()})
    if got != expected:
        head_only = {*got} ^ {*expected} == {"HEAD"}
        loc: tuple[str | int, ...] = (("api", "head_with_get") if head_only
                                      else ("endpoints", endpoints[0], "path"))
        yield "header Allow (every 405 of this path)", ", ".join(expected), actual, loc


def _list_page(spec: Spec, example: Example, exchange: Exchange
               ) -> Iterator[tuple[str, Any, Any, tuple[str | int, ...]]]:
    paging, documented = spec.paging, example.response.body
    if paging is None or not isinstance(documented, dict) \
            or paging.items_field not in documented:
        return
    body = parse_body(exchange.response_body)
    items = body.get(paging.items_field) if isinstance(body, dict) else None
    if exchange.status != 200 or not isinstance(items, list):
        return  # the body's own comparison says what is wrong
    asked = parse_qs(urlsplit(exchange.path).query).get(paging.limit_parameter)
    limit = int(asked[-1]) if asked and asked[-1].isdigit() else paging.default_limit
    loc: tuple[str | int, ...] = ("paging", "limit_parameter" if asked else "default_limit")
    if len(items) > limit or (body.get(paging.more_field) is True and len(items) < limit):
        yield (f"body $.{paging.items_field} (a page of {limit} while more follow)",
               f"{limit} items, fewer only on the last page", f"{len(items)} items", loc)
    if paging.oldest_first_by:
        times = [_time(item.get(paging.oldest_first_by)) if isinstance(item, dict) else None
                 for item in items]
        known = [t for t in times if t is not None]
        if len(known) == len(times) and any(later < earlier
                                            for earlier, later in pairwise(known)):
            yield (f"body $.{paging.items_field} (oldest first by "
                   f"{paging.oldest_first_by})", "ascending",
                   [item.get(paging.oldest_first_by) for item in items],
                   ("paging", "oldest_first_by"))


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    # A time without an offset is compared as UTC rather than refused: the type is not
    # what this rule judges.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
