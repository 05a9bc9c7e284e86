"""The blocks the pages repeat for every error code and example, each built in Python as one
string of inert Markdown; the templates lay out the pages around them.

In a template every value shown passes through the environment's finalize (`escape_text`)
and then autoescape, two `Markup` constructions a value, and every macro call and loop step
through Jinja's machinery. A code's entry and example show about forty values and a catalog
of 1,000 codes holds a thousand of each, so here each value from api.yaml is escaped once,
by the rules of `escape_text`, and code and JSON go into fences verbatim: the Markdown is
what the templates wrote, byte for byte (the golden pages hold them to it). The parts are
plain strings, joined; only what a template receives is marked safe, once a block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from ..json_text import indented_json
from ..model import (
    LANGUAGES,
    ErrorCode,
    Example,
    Project,
    Snippet,
    matcher_placeholder,
    reason_phrase,
)
from ..model.matchers import Matcher
from ..model.models import Threshold
from .markdown import (
    fence,
    inert_text,
    inline_code,
    markdown_cell,
    markdown_link,
    table_cell,
    url_text,
)
from .try_it import try_it_attribute

__all__ = ["PageBlocks", "edit_link", "json_fence", "response_block", "sample_tabs", "source_link",
           "threshold_sentence", "try_it_marker"]


def edit_link(link: str | None) -> str:
    """The "Edit in api.yaml" line, or nothing without a repository to link to."""
    if link is None:
        return ""
    return f"{markdown_link('Edit in api.yaml', link)}{{ .guides-source data-search-exclude }}\n"


def threshold_sentence(threshold: Threshold | None, catalog_page: str) -> str:
    """When a per-client limit trips, and what lifts it: one sentence after an error's
    `when` (nothing for an error without a threshold)."""
    if threshold is None:
        return ""
    return (
        f" It takes {threshold.attempts} such requests within {threshold.seconds} seconds; "
        "from then on that client's requests get this error (unless an error judged earlier, "
        f"in the order under [When several errors apply]({url_text(catalog_page)}"
        "#error-precedence), answers first) until the seconds in `Retry-After` have passed, "
        "and then the client starts afresh.")


def sample_tabs(snippets: Mapping[str, Snippet]) -> str:
    """One content tab per language, each holding its sample verbatim."""
    tabs = []
    for language, spec_language in LANGUAGES.items():
        # Searched for, the samples' words would crowd out the prose in previews.
        code = fence(snippets[language].text, spec_language.highlight, indent=4,
                     searchable=False)
        tabs.append(f'=== "{inert_text(spec_language.label)}"\n\n{code}\n\n')
    return "".join(tabs)


def response_block(status: int, headers: Mapping[str, Any], body: Any,
                   verified: Mapping[str, Any] | None = None) -> str:
    """The answer an example gets: status line, headers table, JSON body and, for an answer
    `guides check` recorded, when and against what it was verified."""
    lines = [f"Response: **{status} {inert_text(reason_phrase(status))}**\n"]
    if headers:
        lines.append("\n| Header | Value |\n|--------|-------|\n")
        lines += [f"| {markdown_cell(inline_code(name))} | "
                  f"{markdown_cell(inline_code(_shown(value)))} |\n"
                  for name, value in headers.items()]
    if body is not None:
        lines.append(f"\n{json_fence(body)}\n")
    if verified is not None:
        lines.append(f"\nVerified on {inert_text(verified['on'])} against "
                     f"{inert_text(verified['against'])}: `guides check` ran the samples "
                     "above and recorded this answer.{ .guides-verified }\n")
    return "".join(lines)


def json_fence(value: Any, title: str | None = None) -> str:
    """A JSON body as the pages show it, matchers as their placeholders."""
    return fence(indented_json(value, matcher_placeholder), "json", title)


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
        self._index = {example.id: index for index, example in enumerate(self._spec.examples)}

    def edit_link(self, loc: tuple[str | int, ...]) -> str:
        """`edit_link` to api.yaml's line for `loc`."""
        return edit_link(source_link(self._project, loc))

    def threshold(self, error: ErrorCode) -> str:
        """`threshold_sentence` of `error`."""
        return threshold_sentence(error.threshold, self._catalog_page)

    def catalog_entry(self, error: ErrorCode, index: int) -> str:
        """The catalog's section on `error`, the `index`-th code, up to its examples."""
        body = json_fence(error.body(), "Response body")
        return (
            f"## {inert_text(error.code)} {{ #{inert_text(error.anchor)} }}\n\n"
            f"{self.edit_link(('errors', index))}\n"
            f"**{error.status} {inert_text(error.reason)}** — {inert_text(error.message)}\n\n"
            f"When it happens\n:   {inert_text(error.when)}{self.threshold(error)}\n\n"
            f"How to fix it\n:   {inert_text(error.fix)}\n\n"
            f"Documentation\n:   {markdown_link(error.docs, error.docs)}\n\n"
            f"{body}")

    def catalog_rows(self) -> str:
        """The catalog's table of codes, a line each."""
        return "".join(f"{self.catalog_row(error)}\n" for error in self._spec.errors)

    def catalog_sections(self) -> str:
        """Each code's section of the catalog: its entry, then its examples."""
        examples = self._spec.examples_by_error
        return "".join(
            f"{self.catalog_entry(error, index)}\n\n"
            + "".join(f"{self.example(example, 3)}\n" for example in examples.get(error.code, []))
            for index, error in enumerate(self._spec.errors))

    def error_rows(self) -> str:
        """Every code's line in a table on another page: `error_row`."""
        return "".join(f"{self.error_row(error)}\n" for error in self._spec.errors)

    def error_responses(self) -> str:
        """Each error answer an example documents: `error_response`."""
        return "".join(f"{self.error_response(example)}\n\n"
                       for example in self._spec.examples if example.response.error)

    def catalog_row(self, error: ErrorCode) -> str:
        """`error`'s line in the catalog's table of codes."""
        return (f"| [{inline_code(error.code)}](#{url_text(error.anchor)}) | "
                f"{error.status} | {table_cell(error.message)} |")

    def error_row(self, error: ErrorCode) -> str:
        """`error`'s line in a table of codes on another page: when it happens, linked to
        its entry in the catalog."""
        return (f"| [{inline_code(error.code)}]({url_text(self._catalog_page)}"
                f"#{url_text(error.anchor)}) | {error.status} {inert_text(error.reason)} "
                f"| {table_cell(error.when)}{markdown_cell(self.threshold(error))} |")

    def error_response(self, example: Example) -> str:
        """The error answer `example` documents, under a heading of its own."""
        spec = self._spec
        status = spec.response_status(example)
        body = json_fence(spec.response_body(example))
        return (f"### {status} {inert_text(reason_phrase(status))} — "
                f"{inert_text(example.title)} {{ #response-{inert_text(example.id)} }}"
                f"\n\n{body}")

    def example(self, example: Example, level: int) -> str:
        """Heading, description, samples, response and "Try it" data of `example`."""
        project, spec = self._project, self._spec
        parts = [f"{'#' * level} {inert_text(example.title)} "
                 f"{{ #example-{inert_text(example.id)} }}\n\n"]
        if example.description:
            parts.append(f"{inert_text(example.description)}\n\n")
        parts.append(f"{self.edit_link(('examples', self._index[example.id]))}\n")
        parts.append(f"{sample_tabs(project.snippets[example.id])}\n")
        recording = project.recordings.get(example.id)
        if recording:
            # What the check saw the samples receive: concrete values, where api.yaml has
            # matchers.
            answer = recording["response"]
            response = response_block(answer["status"], answer["headers"], answer["body"],
                                      recording["verified"])
        else:
            response = response_block(spec.response_status(example), example.response.headers,
                                      spec.response_body(example))
        parts.append(f"{response}\n")
        parts.append(f"{try_it_marker(try_it_attribute(spec, example))}\n")
        return "".join(parts)


def source_link(project: Project, loc: tuple[str | int, ...]) -> str | None:
    """Where the repository shows api.yaml's line for `loc`, or None without a repository."""
    site = project.spec.site
    line = project.source.position(loc)[0]
    if site.repository is None or line is None:
        return None
    return f"{site.repository}/blob/{site.branch}/{project.source.file}#L{line}"
