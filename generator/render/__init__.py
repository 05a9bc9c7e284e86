"""Spec in, ``{page path: Markdown}`` out: a pure function over Jinja2 templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pydantic import BaseModel

from ..languages import LANGUAGES, TRUST_STORE_COMMAND
from ..model import (
    Example,
    Project,
    credential_variable,
    reason_phrase,
)
from ..model.models import Spec
from ..paths import FEED_FILE, OPENAPI_FILE, PAGES, TEMPLATES_DIR
from .blocks import (
    Answers,
    PageBlocks,
    header_starting,
    json_fence,
    search_terms,
    source_link,
    try_it_marker,
)
from .changelog import change_links
from .decoder import decoder_marker
from .inert_markdown import escape_text, fence, inline_code, number_word, table_cell
from .reader_setup import credentials_url, example_setup, takes_the_readers_key
from .reference import model_sections
from .try_it import try_it_attribute

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
    env.filters["code"] = _markup(inline_code)
    env.filters["number_word"] = number_word
    env.filters["fence"] = _markup(fence)
    env.filters["reason"] = reason_phrase
    env.filters["json"] = _markup(json_fence)
    env.filters["header_starting"] = _markup(header_starting)
    return env


_ENV = _environment()


def render_pages(project: Project, sandbox_url: str = "") -> dict[str, str]:
    """Render every generated page of `project`; `sandbox_url` is the base URL of the
    public sandbox the site is built with (GUIDES_TRY_IT_URL), or empty."""
    spec = project.spec
    page_files = {entry: path for path, entry in PAGES.items()}
    blocks = PageBlocks(project, page_files["error_catalog"])

    def try_it(example: Example) -> Markup:
        return Markup(try_it_marker(try_it_attribute(spec, example)))

    context: dict[str, Any] = {
        # A code's entry shows many values, each escaped once in Python: see `blocks`.
        "catalog_rows": _markup(blocks.catalog_rows),
        "catalog_entry": _markup(blocks.catalog_entry),
        "threshold": _markup(blocks.threshold),
        "search_terms": _markup(search_terms),
        "decoder": lambda: Markup(decoder_marker(spec.errors)),
        "languages": LANGUAGES,
        "trust_store_command": TRUST_STORE_COMMAND,
        "snippets": project.snippets,
        "examples_by_id": {example.id: example for example in spec.examples},
        "session_examples": [example for example in spec.examples
                             if _sent_with_session(spec, example)],
        "try_it": try_it,
        "setup": lambda example: example_setup(spec, example, sandbox_url),
        # Examples whose samples keep the placeholder key when a reader shows their own.
        "keeps_placeholder": " ".join(example.id for example in spec.examples
                                      if not takes_the_readers_key(spec, example)),
        # Each page counts the answers it showed, to show each distinct one in full once.
        "new_answers": lambda: Answers(project),
        "sandbox_url": sandbox_url,
        "credentials_url": credentials_url(sandbox_url) if sandbox_url else "",
        # The endpoints whose examples answer a list page, as paging describes one.
        "paged": _paged(spec),
        "spec": spec,
        "api": spec.api,
        "page_files": page_files,
        "openapi_file": OPENAPI_FILE,
        "feed_file": FEED_FILE,
        "change_links": lambda change: Markup(change_links(spec, change)),
    }
    pages = {}
    for path, entry in PAGES.items():
        page = getattr(spec.pages, entry)
        if page is None:
            continue
        template = _ENV.get_template(path + ".j2")
        pages[path] = template.render(context, page=page)
    return pages


def _paged(spec: Spec) -> set[tuple[str, str]]:
    if spec.paging is None:
        return set()
    items = spec.paging.items_field
    return {(example.request.method, example.request.path.split("?", 1)[0])
            for example in spec.examples
            if isinstance(body := spec.response_body(example), dict) and items in body}


def _sent_with_session(spec: Spec, example: Example) -> bool:
    """Whether `example` is sent with a dashboard session token (valid or not)."""
    kind = example.request.credential
    return kind is not None and (credential_variable(spec.samples, kind)
                                 == spec.samples.session_token_variable)


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
