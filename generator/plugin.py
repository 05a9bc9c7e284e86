"""The MkDocs adapter: generated pages become virtual files. The only module importing mkdocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .errors import GuidesError
from .pipeline import validate
from .render import TEMPLATES_DIR
from .spec import SNIPPETS_DIR


class GuidesConfig(Config):
    spec = config_options.Type(str, default="api.yaml")
    """Path of api.yaml, relative to mkdocs.yml."""


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """``plugins: [guides]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self._pages: dict[str, str] = {}

    def _spec_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.spec

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            project, self._pages = validate(self._spec_path(config), Path(config.docs_dir))
        except GuidesError as err:
            raise PluginError(str(err)) from err
        # The guides' address is a fact of api.yaml (error bodies link to it): take it there.
        config.site_url = project.spec.site.url
        config.extra["content_version"] = project.digest
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for path, markdown in self._pages.items():
            files.append(File.generated(config, path, content=markdown))
        return files

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        spec_path = self._spec_path(config)
        server.watch(str(spec_path))
        server.watch(str(spec_path.parent / SNIPPETS_DIR))
        server.watch(str(TEMPLATES_DIR))
        return server
