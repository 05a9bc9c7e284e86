"""`guides serve`: MkDocs' live preview, told of changes by the system, that survives an
editor's mistakes."""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import TemplateSyntaxError
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.livereload import LiveReloadServer

from ..errors import BuildError, GuidesError
from ..settings import FULL_SITE_VARIABLE
from ..signals import sigterm_as_interrupt
from .mkdocs_log import error_page, mkdocs_log, report_error, template_error
from .source_changes import content_observer

__all__ = ["serve_site"]


def serve_site(config_file: Path, dev_addr: str | None, *, full: bool = False,
               poll: bool = False) -> None:
    """Serve the site and rebuild it on every change until interrupted (Ctrl-C, SIGTERM).

    Told of changes by the system (or, with `poll`, looking for them every 0.5 s as MkDocs
    does: polling more often kept a quarter of a core busy while the preview sat idle).
    `full` also writes llms.txt and the pages' Markdown copies.
    """
    # The setting is read by mkdocs.yml itself, when the preview loads it for each rebuild.
    os.environ[FULL_SITE_VARIABLE] = "true" if full else "false"
    with sigterm_as_interrupt(), tempfile.TemporaryDirectory(prefix="guides-preview-") as \
            site_dir, mkdocs_log(sys.stderr):
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
                              root=config.site_dir,
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
            error = template_error(err, config_file)
            report_error(error)
            for page in pages:
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(error_page(error), encoding="utf-8")

    try:
        _check_free(server, host, port)
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
            raise _cannot_serve(host, port, err) from err
    except TemplateSyntaxError as err:
        raise template_error(err, config_file) from None
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        config.plugins.on_shutdown()


def _check_free(server: LiveReloadServer, host: str, port: int) -> None:
    """A busy address is said at once, not after the first build: MkDocs binds only when it
    starts serving. A socket bound as the server's will be (its family, reusing an address
    a closed server left waiting), then released."""
    with socket.socket(server.address_family, socket.SOCK_STREAM) as probe:
        if server.allow_reuse_address:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise _cannot_serve(host, port, err) from err


def _cannot_serve(host: str, port: int, err: OSError) -> GuidesError:
    return GuidesError(f"cannot serve the preview on {host}:{port}: {err.strerror or err}")
