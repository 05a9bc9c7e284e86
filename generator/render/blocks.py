"""The blocks a page repeats for every example, each built as one `Markup` in Python.

In a template every value shown passes through the environment's finalize (`escape_text`)
and then autoescape, two `Markup` constructions a value, and every macro call through
Jinja's call machinery. An example block shows about thirty values and a catalog of
1,000 codes holds a thousand blocks, so here each value from api.yaml is escaped once, by
the same `escape_text`, and code and JSON go into fences verbatim: the Markdown is what the
templates wrote, byte for byte (the golden pages hold them to it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from ..json_text import indented_json
from ..spec import LANGUAGES, Example, Project, Snippet, matcher_placeholder, reason_phrase
from ..spec.matchers import Matcher
from .markdown import code_span, escape_text, fence
from .try_it import try_it_attribute

__all__ = ["ExampleBlocks", "edit_link", "response_block", "sample_tabs", "try_it_marker"]


def edit_link(link: str | None) -> Markup:
    """The "Edit in api.yaml" line, or nothing without a repository to link to."""
    if link is None:
        return Markup("")
    return Markup(f"[Edit in api.yaml]({escape_text(link)})"
                  "{ .guides-source data-search-exclude }\n")


def sample_tabs(snippets: Mapping[str, Snippet]) -> Markup:
    """One content tab per language, each holding its sample verbatim."""
    tabs = []
    for language, spec_language in LANGUAGES.items():
        # Searched for, the samples' words would crowd out the prose in previews.
        code = fence(snippets[language].text, spec_language.highlight, indent=4,
                     searchable=False)
        tabs.append(f'=== "{escape_text(spec_language.label)}"\n\n{code}\n\n')
    return Markup("".join(tabs))


def response_block(status: int, headers: Mapping[str, Any], body: Any,
                   verified: Mapping[str, Any] | None = None) -> Markup:
    """The answer an example gets: status line, headers table, JSON body and, for an answer
    `guides check` recorded, when and against what it was verified."""
    lines = [f"Response: **{status} {escape_text(reason_phrase(status))}**\n"]
    if headers:
        lines.append("\n| Header | Value |\n|--------|-------|\n")
        lines += [f"| {code_span(name)} | {code_span(_shown(value))} |\n"
                  for name, value in headers.items()]
    if body is not None:
        lines.append(f"\n{fence(indented_json(body, matcher_placeholder), 'json')}\n")
    if verified is not None:
        lines.append(f"\nVerified on {escape_text(verified['on'])} against "
                     f"{escape_text(verified['against'])}: `guides check` ran the samples "
                     "above and recorded this answer.{ .guides-verified }\n")
    return Markup("".join(lines))


def _shown(value: object) -> object:
    return value.placeholder() if isinstance(value, Matcher) else value


def try_it_marker(request: Markup) -> Markup:
    """The request the "Try it" control sends, or nothing when it cannot send one.

    The control's script, present only when the site is built with GUIDES_TRY_IT_URL,
    turns this into a button that sends the request and shows the live answer.
    """
    if not request:
        return Markup("")
    return Markup(f'<div class="guides-try" data-request="{request}" hidden></div>\n')


class ExampleBlocks:
    """Each example of `project` as the pages show it, under a heading of a given level."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._index = {example.id: index for index, example in enumerate(project.spec.examples)}

    def edit_link(self, loc: tuple[str | int, ...]) -> Markup:
        """`edit_link` to api.yaml's line for `loc`."""
        return edit_link(source_link(self._project, loc))

    def block(self, example: Example, level: int) -> Markup:
        """Heading, description, samples, response and "Try it" data of `example`."""
        project, spec = self._project, self._project.spec
        parts = [f"{'#' * level} {escape_text(example.title)} "
                 f"{{ #example-{escape_text(example.id)} }}\n\n"]
        if example.description:
            parts.append(f"{escape_text(example.description)}\n\n")
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
        return Markup("".join(parts))


def source_link(project: Project, loc: tuple[str | int, ...]) -> str | None:
    """Where the repository shows api.yaml's line for `loc`, or None without a repository."""
    site = project.spec.site
    line = project.source.position(loc)[0]
    if site.repository is None or line is None:
        return None
    return f"{site.repository}/blob/{site.branch}/{project.source.file}#L{line}"
