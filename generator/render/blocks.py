"""The pieces of the pages built in Python, each one string of inert Markdown: a code's
catalog entry (many values, one escape each), the samples' tabs (code verbatim) and what
an example's answer shows. The templates lay the pages out around them; an example's
block itself is the `example` macro of ``_macros.md.j2``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..model import (
    ErrorCode,
    Example,
    Project,
    matcher_placeholder,
    reason_phrase,
)
from ..model.matchers import Matcher
from ..model.models import CategoryRule, HeaderRule, Threshold
from .changelog import changelog_link, last_changed
from .inert_markdown import (
    fence,
    inert_text,
    inline_code,
    table_cell,
    url_text,
)

__all__ = ["Answer", "Answers", "PageBlocks", "header_starting", "json_fence", "search_terms",
           "source_link", "threshold_sentence", "try_it_marker"]


def threshold_sentence(threshold: Threshold | None, catalog_page: str) -> str:
    """When a per-client limit trips, and what lifts it: one sentence after an error's
    `when` (nothing for an error without a threshold)."""
    if threshold is None:
        return ""
    return (
        f" Fewer than {threshold.attempts} such requests in any {threshold.seconds} seconds "
        f"never trip it; after {threshold.attempts} within {threshold.seconds} seconds, the "
        "next request gets this error at the latest, and so does every request of that "
        "client (unless an error judged earlier, in the order under "
        f"[When several errors apply]({url_text(catalog_page)}#error-precedence), answers "
        "first) until the seconds in `Retry-After` have passed; then the client starts "
        "afresh.")


@dataclass(frozen=True)
class Answer:
    """What an example's answer shows: its status, its headers (unless the same headers were
    shown already on the page, then `headers_as` names where), its body, and when the
    samples were seen getting it. `same_as` names an earlier example of the page that got
    exactly this answer: then only the status is repeated."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    headers_as: Example | None
    same_as: Example | None
    body: Markup
    verified: Mapping[str, Any] | None


class Answers:
    """The answers one page shows, in order, each distinct one in full once."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._answers: dict[str, Example] = {}
        self._headers: dict[str, Example] = {}

    def of(self, example: Example) -> Answer:
        """`example`'s answer: recorded (concrete values) if the samples were run, else as
        documented."""
        spec = self._project.spec
        recording = self._project.recordings.get(example.id)
        if recording:
            answer = recording["response"]
            status, headers, body = answer["status"], answer["headers"], answer["body"]
            verified = recording["verified"]
        else:
            status, headers = spec.response_status(example), example.response.headers
            body, verified = spec.response_body(example), None
        shown = [(str(name), str(_shown(value))) for name, value in headers.items()]
        fenced = Markup(json_fence(body) if body is not None else "")
        headers_key = repr(shown)
        answer_key = repr((status, shown, fenced))
        same_as = self._answers.setdefault(answer_key, example)
        headers_as = self._headers.setdefault(headers_key, example)
        return Answer(status, reason_phrase(status), shown if headers_as is example else [],
                      None if headers_as is example else headers_as,
                      None if same_as is example else same_as, fenced, verified)


def json_fence(value: Any, title: str | None = None) -> str:
    """A JSON body as the pages show it, matchers as their placeholders."""
    return fence(json.dumps(value, indent=2, ensure_ascii=False, default=matcher_placeholder),
                 "json", title)


def _shown(value: object) -> object:
    return value.placeholder() if isinstance(value, Matcher) else value


def try_it_marker(request: Markup) -> str:
    """The request the "Try it" control sends, or nothing when it cannot send one.

    The control's script, present only when the site is built with GUIDES_TRY_IT_URL,
    turns this into a button that sends the request and shows the live answer.
    """
    if not request:
        return ""
    return f'<div class="guides-try" data-request="{request}" hidden></div>\n'


class PageBlocks:
    """The blocks of `project`'s errors and examples; `catalog_page` is the error catalog's
    page file, which threshold sentences link to."""

    def __init__(self, project: Project, catalog_page: str) -> None:
        self._project = project
        self._spec = project.spec
        self._catalog_page = catalog_page

    def threshold(self, error: ErrorCode) -> str:
        """`threshold_sentence` of `error`."""
        return threshold_sentence(error.threshold, self._catalog_page)

    def catalog_entry(self, error: ErrorCode) -> str:
        """The catalog's section on `error`, up to its examples."""
        body = json_fence(error.body(), "Response body")
        return (
            f"## {inert_text(error.code)} {{ #{inert_text(error.anchor)} }}\n\n"
            f"**{error.status} {inert_text(error.reason)}** — {inert_text(error.message)}\n\n"
            f"When it happens\n:   {inert_text(error.when)}{self.threshold(error)}\n\n"
            f"How to fix it\n:   {inert_text(error.fix)}\n\n"
            + (f"Can it be retried?\n:   {inert_text(error.retry)}\n\n" if error.retry else "")
            + self._last_changed(error)
            + "".join(f"Every answer carries\n:   {carried}\n\n"
                      for carried in self._carried_headers(error))
            + f"{body}")

    def _carried_headers(self, error: ErrorCode) -> list[str]:
        """The headers every answer of `error` carries: its own, then those its category's
        rules name and it does not (their values as far as the rule knows them)."""
        own = {name.lower() for name in error.headers}
        return [*(_carried(name, value) for name, value in error.headers.items()),
                *(header_starting(rule) for rule in self._spec.category_rules
                  if rule.category == error.category and rule.header.lower() not in own)]

    def _last_changed(self, error: ErrorCode) -> str:
        """When `error` last changed, from ``changes:``; nothing if it never did."""
        change = last_changed(self._spec, error.code)
        if change is None or self._spec.pages.changelog is None:
            return ""
        return f"Last changed\n:   {changelog_link(change)}: {inert_text(change.summary)}\n\n"

    def catalog_rows(self) -> str:
        """The catalog's table of codes, a line each."""
        return "".join(f"{self.catalog_row(error)}\n" for error in self._spec.errors)

    def catalog_row(self, error: ErrorCode) -> str:
        """`error`'s line in the catalog's table of codes."""
        return (f"| [{inline_code(error.code)}](#{url_text(error.anchor)}) | "
                f"{error.status} | {table_cell(error.message)} |")


def search_terms(keywords: list[str]) -> str:
    """The words readers search a code by, for the site's search only: hidden on the page."""
    if not keywords:
        return ""
    return f'\n\n<p class="guides-search-terms" hidden>{escape(", ".join(keywords))}</p>'


def header_starting(rule: CategoryRule | HeaderRule) -> str:
    """A header a rule promises, whose value only begins as the rule knows it."""
    return f"a {inline_code(rule.header)} header that starts with {inline_code(rule.starts_with)}"


def _carried(name: str, value: Any) -> str:
    """A header every answer of a code carries: with its value, or, where the value varies
    (a matcher, whose pattern is for the check, not the reader), its name alone."""
    if isinstance(value, Matcher):
        return f"the header {inline_code(name)}"
    return inline_code(f"{name}: {value}")


def source_link(project: Project, loc: tuple[str | int, ...]) -> str | None:
    """Where the repository shows api.yaml's line for `loc`, or None without a repository."""
    site = project.spec.site
    line = project.source.position(loc)[0]
    if site.repository is None or line is None:
        return None
    return f"{site.repository}/blob/{site.branch}/{project.source.file}#L{line}"
