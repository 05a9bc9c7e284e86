"""The build flow: api.yaml validated, its pages rendered and link-checked, kept in the cache.

`site_content` is what MkDocs gets (through the plugin): validate → render, stored under a key
of every input, so that a rebuild with unchanged inputs validates nothing. `generate` writes
the same pages out for another site generator.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from .atomic import write_atomically
from .cache import PACKAGE, content_key, files_under, installed_distributions, project_cache
from .catalog_links import check_docs_links
from .errors import GuidesError, SpecError
from .model import Project, load_project
from .model.foreign_files import foreign_files
from .openapi import openapi_json
from .paths import FEED_FILE, OPENAPI_FILE, PAGES, SNIPPETS_DIR
from .render import page_sources, render_field_reference, render_pages
from .render.changelog import atom_feed
from .render.inert_markdown import fence

__all__ = ["FIELD_REFERENCE_MARKER", "SiteContent", "checked_pages", "error_content",
           "every_page", "generate", "hand_written_pages", "site_content",
           "with_field_reference"]

#: The line of a hand-written page that the field reference of api.yaml replaces.
FIELD_REFERENCE_MARKER = "<!-- field reference of api.yaml -->"

_FRONT_MATTER = "---\n"

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
    feed: str = ""
    """The Atom feed of the announced changes, published with the Changelog page (empty
    without one)."""

    @property
    def files_beside_pages(self) -> dict[str, str]:
        """The files published beside the pages, by path: the OpenAPI document and the feed
        (where there is one). The one list of what the site carries besides its pages."""
        return {path: text for path, text in ((OPENAPI_FILE, self.openapi),
                                              (FEED_FILE, self.feed)) if text}


def site_content(spec_path: Path, docs_dir: Path, sandbox_url: str = "") -> SiteContent:
    """The content for these inputs; raises `SpecError` (with positions) when api.yaml is
    invalid. Hand-written pages in `docs_dir` take part in the link check; `sandbox_url`
    is the public sandbox the pages send readers to (GUIDES_TRY_IT_URL), or empty."""
    spec_path = spec_path.resolve()
    cache = project_cache(spec_path.parent, "pages", keep=_KEPT_VERSIONS)
    key = content_key(
        spec=spec_path, snippets=files_under(spec_path.parent / SNIPPETS_DIR),
        docs=files_under(docs_dir, ".md"), code=files_under(PACKAGE, ".py", ".j2"),
        python=sys.version, libraries=" ".join(installed_distributions()),
        sandbox=sandbox_url)
    cached = cache.get(key)
    if isinstance(cached, dict):
        try:
            return SiteContent(**cached)
        except TypeError:
            pass  # written by another version of this class: render anew
    content = _render(spec_path, docs_dir, sandbox_url)
    cache.put(key, asdict(content))
    return content


def _render(spec_path: Path, docs_dir: Path | None, sandbox_url: str) -> SiteContent:
    project, pages = checked_pages(spec_path, docs_dir, sandbox_url)
    docs_folder = Path(os.path.relpath(docs_dir.resolve(), spec_path.parent)).as_posix() \
        if docs_dir is not None else ""
    return SiteContent(
        pages=pages, site_url=project.spec.site.url, digest=project.digest,
        edit_urls=page_sources(project, hand_written_pages(docs_dir), docs_folder),
        openapi=openapi_json(project.spec, project.recordings, project.snippets),
        field_reference=render_field_reference(), feed=_feed(project))


def _feed(project: Project) -> str:
    """The Atom feed, when the site has a Changelog page to go with it."""
    return atom_feed(project.spec) if project.spec.pages.changelog is not None else ""


def error_content(error: GuidesError) -> SiteContent:
    """What a live preview shows while api.yaml is invalid: the error, on every page."""
    page = (f"# api.yaml has an error\n\nThe guides cannot be generated until it is fixed; "
            f"this page comes back by itself once the file is valid.\n\n"
            f"{fence(str(error), 'text')}\n")
    # The reference comes from the models, not the file: it stays while the file is fixed.
    return SiteContent(pages=dict.fromkeys(PAGES, page), site_url="", digest="", edit_urls={},
                       openapi="", field_reference=render_field_reference())


def with_field_reference(markdown: str, reference: str) -> str:
    """A hand-written page with the field reference in place of its marker line, if any."""
    return "".join(reference if line.strip() == FIELD_REFERENCE_MARKER else line
                   for line in markdown.splitlines(keepends=True))


def checked_pages(spec_path: Path, docs_dir: Path | None = None,
                  sandbox_url: str = "") -> tuple[Project, dict[str, str]]:
    """Load, render and link-check; return the project and its generated pages.

    Hand-written pages in `docs_dir` count as pages of the site for link checking.
    """
    project = load_project(spec_path)
    if docs_dir is not None:
        # The hand-written pages are read next: each must be the repository's own file.
        foreign = foreign_files(project.root, [docs_dir.absolute()])
        if foreign:
            raise SpecError(foreign)
    pages = render_pages(project, sandbox_url)
    site_pages: dict[str, str] = dict(_hand_written(docs_dir))
    clashes = sorted(set(site_pages) & set(pages))
    if clashes:
        raise GuidesError(f"{docs_dir}: hand-written {', '.join(clashes)} would hide the "
                          "generated page of the same name; rename or remove it")
    site_pages.update(pages)
    problems = list(check_docs_links(project, site_pages))
    if problems:
        raise SpecError(problems)
    return project, pages


def hand_written_pages(docs_dir: Path | None) -> list[str]:
    """The hand-written pages' paths, relative to `docs_dir` (their text is not read)."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    return [path.relative_to(docs_dir).as_posix() for path in sorted(docs_dir.rglob("*.md"))]


def _hand_written(docs_dir: Path | None) -> Mapping[str, str]:
    if docs_dir is None:
        return {}
    return {name: (docs_dir / name).read_text(encoding="utf-8")
            for name in hand_written_pages(docs_dir)}


def every_page(pages: Mapping[str, str], docs_dir: Path | None,
               reference: str) -> dict[str, str]:
    """Every page of the site as Markdown, by file: the generated `pages`, then the
    hand-written ones in `docs_dir` with the field reference (`reference`) in place."""
    hand_written = {name: with_field_reference(text, reference)
                    for name, text in _hand_written(docs_dir).items()}
    return {**pages, **hand_written}


def generate(spec_path: Path, out_dir: Path, docs_dir: Path | None = None,
             sandbox_url: str = "") -> list[Path]:
    """Write every page of the site, generated and hand-written, and the OpenAPI document
    the pages link to, under `out_dir`, each atomically; return their paths.

    Another site generator has no `guides` plugin to tell the feedback widget which
    api.yaml the pages come from, so each page carries it in its front matter; nor to put
    the field reference into its page, so that is done here. `sandbox_url` as for
    `site_content`.
    """
    content = _render(spec_path, docs_dir, sandbox_url)
    files = {name: _with_content_version(text, content.digest) for name, text
             in every_page(content.pages, docs_dir, content.field_reference).items()}
    files.update(content.files_beside_pages)
    written = []
    for name, text in files.items():
        target = out_dir / name
        write_atomically(target, text)
        written.append(target)
    return written


def _with_content_version(markdown: str, digest: str) -> str:
    stamp = f"content_version: {digest}\n"
    if markdown.startswith(_FRONT_MATTER):
        return _FRONT_MATTER + stamp + markdown[len(_FRONT_MATTER):]
    return f"{_FRONT_MATTER}{stamp}{_FRONT_MATTER}\n{markdown}"
