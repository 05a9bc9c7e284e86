"""Serve the sandbox: HTTPS with a locally issued certificate, and the HTTP redirect."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import trustme
import uvicorn
from starlette.types import ASGIApp

from .app import SandboxSettings, create_sandbox
from .redirect import HttpsRedirect

__all__ = ["ListenOptions", "bind", "issue_tls_files", "quiet_server", "run_sandbox"]


@dataclass(frozen=True)
class ListenOptions:
    host: str = "127.0.0.1"
    port: int = 0
    """HTTPS port; 0 picks a free one."""
    http_port: int = 0
    """Plain-HTTP port (redirects to HTTPS); 0 picks a free one."""
    state_dir: Path | None = None
    """Where the CA and server certificate are written; a temporary folder if None."""


class _Server(uvicorn.Server):
    # Two servers share one process: signals are handled once, in `run_sandbox`.
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def run_sandbox(options: ListenOptions, settings: SandboxSettings, out: TextIO) -> None:
    """Serve until SIGINT or SIGTERM; announce the addresses as one JSON line on `out`."""
    with _state_dir(options.state_dir) as state:
        asyncio.run(_serve(options, settings, state, out))


@contextlib.contextmanager
def _state_dir(configured: Path | None) -> Iterator[Path]:
    if configured is not None:
        configured.mkdir(parents=True, exist_ok=True)
        yield configured
    else:
        with tempfile.TemporaryDirectory(prefix="guides-sandbox-") as temporary:
            yield Path(temporary)


def issue_tls_files(state: Path, names: list[str],
                    organization: str = "Trust Leads sandbox") -> tuple[Path, Path]:
    """A fresh CA (``ca.pem``, for clients to trust) and a server certificate it signed for
    `names` (``server.pem``, key included), written into `state`."""
    authority = trustme.CA(organization_name=organization)
    server_pem = state / "server.pem"
    ca_file = state / "ca.pem"
    server_pem.touch(mode=0o600)
    authority.issue_cert(*names).private_key_and_cert_chain_pem.write_to_path(str(server_pem))
    authority.cert_pem.write_to_path(str(ca_file))
    return ca_file, server_pem


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets that say so, and
    # without it every HTTPS answer waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _origin(scheme: str, host: str, port: int) -> str:
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}"


def quiet_server(app: ASGIApp, ssl_certfile: str | None = None) -> uvicorn.Server:
    """A uvicorn server that leaves signals to its caller and logs only warnings."""
    # Access logs stay off: the sandbox logs no request line, so no credential either.
    # proxy_headers=False: the failed-auth throttle keys on the peer, which a client must
    # not replace with an X-Forwarded-For of its choosing (uvicorn trusts it from loopback).
    return _Server(uvicorn.Config(app, ssl_certfile=ssl_certfile, log_level="warning",
                                  access_log=False, lifespan="off", server_header=False,
                                  proxy_headers=False))


async def _serve(options: ListenOptions, settings: SandboxSettings, state: Path,
                 out: TextIO) -> None:
    sandbox = create_sandbox(settings)
    ca_file, server_pem = issue_tls_files(
        state, sorted({options.host, "127.0.0.1", "localhost", "::1"}))
    https_socket = bind(options.host, options.port)
    http_socket = bind(options.host, options.http_port)
    https_origin = _origin("https", options.host, https_socket.getsockname()[1])
    http_origin = _origin("http", options.host, http_socket.getsockname()[1])
    servers = [
        quiet_server(sandbox.app, ssl_certfile=str(server_pem)),
        quiet_server(HttpsRedirect(https_origin)),
    ]

    def stop() -> None:
        for server in servers:
            server.should_exit = True

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop)
    tasks = [asyncio.create_task(servers[0].serve(sockets=[https_socket])),
             asyncio.create_task(servers[1].serve(sockets=[http_socket]))]
    while not all(s.started for s in servers):
        if any(t.done() for t in tasks):
            break
        await asyncio.sleep(0.01)
    else:
        out.write(json.dumps({
            "base_url": f"{https_origin}/v1",
            "http_url": f"{http_origin}/v1",
            "ca_file": str(ca_file),
            "keys": sandbox.keys,
            "session_token": sandbox.session_token,
            "expired_session_token": sandbox.expired_session_token,
        }) + "\n")
        out.flush()
    await asyncio.gather(*tasks)
