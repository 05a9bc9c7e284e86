"""Spec in, ``{page path: Markdown}`` out: a pure function over Jinja2 templates."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..layout import OPENAPI_FILE, PAGES, TEMPLATES_DIR
from ..spec import LANGUAGES, Project, reason_phrase
from ..spec.matchers import Matcher
from .markdown import escape_text, fence, table_cell

__all__ = ["render_pages"]


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        # Every interpolated string is made inert for Markdown; helpers return Markup.
        finalize=escape_text,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = table_cell
    env.filters["fence"] = fence
    env.filters["reason"] = reason_phrase
    env.filters["shown"] = _shown
    env.filters["json"] = lambda value: json.dumps(value, indent=2, ensure_ascii=False)
    return env


def _shown(value: object) -> object:
    return value.placeholder() if isinstance(value, Matcher) else value


_ENV = _environment()


def render_pages(project: Project) -> dict[str, str]:
    """Render every generated page of `project`."""
    spec = project.spec
    context: dict[str, Any] = {
        "spec": spec,
        "api": spec.api,
        "snippets": project.snippets,
        "languages": LANGUAGES,
        "page_files": {entry: path for path, entry in PAGES.items()},
        "openapi_file": OPENAPI_FILE,
    }
    pages = {}
    for path, entry in PAGES.items():
        template = _ENV.get_template(path + ".j2")
        pages[path] = template.render(context, page=getattr(spec.pages, entry))
    return pages
