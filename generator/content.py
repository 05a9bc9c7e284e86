"""What the site gets from api.yaml: its pages, validated and rendered, kept in the cache.

The one entry point of a build (the CLI and the MkDocs plugin both call `site_content`):
api.yaml is loaded and validated, the pages are rendered and link-checked (`pipeline`), and
the result is stored under a key of every input, so that a build with unchanged inputs
neither validates again nor imports the validator.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .cache import PACKAGE, content_key, files_under, installed_distributions, project_cache
from .errors import GuidesError
from .paths import PAGES, SNIPPETS_DIR

__all__ = ["FIELD_REFERENCE_MARKER", "SiteContent", "error_content", "site_content",
           "with_field_reference"]

#: The line of a hand-written page that the field reference of api.yaml replaces.
FIELD_REFERENCE_MARKER = "<!-- field reference of api.yaml -->"

#: Records of the last few versions of api.yaml (a preview writes one per save).
_KEPT_VERSIONS = 4


@dataclass(frozen=True)
class SiteContent:
    """What the site needs from a validated api.yaml."""

    pages: dict[str, str]
    """Generated page file -> its Markdown."""
    site_url: str
    digest: str
    """SHA-256 of api.yaml: the content version the pages were built from."""
    edit_urls: dict[str, str]
    """Page file -> where its source is edited (api.yaml's line for a generated page)."""
    openapi: str
    """The OpenAPI document of api.yaml, published beside the pages."""
    field_reference: str
    """Every field of api.yaml, from the models' docstrings: Markdown for a hand-written page
    (see `with_field_reference`)."""


def site_content(spec_path: Path, docs_dir: Path) -> SiteContent:
    """The content for these inputs; raises `SpecError` (with positions) when api.yaml is
    invalid. Hand-written pages in `docs_dir` take part in the link check."""
    spec_path = spec_path.resolve()
    cache = project_cache(spec_path.parent, "pages", keep=_KEPT_VERSIONS)
    key = content_key(
        spec=spec_path, snippets=files_under(spec_path.parent / SNIPPETS_DIR),
        docs=files_under(docs_dir, ".md"), code=files_under(PACKAGE, ".py", ".j2"),
        python=sys.version, libraries=" ".join(installed_distributions()))
    cached = cache.get(key)
    if isinstance(cached, dict):
        try:
            return SiteContent(**cached)
        except TypeError:
            pass  # written by another version of this class: render anew
    content = _render(spec_path, docs_dir)
    cache.put(key, asdict(content))
    return content


def _render(spec_path: Path, docs_dir: Path) -> SiteContent:
    # Imported on a miss only: the validator, the templates and their libraries are most
    # of the cost of a build whose inputs did not change.
    from .openapi import openapi_json
    from .pipeline import hand_written_pages, validate
    from .render import page_sources, render_field_reference

    project, pages = validate(spec_path, docs_dir)
    docs_folder = Path(os.path.relpath(docs_dir.resolve(), spec_path.parent)).as_posix()
    return SiteContent(pages, project.spec.site.url, project.digest, page_sources(
        project, hand_written_pages(docs_dir), docs_folder),
        openapi_json(project.spec, project.recordings), render_field_reference())


def error_content(error: GuidesError) -> SiteContent:
    """What a live preview shows while api.yaml is invalid: the error, on every page."""
    # Imported here, like the validator: a build whose inputs did not change needs neither.
    from .render import render_field_reference
    from .render.markdown import fence

    page = (f"# api.yaml has an error\n\nThe guides cannot be generated until it is fixed; "
            f"this page comes back by itself once the file is valid.\n\n"
            f"{fence(str(error), 'text')}\n")
    # The reference comes from the models, not the file: it stays while the file is fixed.
    return SiteContent(dict.fromkeys(PAGES, page), "", "", {}, "", render_field_reference())


def with_field_reference(markdown: str, reference: str) -> str:
    """A hand-written page with the field reference in place of its marker line, if any."""
    return "".join(reference if line.strip() == FIELD_REFERENCE_MARKER else line
                   for line in markdown.splitlines(keepends=True))
