"""What the assistants' tools answer from: the catalog, the examples with their samples and
recordings, and every page's sections, all read from one loaded project and its pages."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..languages import LANGUAGES
from ..model import ErrorCode, Example, Project, matcher_placeholder
from .sections import Section, reader_markdown, sections_of

__all__ = ["Guides", "page_url"]


def page_url(site_url: str, page: str, anchor: str = "") -> str:
    """The address of `page` (a Markdown file of the site) on the published site."""
    path = page.removesuffix(".md")
    path = "" if path in ("index", "") else path.removesuffix("/index") + "/"
    return site_url + path + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Guides:
    """The guides as the tools see them; `version` is api.yaml's digest (the content version
    the site states too)."""

    project: Project
    pages: Mapping[str, str]
    """Page file -> its Markdown: the generated pages (in the order of `paths.PAGES`), then
    the hand-written ones."""

    @property
    def version(self) -> str:
        return self.project.digest

    @property
    def site_url(self) -> str:
        return self.project.spec.site.url

    @property
    def errors(self) -> list[ErrorCode]:
        return self.project.spec.errors

    @cached_property
    def sections(self) -> list[Section]:
        """Every page's sections, in page order."""
        return [section for page, markdown in self.pages.items()
                for section in sections_of(page, markdown)]

    def section_url(self, section: Section) -> str:
        return page_url(self.site_url, section.page, section.anchor)

    def markdown(self, page: str) -> str:
        return reader_markdown(self.pages[page])

    def example(self, example_id: str) -> Example | None:
        return next((e for e in self.project.spec.examples if e.id == example_id), None)

    def example_url(self, example: Example) -> str | None:
        """Where the site shows `example` (its first page), or None if no page does."""
        anchor = f"example-{example.id}"
        for page, markdown in self.pages.items():
            if f"#{anchor} }}" in markdown:
                return page_url(self.site_url, page, anchor)
        return None

    def entry(self, error: ErrorCode) -> dict[str, Any]:
        """A catalog entry as the tools return it."""
        return {
            "code": error.code,
            "status": error.status,
            "reason": error.reason,
            "category": error.category,
            "message": error.message,
            "when": error.when,
            "fix": error.fix,
            "retry": error.retry,
            "headers": _plain(error.headers),
            "docs": error.docs,
            "examples": [e.id for e in self.project.spec.examples_by_error.get(error.code, [])],
        }

    def sample(self, example: Example, language: str) -> dict[str, Any]:
        """`example`'s sample in `language` (a key of LANGUAGES) and what it was seen getting."""
        shown = LANGUAGES[language]
        snippet = self.project.snippets[example.id][language]
        recording = self.project.recordings.get(example.id)
        spec = self.project.spec
        if recording:
            answer = recording["response"]
            response = {"status": answer["status"], "headers": answer["headers"],
                        "body": answer["body"], "recorded": True}
            verified: dict[str, Any] | None = dict(recording["verified"])
        else:
            response = {"status": spec.response_status(example),
                        "body": _plain(spec.response_body(example)),
                        "headers": _plain(example.response.headers), "recorded": False}
            verified = None
        return {
            "id": example.id,
            "title": example.title,
            "description": example.description,
            "language": shown.label,
            "file": snippet.path,
            "run": " ".join(shown.command),
            "code": snippet.text,
            "response": response,
            "verified": verified,
            "url": self.example_url(example),
            "content_version": self.version,
        }


def _plain(value: Any) -> Any:
    """`value` as JSON holds it: a documented value that varies becomes its placeholder."""
    return json.loads(json.dumps(value, default=matcher_placeholder))
