"""The MkDocs adapter: generated pages become virtual files. The only module importing mkdocs."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

from jinja2 import BytecodeCache, Environment, TemplateSyntaxError
from jinja2.bccache import Bucket
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .cache import validate_cached
from .errors import BuildError, GuidesError
from .history import last_changed
from .paths import OPENAPI_FILE, PAGES, SNIPPETS_DIR, TEMPLATES_DIR
from .render.markdown import fence
from .render.try_it import try_it_base_url

__all__ = ["GuidesPlugin", "build_strict", "error_page"]


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by name and checksum (a changed template is compiled anew)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _MemoryBytecodeCache()
_EDIT_POLL_SECONDS = 0.05


class GuidesConfig(Config):
    spec = config_options.Type(str, default="api.yaml")
    """Path of api.yaml, relative to mkdocs.yml."""


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """``plugins: [guides]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self._pages: dict[str, str] = {}
        self._edit_urls: dict[str, str] = {}
        self._changed: dict[tuple[Path, ...], str | None] = {}
        """Last-change dates by sources, for this build (the generated pages share theirs)."""
        self._openapi = ""
        self._serving = False
        self.failure: GuidesError | None = None
        """Why the last validation failed; MkDocs reports only its text."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across the rebuilds of `mkdocs serve`.
        self._serving = command == "serve"

    def _spec_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.spec

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.failure = None
        self._changed = {}
        try:
            config.extra["try_it_url"] = try_it_base_url(config.extra.get("try_it_url") or "")
            rendered = validate_cached(self._spec_path(config), Path(config.docs_dir))
        except GuidesError as err:
            if not self._serving:
                self.failure = err
                raise PluginError(str(err)) from err
            # A live preview keeps running: the terminal and every generated page show the
            # error until the file is fixed, then the next rebuild brings the pages back.
            sys.stderr.write(f"ERROR   -  {err}\n")
            self._pages = {path: error_page(err) for path in PAGES}
            self._openapi = ""
            return config
        self._pages = rendered.pages
        self._edit_urls = rendered.edit_urls
        self._openapi = rendered.openapi
        if not self._serving:
            # The guides' address is a fact of api.yaml (error bodies link to it).
            config.site_url = rendered.site_url
        config.extra["content_version"] = rendered.digest
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every rebuild of `mkdocs serve` makes a new Jinja environment and would compile
        # the theme's templates again; compiled templates are kept for the whole process.
        env.bytecode_cache = _COMPILED_TEMPLATES
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for path, markdown in self._pages.items():
            files.append(File.generated(config, path, content=markdown))
        if self._openapi:
            files.append(File.generated(config, OPENAPI_FILE, content=self._openapi))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        # The theme writes a page's title and description into <title>, the navigation and
        # <meta content="…"> without escaping them; escaped here once, as Markup, they reach
        # every one of those places as text (and templates that escape leave Markup alone).
        for name in ("title", "description"):
            value = page.meta.get(name)
            if isinstance(value, str):
                page.meta[name] = escape(value)
        # Read by overrides/main.html: where the page is edited, and when it last changed.
        page.meta["guides_edit_url"] = self._edit_urls.get(page.file.src_uri)
        if not self._serving:
            spec_path = self._spec_path(config)
            sources = ((spec_path, spec_path.parent / SNIPPETS_DIR)
                       if page.file.src_uri in self._pages
                       else (Path(page.file.abs_src_path or config.docs_dir),))
            if sources not in self._changed:
                self._changed[sources] = last_changed(spec_path.parent, list(sources))
            page.meta["guides_changed"] = self._changed[sources]
        return markdown

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        spec_path = self._spec_path(config)
        # MkDocs polls for changes every 0.5 s; the files editors change most are polled
        # every 0.05 s, so a preview follows an edit sooner. (watchdog keeps the interval in
        # a private attribute; it is read when a watch is scheduled.)
        if hasattr(server.observer, "_timeout"):
            server.observer._timeout = _EDIT_POLL_SECONDS
        # One save is one change: wait less than MkDocs' 0.1 s for more before rebuilding.
        server.build_delay = _EDIT_POLL_SECONDS / 2
        server.watch(str(spec_path))
        server.watch(str(spec_path.parent / SNIPPETS_DIR))
        server.watch(str(TEMPLATES_DIR))
        return server


def error_page(error: GuidesError) -> str:
    """What the live preview shows in place of a page while api.yaml is invalid."""
    return (f"# api.yaml has an error\n\nThe guides cannot be generated until it is fixed; "
            f"this page comes back by itself once the file is valid.\n\n"
            f"{fence(str(error), 'text')}\n")


def build_strict(config_file: Path, site_dir: Path, log: TextIO) -> None:
    """``mkdocs build --strict`` in this process, its log written to `log` once it is done.

    Invalid input comes out as the plugin's own `GuidesError` (without MkDocs' echo of
    it); MkDocs' failures as `BuildError`.
    """
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    previous_level = logger.level
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
    except TemplateSyntaxError as err:
        # A theme override (overrides/…) an editor broke: where, and what, in one line.
        where = Path(err.filename or err.name or "template")
        if where.is_absolute() and where.is_relative_to(config_file.resolve().parent):
            where = where.relative_to(config_file.resolve().parent)
        raise GuidesError(f"{where}:{err.lineno}: template syntax error: {err.message}"
                          ) from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
    log.write(buffer.getvalue())
