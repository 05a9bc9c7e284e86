"""Spec in, ``{page path: Markdown}`` out: a pure function over Jinja2 templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pydantic import BaseModel

from ..credentials import REMOTE_CREDENTIAL_VARIABLES
from ..model import LANGUAGES, Project, collection_paused, reason_phrase
from ..model.models import Spec
from ..paths import OPENAPI_FILE, PAGES, TEMPLATES_DIR
from .blocks import PageBlocks, source_link
from .markdown import code_span, escape_text, fence, number_word, table_cell
from .reference import model_sections

__all__ = ["page_sources", "render_field_reference", "render_pages", "source_link"]

_Arguments = ParamSpec("_Arguments")


def _markup(helper: Callable[_Arguments, str]) -> Callable[_Arguments, Markup]:
    """`helper`, whose Markdown is inert already, as the templates call it: its answer
    marked safe, so that autoescape and finalize leave it as it is."""
    def marked(*args: _Arguments.args, **kwargs: _Arguments.kwargs) -> Markup:
        return Markup(helper(*args, **kwargs))
    return marked


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        # Every interpolated string is made inert for Markdown; helpers' answers are marked
        # inert already (`_markup`).
        finalize=escape_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = _markup(table_cell)
    env.filters["code"] = _markup(code_span)
    env.filters["number_word"] = number_word
    env.filters["fence"] = _markup(fence)
    env.filters["reason"] = reason_phrase
    return env


_ENV = _environment()


def render_pages(project: Project) -> dict[str, str]:
    """Render every generated page of `project`."""
    spec = project.spec
    page_files = {entry: path for path, entry in PAGES.items()}
    blocks = PageBlocks(project, page_files["error_catalog"])
    context: dict[str, Any] = {
        # The blocks every code repeats are built in Python: see `blocks`.
        "source": _markup(blocks.edit_link),
        "catalog_rows": _markup(blocks.catalog_rows),
        "catalog_sections": _markup(blocks.catalog_sections),
        "error_rows": _markup(blocks.error_rows),
        "error_responses": _markup(blocks.error_responses),
        "example_block": _markup(blocks.example),
        "spec": spec,
        "api": spec.api,
        "page_files": page_files,
        "openapi_file": OPENAPI_FILE,
        "check_variables": REMOTE_CREDENTIAL_VARIABLES,
        "languages": LANGUAGES,
    }
    pages = {}
    with collection_paused():
        for path, entry in PAGES.items():
            template = _ENV.get_template(path + ".j2")
            pages[path] = template.render(context, page=getattr(spec.pages, entry))
    return pages


def render_field_reference(root: type[BaseModel] = Spec) -> str:
    """The Markdown reference of `root` (api.yaml's) and every model it holds, field by
    field."""
    return _ENV.get_template("field-reference.md.j2").render(sections=model_sections(root))


def page_sources(project: Project, hand_written: list[str], docs_folder: str) -> dict[str, str]:
    """Page file -> where to edit it: api.yaml's line for a generated page, the Markdown file
    (under `docs_folder`, relative to api.yaml) for a hand-written one."""
    site = project.spec.site
    if site.repository is None:
        return {}
    sources = {path: f"{site.repository}/edit/{site.branch}/{docs_folder}/{path}"
               for path in hand_written}
    for path, entry in PAGES.items():
        link = source_link(project, ("pages", entry))
        if link:
            sources[path] = link
    return sources
