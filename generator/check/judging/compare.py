"""What the docs say against what happened: the first divergence, where to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ...model import Example, Spec
from ...model.matchers import Matcher
from ...model.source import Loc
from ..guarding.opaque import Documented, field_of, shown
from ..running.exchange import Exchange, parse_body
from .promises import promise_divergences

__all__ = ["Divergence", "compare", "compare_request", "exchange_signature"]

_MISSING = object()


@dataclass(frozen=True)
class Divergence:
    what: str
    """e.g. ``status``, ``header Location``, ``body $.message``."""
    expected: Any
    actual: Any
    loc: Loc
    """Where api.yaml documents the expected value."""
    needle: str | None = None
    """Text to look for in the snippet to point at its line."""
    literal: bool = False
    """Whether `--update` may replace the documented value at `loc` with the actual one."""
    replacement: Any = _MISSING
    """The actual value to write at `loc`, when it is not `actual` (a whole subtree)."""

    @property
    def new_value(self) -> Any:
        return self.actual if self.replacement is _MISSING else self.replacement

    def describe(self, known: Documented | None = None) -> str:
        """What diverged; with `known` (what api.yaml documents: the answer is a remote
        API's), each run of what it answered that could be hiding a credential and that
        api.yaml does not document shown by its length only."""
        expected, got = _show(self.expected), _show(self.actual)
        if known is not None:
            got = shown(got, self.actual, self.expected, known, field_of(self.what))
        return f"{self.what}: expected {expected}, got {got}"


def compare(spec: Spec, index: int, exchange: Exchange, *,
            illustrations_by_shape: bool = False, job_id: str | None = None) -> list[Divergence]:
    """Every divergence of `exchange` from examples[index], most fundamental first.

    With `illustrations_by_shape` (an API with data of its own, not the sandbox), what a
    success body merely illustrates is judged by its shape: each item of a list like the
    first one shown, each value of the type shown (matchers still hold). What the API
    promises stays exact: status, headers, error bodies, field names and types. `job_id`
    is the job the snippets were lent in place of the one the path shows.
    """
    return [*compare_request(spec, index, exchange, job_id),
            *_response(spec, index, spec.examples[index], exchange,
                       illustrations_by_shape)]


def compare_request(spec: Spec, index: int, exchange: Exchange,
                    job_id: str | None = None) -> list[Divergence]:
    """Every divergence of the request in `exchange` from the one examples[index] documents
    (with `job_id` ending its path, when the snippets were lent one)."""
    request = spec.examples[index].request
    found: list[Divergence] = []
    loc: Loc = ("examples", index, "request")
    if exchange.method != request.method:
        found.append(Divergence("request method", request.method, exchange.method,
                                (*loc, "method"), exchange.method))
    path = request.path if job_id is None else f"{request.path.rsplit('/', 1)[0]}/{job_id}"
    if exchange.path != path:
        found.append(Divergence("request path", path, exchange.path,
                                (*loc, "path"), request.path))
    documented = {h.lower() for h in (request.header, request.conflicting_header,
                                      request.same_key_header) if h}
    sent = exchange.sent(spec.credential_headers)
    if sent != documented:
        found.append(Divergence(
            "auth header", _header_names(spec, documented), _header_names(spec, sent),
            (*loc, "header"), _header_names(spec, sent - documented).split(" and ")[0]
            if sent - documented else request.header))
    if request.body is not None:
        found.extend(_body(request.body, parse_body(exchange.request_body), (*loc, "body"),
                           "request body $", literal=False, closed=True))
    return found


def _response(spec: Spec, index: int, example: Example, exchange: Exchange,
              illustrations_by_shape: bool) -> Iterator[Divergence]:
    response = example.response
    status = spec.response_status(example)
    if response.error:
        entry = next(i for i, e in enumerate(spec.errors) if e.code == response.error)
        status_loc: Loc = ("errors", entry, "status")
        body_loc: Loc = ("errors", entry)
    else:
        status_loc = ("examples", index, "response", "status")
        body_loc = ("examples", index, "response", "body")
    if exchange.status != status:
        yield Divergence("status", status, exchange.status, status_loc, literal=True)
    for name, expected in response.headers.items():
        actual = exchange.response_headers.get(name.lower(), _MISSING)
        if not _matches(expected, actual):
            yield Divergence(f"header {name}", expected, actual,
                             ("examples", index, "response", "headers", name),
                             literal=not isinstance(expected, Matcher) and actual is not _MISSING)
    if response.error:
        yield from _category_rules(spec, response.error, exchange)
    for what, expected, actual, loc in promise_divergences(spec, example, exchange):
        yield Divergence(what, expected, _MISSING if actual is None else actual, loc)
    body = spec.response_body(example)
    if body is None:
        return
    actual_body = parse_body(exchange.response_body)
    if response.error:
        # The catalog entry's fields are where an error body is written.
        yield from _error_body(spec.error(response.error).body(), actual_body, body_loc)
    else:
        yield from (_shape_of(body, actual_body, body_loc, "body $", response.closed,
                              spec.enums)
                    if illustrations_by_shape else
                    _body(body, actual_body, body_loc, "body $", literal=True,
                          closed=response.closed))


def _category_rules(spec: Spec, code: str, exchange: Exchange) -> Iterator[Divergence]:
    category = spec.error(code).category
    for position, rule in enumerate(spec.category_rules):
        actual = exchange.response_headers.get(rule.header.lower(), _MISSING)
        if rule.category == category and not (
                isinstance(actual, str) and actual.startswith(rule.starts_with)):
            yield Divergence(f"header {rule.header} (every {category} error)",
                             f"{rule.starts_with}...", actual,
                             ("category_rules", position, "starts_with"))


def _error_body(expected: dict[str, Any], actual: Any, entry: Loc) -> Iterator[Divergence]:
    fields = {"error": "code", "message": "message", "docs": "docs"}
    # An error body may gain fields (a request id, say); the documented three must be there.
    if not isinstance(actual, dict) or not set(expected) <= set(actual):
        yield Divergence("body $", expected, actual, entry)
        return
    for key, field in fields.items():
        if actual[key] != expected[key]:
            yield Divergence(f"body $.{key}", expected[key], actual[key], (*entry, field),
                             literal=isinstance(actual[key], str))


def _other_keys(expected: Mapping[str, Any], actual: Mapping[str, Any], closed: bool) -> bool:
    """Whether `actual` lacks a key of `expected` or, where objects are `closed`, has one
    more."""
    return not expected.keys() <= actual.keys() or (closed and actual.keys() != expected.keys())


def _body(expected: Any, actual: Any, loc: Loc, path: str,
          *, literal: bool, closed: bool = False) -> Iterator[Divergence]:
    """Structural: every documented key, with its value or matcher; a key more only where
    the objects are `closed` (by default objects may gain fields)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        if _other_keys(expected, actual, closed):
            yield Divergence(path, f"keys {sorted(expected)}", f"keys {sorted(actual)}", loc,
                             literal=literal and not _has_matcher(expected), replacement=actual)
            return
        for key in expected:
            yield from _body(expected[key], actual[key], (*loc, key), f"{path}.{key}",
                             literal=literal, closed=closed)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            yield Divergence(path, f"{len(expected)} items", f"{len(actual)} items", loc,
                             literal=literal and not _has_matcher(expected), replacement=actual)
            return
        for position, (want, got) in enumerate(zip(expected, actual, strict=True)):
            yield from _body(want, got, (*loc, position), f"{path}[{position}]",
                             literal=literal, closed=closed)
    elif not _matches(expected, actual):
        yield Divergence(path, expected, actual, loc,
                         literal=literal and not _has_matcher(expected))


def _shape_of(expected: Any, actual: Any, loc: Loc, path: str, closed: bool,
              enums: Mapping[str, tuple[str, ...]],
              values: tuple[str, ...] | None = None) -> Iterator[Divergence]:
    """`actual` shaped like the illustration `expected`: the same fields, values of the same
    types, every list item like the first one shown; matchers still hold, and a field with
    documented `enums` values holds one of them (`values`, for the field being judged)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        if _other_keys(expected, actual, closed):
            yield Divergence(path, f"keys {sorted(expected)}", f"keys {sorted(actual)}", loc)
            return
        for key in expected:
            yield from _shape_of(expected[key], actual[key], (*loc, key), f"{path}.{key}",
                                 closed, enums, enums.get(key))
    elif isinstance(expected, list) and isinstance(actual, list):
        for position, item in enumerate(actual if expected else []):
            yield from _shape_of(expected[0], item, (*loc, 0), f"{path}[{position}]", closed,
                                 enums)
    elif values is not None and isinstance(expected, str):
        if actual not in values:
            yield Divergence(path, f"one of {list(values)}", actual, loc)
    elif isinstance(expected, Matcher):
        if not expected.matches(actual):
            yield Divergence(path, expected, actual, loc)
    elif _json_type(expected) != _json_type(actual):
        yield Divergence(path, f"a {_json_type(expected)} like {_show(expected)}", actual, loc)


def _json_type(value: Any) -> str:
    """The JSON type of a parsed value: bool before number, as Python counts True as 1."""
    for kind, name in ((bool, "boolean"), (type(None), "null"), (int | float, "number"),
                       (str, "string"), (list, "array"), (dict, "object")):
        if isinstance(value, kind):
            return name
    return "value"


def _has_matcher(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_matcher(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_matcher(v) for v in value)
    return isinstance(value, Matcher)


def _matches(expected: Any, actual: Any) -> bool:
    if isinstance(expected, Matcher):
        return actual is not _MISSING and expected.matches(actual)
    # JSON has one number type and no bool-int equality: 1 and true differ.
    return (type(expected) is type(actual) and expected == actual) or (
        isinstance(expected, int | float) and not isinstance(expected, bool)
        and isinstance(actual, int | float) and not isinstance(actual, bool)
        and expected == actual)


def _header_names(spec: Spec, names: set[str]) -> str:
    written = spec.credential_headers
    return " and ".join(written.get(n, n) for n in sorted(names)) or "none"


def exchange_signature(spec: Spec, exchange: Exchange) -> tuple[Any, ...]:
    """What the languages of one example must agree on (values that vary aside)."""
    return (exchange.method, exchange.path, tuple(sorted(exchange.sent(spec.credential_headers))),
            exchange.status, _shape(parse_body(exchange.response_body)))


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _shape(v)) for k, v in value.items()))
    if isinstance(value, list):
        # Its items' shapes, not their number: a list may grow between two languages' runs
        # (a job submitted meanwhile, against an API whose account the runs share).
        return ("list", tuple(sorted({_shape(v) for v in value}, key=repr)))
    return type(value).__name__


def _show(value: Any) -> str:
    if value is _MISSING:
        return "nothing"
    if isinstance(value, Matcher):
        return str(value)
    # A documented value may hold matchers (a list of objects with `!regex` ids).
    text = (json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str)
            else repr(value))
    return text if len(text) <= 200 else text[:197] + "..."
