"""Serve the sandbox: HTTPS with a locally issued certificate and the HTTP redirect, or plain
HTTP behind a TLS-terminating proxy that serves it at a public URL.

Only uvicorn's documented settings bound it (connections and requests under way,
keep-alive). What one client may hold of a public sandbox (header and body sizes, slow
headers and bodies, TLS handshakes, connections per address) is the front proxy's:
`deploy/nginx/sandbox.conf`.
"""

from __future__ import annotations

import contextlib
import json
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import uvicorn
import uvloop
from starlette.types import ASGIApp

from ..web.serving import quiet_server, serve_until_signal
from ..web.sockets import bind
from ..web.tls_files import issue_tls_files
from .app import Sandbox, SandboxSettings, create_sandbox
from .demo import credentials_document
from .redirect import HttpsRedirect

__all__ = ["ListenOptions", "run_sandbox"]


@dataclass(frozen=True)
class ListenOptions:
    host: str = "127.0.0.1"
    port: int = 0
    """HTTPS port; 0 picks a free one."""
    http_port: int = 0
    """Plain-HTTP port (redirects to HTTPS); 0 picks a free one."""
    state_dir: Path | None = None
    """Where the CA and server certificate are written; a temporary folder if None."""
    public_url: str | None = None
    """Behind a TLS-terminating proxy: the base URL it serves the API at. The sandbox then
    listens on `port` in plain HTTP only, and takes the scheme and client address from the
    proxy's ``X-Forwarded-Proto`` and ``X-Forwarded-For``."""
    forwarded_allow_ips: str = "127.0.0.1"
    """Behind a proxy: the addresses whose ``X-Forwarded-*`` headers are trusted."""
    max_connections: int = 256
    """Connections and requests under way at once; a request beyond them is answered 503."""


def run_sandbox(options: ListenOptions, settings: SandboxSettings, out: TextIO) -> None:
    """Serve until SIGINT or SIGTERM; announce the addresses as one JSON line on `out`."""
    # uvloop, as uvicorn picks when it runs the loop itself: less CPU per TLS connection.
    if options.public_url is not None:
        uvloop.run(_serve_behind_proxy(options, options.public_url, settings, out))
        return
    with _state_dir(options.state_dir) as state:
        uvloop.run(_serve(options, settings, state, out))


@contextlib.contextmanager
def _state_dir(configured: Path | None) -> Iterator[Path]:
    if configured is not None:
        configured.mkdir(parents=True, exist_ok=True)
        yield configured
    else:
        with tempfile.TemporaryDirectory(prefix="guides-sandbox-") as temporary:
            yield Path(temporary)


def _origin(scheme: str, host: str, port: int) -> str:
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}"


async def _serve(options: ListenOptions, settings: SandboxSettings, state: Path,
                 out: TextIO) -> None:
    ca_file, server_pem = issue_tls_files(
        state, sorted({options.host, "127.0.0.1", "localhost", "::1"}))
    https_socket = bind(options.host, options.port)
    http_socket = bind(options.host, options.http_port)
    https_origin = _origin("https", options.host, https_socket.getsockname()[1])
    http_origin = _origin("http", options.host, http_socket.getsockname()[1])
    urls = {"base_url": f"{https_origin}/v1", "http_url": f"{http_origin}/v1"}
    sandbox = create_sandbox(settings, urls)
    await _run_announced(
        [(_server(sandbox.app, options, ssl_certfile=str(server_pem)), https_socket),
         (_server(HttpsRedirect(https_origin), options), http_socket)],
        _announcement(sandbox, **urls, ca_file=str(ca_file)), out)


async def _serve_behind_proxy(options: ListenOptions, public_url: str,
                              settings: SandboxSettings, out: TextIO) -> None:
    base_url = public_url.rstrip("/")
    # The proxy's plain-HTTP side answers for the same host, with the redirect to HTTPS.
    sandbox = create_sandbox(settings, {"base_url": base_url,
                                        "http_url": "http://" + base_url.split("://", 1)[1]})
    listener = bind(options.host, options.port)
    listen_origin = _origin("http", options.host, listener.getsockname()[1])
    # uvicorn's documented proxy options: X-Forwarded-Proto makes the scheme https (so
    # answers carry HSTS), X-Forwarded-For the client address (tenants, rate limits).
    server = _server(sandbox.app, options, proxy_headers=True,
                     forwarded_allow_ips=options.forwarded_allow_ips)
    await _run_announced([(server, listener)], _announcement(
        sandbox, base_url=base_url, listen_url=f"{listen_origin}/v1"), out)


def _server(app: ASGIApp, options: ListenOptions, **config: Any) -> uvicorn.Server:
    return quiet_server(app, limit_concurrency=options.max_connections, **config)


def _announcement(sandbox: Sandbox, **urls: str) -> dict[str, Any]:
    return credentials_document(sandbox.keys, sandbox.session_token,
                                sandbox.expired_session_token, **urls)


async def _run_announced(servers: list[tuple[uvicorn.Server, socket.socket]],
                         announcement: dict[str, Any], out: TextIO) -> None:
    """Serve until a signal; announce as one JSON line once every server has started."""

    def announce() -> None:
        out.write(json.dumps(announcement) + "\n")
        out.flush()

    await serve_until_signal(servers, announce)
