"""Validate api.yaml end to end and produce the site's generated pages."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .atomic import write_atomically
from .catalog_links import check_docs_links
from .content import with_field_reference
from .errors import GuidesError, SpecError
from .model import Project, load_project
from .openapi import openapi_json
from .paths import OPENAPI_FILE
from .render import render_field_reference, render_pages

__all__ = ["generate", "hand_written_pages", "validate"]

_FRONT_MATTER = "---\n"


def validate(spec_path: Path, docs_dir: Path | None = None) -> tuple[Project, dict[str, str]]:
    """Load, render and link-check; return the project and its generated pages.

    Hand-written pages in `docs_dir` count as pages of the site for link checking.
    """
    project = load_project(spec_path)
    pages = render_pages(project)
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


def generate(spec_path: Path, out_dir: Path, docs_dir: Path | None = None) -> list[Path]:
    """Write every page of the site, generated and hand-written, and the OpenAPI document
    the pages link to, under `out_dir`, each atomically; return their paths.

    Another site generator has no `guides` plugin to tell the feedback widget which
    api.yaml the pages come from, so each page carries it in its front matter; nor to put
    the field reference into its page, so that is done here.
    """
    project, pages = validate(spec_path, docs_dir)
    reference = render_field_reference()
    hand_written = {name: with_field_reference(text, reference)
                    for name, text in _hand_written(docs_dir).items()}
    files = {name: _with_content_version(text, project.digest)
             for name, text in {**hand_written, **pages}.items()}
    files[OPENAPI_FILE] = openapi_json(project.spec, project.recordings)
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
