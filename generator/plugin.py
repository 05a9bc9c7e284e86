"""The MkDocs adapter: generated pages become virtual files. The only module importing mkdocs."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any, TextIO

from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .cache import validate_cached
from .errors import BuildError, GuidesError
from .layout import SNIPPETS_DIR, TEMPLATES_DIR

__all__ = ["GuidesPlugin", "build_strict"]


class GuidesConfig(Config):
    spec = config_options.Type(str, default="api.yaml")
    """Path of api.yaml, relative to mkdocs.yml."""


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """``plugins: [guides]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self._pages: dict[str, str] = {}
        self.failure: GuidesError | None = None
        """Why the last validation failed; MkDocs reports only its text."""

    def _spec_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.spec

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.failure = None
        try:
            rendered = validate_cached(self._spec_path(config), Path(config.docs_dir))
        except GuidesError as err:
            self.failure = err
            raise PluginError(str(err)) from err
        self._pages = rendered.pages
        # The guides' address is a fact of api.yaml (error bodies link to it): take it there.
        config.site_url = rendered.site_url
        config.extra["content_version"] = rendered.digest
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


def build_strict(config_file: Path, site_dir: Path, log: TextIO) -> None:
    """``mkdocs build --strict`` in this process, its log written to `log` once it is done.

    Invalid input comes out as the plugin's own `GuidesError` (without MkDocs' echo of
    it); MkDocs' failures as `BuildError`.
    """
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    config = None
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        build(config)
    except (Abort, ConfigurationError) as err:
        plugin = config.plugins.get("guides") if config is not None else None
        if isinstance(plugin, GuidesPlugin) and plugin.failure is not None:
            raise plugin.failure from None
        log.write(buffer.getvalue())
        raise BuildError(f"mkdocs: {err}") from err
    finally:
        logger.removeHandler(handler)
    log.write(buffer.getvalue())
