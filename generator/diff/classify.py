"""What each difference means to a client: breaking, additive or editorial, in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ..model.matchers import Matcher
from .walk import ITEM, Difference

__all__ = ["Kind", "classify", "describe"]

Kind = Literal["breaking", "additive", "editorial"]
Verdict = tuple[Kind, str]
Rule = Callable[[Difference], Verdict]

_MESSAGE_NOTE = ("clients should not match on a message, but some do: check that yours "
                 "match on the code")


def _fixed(kind: Kind, note: str = "") -> Rule:
    return lambda _difference: (kind, note)


def _entry(removed: str = "", added_kind: Kind = "additive") -> Rule:
    """An entry or a value that clients may rely on: gone or renamed breaks them."""
    def rule(d: Difference) -> Verdict:
        if d.op == "added":
            return added_kind, ""
        if d.op == "changed":
            return "breaking", ""
        return "breaking", removed
    return rule


def _limit(tighter: Callable[[int, int], bool], what: str) -> Rule:
    """A number clients stay within: tightened breaks them, loosened adds room."""
    def rule(d: Difference) -> Verdict:
        if d.op != "changed":
            return ("breaking", "") if d.op == "removed" else ("additive", "")
        if tighter(d.old, d.new):
            return "breaking", f"{what} tightened"
        return "additive", f"{what} loosened"
    return rule


def _flag(breaking_to: Any, what: str) -> Rule:
    """A setting whose value `breaking_to` takes something away from clients."""
    def rule(d: Difference) -> Verdict:
        return ("breaking", what) if d.new == breaking_to else ("additive", "")
    return rule


def _page(d: Difference) -> Verdict:
    """A generated page gone moves its URL; its wording is editorial."""
    if len(d.path) == 2 and d.op != "changed":
        return _entry(_ANCHOR)(d)
    return "editorial", ""


def _threshold(d: Difference) -> Verdict:
    if d.op == "added":
        return "breaking", "a limit where there was none"
    if d.op == "removed":
        return "additive", "the limit is lifted"
    return "editorial", ""


def _body(d: Difference) -> Verdict:
    """A documented body: a field gone, renamed or of another type breaks the client that
    reads it; a new field is one it ignores; another sample value of the same type is
    editorial, unless the field is an enum, whose values clients branch on."""
    if d.op == "added":
        return "additive", ""
    if d.op in ("removed", "renamed"):
        return "breaking", ""
    if _json_type(d.old) != _json_type(d.new):
        return "breaking", f"retyped from {_json_type(d.old)} to {_json_type(d.new)}"
    return "editorial", "a sample value"


def _json_type(value: Any) -> str:
    if isinstance(value, Matcher | str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    return "object" if isinstance(value, dict) else "array"


_ANCHOR = "a documented URL (page anchor) moves"

#: (path pattern, rule), first match wins; ``**`` ends a pattern that matches any rest.
_RULES: list[tuple[tuple[str, ...], Rule]] = [
    (("errors", ITEM), _entry()),
    (("errors", ITEM, "status"), _fixed("breaking")),
    (("errors", ITEM, "category"), _fixed("breaking")),
    (("errors", ITEM, "headers", ITEM), _entry()),
    (("errors", ITEM, "headers"), _entry()),
    (("errors", ITEM, "docs"), _fixed("breaking", "the documented URL in the error body moves")),
    (("errors", ITEM, "message"), _fixed("editorial", _MESSAGE_NOTE)),
    (("errors", ITEM, "threshold"), _threshold),
    (("errors", ITEM, "threshold", "attempts"), _limit(lambda a, b: b < a, "throttle")),
    (("errors", ITEM, "threshold", "seconds"), _limit(lambda a, b: b > a, "throttle")),
    (("examples", ITEM), _entry(_ANCHOR)),
    (("examples", ITEM, "response", "status"), _fixed("breaking")),
    (("examples", ITEM, "response", "error"), _fixed("breaking")),
    (("examples", ITEM, "response", "headers", ITEM), _entry()),
    (("examples", ITEM, "response", "body", "**"), _body),
    (("endpoints", ITEM), _entry("clients calling it break")),
    (("endpoints", ITEM, "id"), _fixed("breaking", _ANCHOR)),
    (("endpoints", ITEM, "scope"), _entry(added_kind="breaking")),
    (("endpoints", ITEM, "answers"), _entry()),
    (("objects", ITEM), _entry(_ANCHOR)),
    (("objects", ITEM, "fields", ITEM), _entry()),
    (("field_values", ITEM), _entry()),
    (("field_values", ITEM, "values", ITEM), _entry()),
    (("paging",), _entry()),
    (("paging", "max_limit"), _limit(lambda a, b: b < a, "page size")),
    (("paging", "default_limit"), _limit(lambda a, b: b < a, "page size")),
    (("paging", "oldest_first_by"), _entry()),
    (("paging", "**"), _fixed("breaking")),
    (("headers", ITEM), _entry()),
    (("headers", ITEM, "accepts", ITEM), _entry("a credential rule tightened")),
    (("headers", ITEM, "value"), _fixed("breaking")),
    (("auth_methods", ITEM), _entry()),
    (("scopes", ITEM), _entry()),
    (("plans", ITEM), _entry()),
    (("plans", ITEM, "scopes", ITEM), _entry("a credential rule tightened")),
    (("plans", ITEM, "api_access"), _flag("read-only", "a credential rule tightened")),
    (("api", "base_url"), _fixed("breaking")),
    (("api", "key_prefix"), _fixed("breaking")),
    (("api", "plain_http"), _flag("reject", "plain HTTP is no longer redirected")),
    (("api", "head_with_get"), _flag(False, "HEAD is no longer answered")),
    (("site", "url"), _fixed("breaking", "every documented URL moves")),
    (("pages", ITEM), _entry(_ANCHOR)),
    (("pages", "**"), _page),
    (("category_rules", ITEM), _entry()),
    (("category_rules", ITEM, "starts_with"), _fixed("breaking")),
    (("https_headers", ITEM), _entry()),
    (("https_headers", ITEM, "starts_with"), _fixed("breaking")),
    (("error_precedence", ITEM), _fixed("breaking", "the order errors are judged in")),
    (("error_precedence", ITEM, "codes", "**"), _fixed("breaking",
                                                       "the order errors are judged in")),
]


def _matches(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    if pattern and pattern[-1] == "**":
        return path[:len(pattern) - 1] == pattern[:-1]
    return path == pattern


def classify(difference: Difference) -> Verdict:
    """Its kind, and a note on why when the words alone do not say it. Anything no rule
    names (wording, the samples' variables, the check's credentials) is editorial."""
    for pattern, rule in _RULES:
        if _matches(pattern, difference.path):
            return rule(difference)
    return "editorial", ""


#: Top-level section -> what one of its entries is called.
_NOUNS = {"errors": "code", "examples": "example", "endpoints": "endpoint",
          "objects": "object", "field_values": "enum field", "auth_methods":
          "authentication method", "headers": "auth header", "scopes": "scope",
          "plans": "plan", "category_rules": "category rule", "https_headers":
          "HTTPS header rule", "changes": "announcement", "error_precedence":
          "precedence step", "pages": "page"}


def describe(d: Difference) -> str:
    """The difference in words, e.g. ``code INVALID_TOKEN: status changed from 401 to 400``."""
    keys = iter(d.keys)
    parts = [next(keys, "?") if name == ITEM else name for name in d.path]
    section = d.path[0]
    if len(d.path) > 1 and d.path[1] == ITEM and section in _NOUNS:
        subject, rest = f"{_NOUNS[section]} {parts[1]}", parts[2:]
    else:
        subject, rest = section, parts[1:]
    if d.op == "renamed" and len(d.path) == 2:
        return f"{_NOUNS.get(section, section)} {d.old} renamed to {d.new}"
    if d.op == "renamed":
        rest = [*rest[:-1], str(d.old)]
    field = ".".join(rest)
    verb = {"added": "added", "removed": "removed",
            "renamed": f"renamed to {d.new}"}.get(d.op) or _change_words(d.old, d.new)
    if d.op == "added" and not isinstance(d.new, dict | list) and _short(d.new) and rest:
        verb = f"added ({_short(d.new)})"
    return f"{subject}: {field} {verb}" if field else f"{subject} {verb}"


def _change_words(old: Any, new: Any) -> str:
    before, after = _short(old), _short(new)
    if before and after:
        return f"changed from {before} to {after}"
    return "reworded" if isinstance(old, str) and isinstance(new, str) else "changed"


def _short(value: Any) -> str:
    """A value short enough to quote in a line; long text is only said to change."""
    text = str(value) if isinstance(value, Matcher) else repr(value) \
        if isinstance(value, str) else str(value)
    return text if len(text) <= 40 and not isinstance(value, list | dict) else ""
