"""The MkDocs adapter, and the only module that imports mkdocs.

`GuidesPlugin` translates MkDocs' hooks into calls of plain functions: `site_content` gives
the generated pages, `LastChanged` their dates. `build_strict` and `serve_preview` are how
the `guides` command runs MkDocs; a plain ``mkdocs build`` or ``mkdocs serve`` works too,
the plugin then validating api.yaml itself.
"""

from __future__ import annotations

import contextlib
import io
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, TemplateSyntaxError
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

from .cache import CACHE_DIR
from .content import SiteContent, error_content, site_content, with_field_reference
from .errors import BuildError, GuidesError
from .history import LastChanged
from .page_guard import sanitize_content, with_content_security_policy
from .paths import OPENAPI_FILE, SNIPPETS_DIR, TEMPLATES_DIR
from .settings import try_it_base_url
from .source_changes import content_observer

__all__ = ["GuidesPlugin", "build_strict", "serve_preview"]

_LOG_FORMAT = "%(levelname)-7s -  %(message)s"
#: How often a polling preview looks for changes (MkDocs' own serve: every 0.5 s).
_PREVIEW_POLL_SECONDS = 0.05


class GuidesConfig(Config):
    spec = config_options.Type(str, default="api.yaml")
    """Path of api.yaml, relative to mkdocs.yml."""


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """``plugins: [guides]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self.validated: SiteContent | None = None
        """The content of the next build, when its caller validated api.yaml first."""
        self._content = SiteContent({}, "", "", {}, "", "")
        self._dates: LastChanged | None = None
        self._serving = False

    def spec_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.spec

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across the rebuilds of a preview.
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        content, self.validated = self.validated, None
        try:
            config.extra["try_it_url"] = try_it_base_url(config.extra.get("try_it_url") or "")
            content = content or site_content(self.spec_path(config), Path(config.docs_dir))
        except GuidesError as err:
            if not self._serving:
                raise PluginError(str(err)) from err
            # A live preview keeps running: the terminal and every generated page show the
            # error until the file is fixed, then the next rebuild brings the pages back.
            sys.stderr.write(f"ERROR   -  {err}\n")
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
        env.bytecode_cache = _compiled_templates(self.spec_path(config).parent)
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for path, markdown in self._content.pages.items():
            files.append(File.generated(config, path, content=markdown))
        if self._content.openapi:
            files.append(File.generated(config, OPENAPI_FILE, content=self._content.openapi))
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
        return sanitize_content(html)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return with_content_security_policy(
            output, (config.extra.get("feedback_endpoint"), config.extra.get("try_it_url")))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        spec_path = self.spec_path(config)
        server.watch(str(spec_path))
        server.watch(str(spec_path.parent / SNIPPETS_DIR))
        server.watch(str(TEMPLATES_DIR))
        return server


def build_strict(config_file: Path, site_dir: Path, log: TextIO) -> None:
    """Validate api.yaml, then ``mkdocs build --strict`` into `site_dir`, in this process.

    Invalid input raises the `GuidesError` that describes it, before MkDocs builds anything;
    MkDocs' own failures raise `BuildError`. MkDocs' log goes to `log` once it is done.
    """
    buffer = io.StringIO()
    with _mkdocs_log(buffer):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            plugin = config.plugins.get("guides")
            if isinstance(plugin, GuidesPlugin):
                try_it_base_url(config.extra.get("try_it_url") or "")
                plugin.validated = site_content(plugin.spec_path(config),
                                                Path(config.docs_dir))
            build(config)
        except (Abort, ConfigurationError) as err:
            log.write(buffer.getvalue())
            raise BuildError(f"mkdocs: {err}") from err
        except TemplateSyntaxError as err:
            raise _template_error(err, config_file) from None
    log.write(buffer.getvalue())


def serve_preview(config_file: Path, dev_addr: str | None, *, poll: bool = False) -> None:
    """Serve the site and rebuild it on every change until interrupted (Ctrl-C).

    MkDocs' own ``serve``, told of changes by the system (or, with `poll`, looking for them
    ten times as often as MkDocs does).
    """
    with tempfile.TemporaryDirectory(prefix="guides-preview-") as site_dir, \
            _mkdocs_log(sys.stderr):
        try:
            _serve(lambda: load_config(str(config_file), site_dir=site_dir, dev_addr=dev_addr),
                   config_file, poll=poll)
        except (Abort, ConfigurationError) as err:
            raise BuildError(f"mkdocs: {err}") from err


def _serve(load: Callable[[], MkDocsConfig], config_file: Path, *, poll: bool) -> None:
    config = load()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    server = LiveReloadServer(builder=lambda: rebuild_or_report(load()), host=host, port=port,
                              root=config.site_dir, polling_interval=_PREVIEW_POLL_SECONDS,
                              mount_path=urlsplit(config.site_url or "/").path)
    observer = None if poll else content_observer()
    if observer is not None:
        # A public attribute, typed as the polling observer MkDocs makes; any serves.
        server.observer = observer  # type: ignore[assignment]

    pages: list[Path] = []

    def rebuild(fresh: MkDocsConfig) -> None:
        fresh.site_url = server.url
        build(fresh, serve_url=server.url)
        pages[:] = Path(fresh.site_dir).rglob("*.html")

    def rebuild_or_report(fresh: MkDocsConfig) -> None:
        try:
            rebuild(fresh)
        except TemplateSyntaxError as err:
            # Raised, it would print a traceback and leave the server waiting for a build
            # that never comes. Reported, the preview keeps running: the terminal and every
            # page (whose reload script the server adds) show the mistake until it is fixed.
            error = _template_error(err, config_file)
            sys.stderr.write(f"ERROR   -  {error}\n")
            for page in pages:
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(_error_page(error), encoding="utf-8")

    # One save is one change: wait less than MkDocs' 0.1 s for more before rebuilding.
    server.build_delay = _PREVIEW_POLL_SECONDS / 2
    try:
        rebuild(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        # The theme's overrides (custom_dir) are the editor's templates too.
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        server = config.plugins.on_serve(server, config=config, builder=server.builder)
        try:
            server.serve()
        except OSError as err:
            raise GuidesError(f"cannot serve the preview on {host}:{port}: "
                              f"{err.strerror or err}") from err
    except TemplateSyntaxError as err:
        raise _template_error(err, config_file) from None
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        config.plugins.on_shutdown()


def _compiled_templates(root: Path) -> BytecodeCache | None:
    """Jinja's own cache of compiled templates, beside the project's other caches."""
    folder = root / CACHE_DIR / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # templates are then compiled on every build, as MkDocs does
    return FileSystemBytecodeCache(str(folder))


@contextlib.contextmanager
def _mkdocs_log(stream: TextIO) -> Iterator[None]:
    """MkDocs' messages of level INFO and above to `stream`, as its own command shows them."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    logger = logging.getLogger("mkdocs")
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def _error_page(error: GuidesError) -> str:
    """A page without the theme, which is what cannot be rendered."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>A template has an error</title></head><body><main>"
            "<h1>A template has an error</h1><p>The guides cannot be built until it is fixed; "
            "this page comes back by itself once the file is valid.</p>"
            f"<pre>{escape(str(error))}</pre></main></body></html>\n")


def _template_error(err: TemplateSyntaxError, config_file: Path) -> GuidesError:
    """A theme override (overrides/…) an editor broke: where, and what, in one line."""
    root = config_file.resolve().parent
    where = Path(err.filename or err.name or "template")
    if where.is_absolute() and where.is_relative_to(root):
        where = where.relative_to(root)
    return GuidesError(f"{where}:{err.lineno}: template syntax error: {err.message}")
