"""``plugins: [guides]`` in mkdocs.yml: MkDocs' hooks turned into calls of the build flow.

A plain ``mkdocs build`` or ``mkdocs serve`` works too: the plugin then validates api.yaml
itself (`guides build` has done it already, and the plugin finds the pages in the cache).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..build import SiteContent, error_content, site_content, with_field_reference
from ..errors import GuidesError
from ..paths import SNIPPETS_DIR, TEMPLATES_DIR
from ..settings import try_it_base_url
from .guard import sanitize_content, with_content_security_policy
from .input_checks import check_site_inputs, spec_file
from .last_changed import LastChanged
from .mkdocs_log import report_error
from .search_text import without_controls_in_search
from .served_policy import with_served_policy
from .theme import compiled_templates, escape_title_and_description

__all__ = ["GuidesPlugin"]


class GuidesConfig(Config):
    spec = config_options.Type(str, default="api.yaml")
    """Path of api.yaml, relative to mkdocs.yml."""


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """The generated pages, their edit links and dates, and the OpenAPI document."""

    def __init__(self) -> None:
        self._content = SiteContent(pages={}, site_url="", digest="", edit_urls={},
                                    openapi="", field_reference="")
        self._dates: LastChanged | None = None
        self._serving = False
        self._mark: str | None = None

    def spec_path(self, config: MkDocsConfig) -> Path:
        return spec_file(config.config_file_path, self.config.spec)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across the rebuilds of a preview.
        self._serving = command == "serve"
        # The pages a preview builds carry this, and only they get their policy anew as
        # served (see served_policy): a hand-written HTML file of docs/ is served as built.
        self._mark = secrets.token_hex(16) if self._serving else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            config.extra["try_it_url"] = try_it_base_url(config.extra.get("try_it_url") or "")
            # Only the repository is published, in a plain MkDocs build or a preview too.
            check_site_inputs(Path(config.config_file_path))
            content = site_content(self.spec_path(config), Path(config.docs_dir),
                                   config.extra["try_it_url"])
        except GuidesError as err:
            if not self._serving:
                raise PluginError(str(err)) from err
            # A live preview keeps running: the terminal and every generated page show the
            # error until the file is fixed, then the next rebuild brings the pages back.
            report_error(err)
            content = error_content(err)
        self._content = content
        # Dates come from git, which a preview does not wait for.
        self._dates = None if self._serving else LastChanged(self.spec_path(config).parent)
        if content.site_url and not self._serving:
            # The guides' address is a fact of api.yaml (error bodies link to it).
            config.site_url = content.site_url
        config.extra["content_version"] = content.digest
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = compiled_templates(self.spec_path(config).parent)
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        published = {**self._content.pages, **self._content.files_beside_pages}
        for path, text in published.items():
            files.append(File.generated(config, path, content=text))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        escape_title_and_description(page.meta)
        # Read by overrides/main.html: where the page is edited, and when it last changed.
        page.meta["guides_edit_url"] = self._content.edit_urls.get(page.file.src_uri)
        generated = page.file.src_uri in self._content.pages
        if self._dates is not None:
            spec_path = self.spec_path(config)
            page.meta["guides_changed"] = self._dates.of(
                (spec_path, spec_path.parent / SNIPPETS_DIR) if generated
                else (Path(page.file.abs_src_path or config.docs_dir),))
        return markdown if generated else with_field_reference(
            markdown, self._content.field_reference)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        # Sanitized first: the search index is built from what this returns.
        return without_controls_in_search(sanitize_content(html))

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return with_content_security_policy(output, _connects_to(config), self._mark)

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        # 404.html is a whole page of the theme too, served for every unknown address.
        if not template_name.endswith(".html"):
            return output_content
        return with_content_security_policy(output_content, _connects_to(config), self._mark)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        spec_path = self.spec_path(config)
        server.watch(str(spec_path))
        server.watch(str(spec_path.parent / SNIPPETS_DIR))
        server.watch(str(TEMPLATES_DIR))
        if self._mark is not None:
            server.set_app(with_served_policy(server.serve_request, _connects_to(config),
                                              self._mark))
        return server


def _connects_to(config: MkDocsConfig) -> tuple[str | None, ...]:
    """Where the pages' scripts send requests: the feedback collector, the Try-it sandbox."""
    return config.extra.get("feedback_endpoint"), config.extra.get("try_it_url")
