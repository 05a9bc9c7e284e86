"""Serve the collector on uvicorn until SIGINT or SIGTERM.

Bounds uvicorn cannot set (the time a client has to send its headers and its body, their
size, connections per address) are the front proxy's: see ``deploy/nginx/collector.conf``.
"""

from __future__ import annotations

import socket

import uvloop
from starlette.types import ASGIApp

from ..errors import GuidesError
from ..web.serving import quiet_server, serve_until_signal
from ..web.sockets import bind
from .app import CollectorSettings, create_collector
from .store import open_store

__all__ = ["serve_collector"]


#: Seconds the answers under way get to finish after SIGINT or SIGTERM.
_SHUTDOWN_GRACE = 10


def serve_collector(host: str, port: int, database: str, settings: CollectorSettings,
                    max_connections: int) -> None:
    """Serve until a signal; beyond `max_connections` connections and requests under way
    at once, a request is answered 503."""
    store = open_store(database)
    try:
        try:
            listener = bind(host, port)
        except OSError as err:
            raise GuidesError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
        # uvloop, as uvicorn picks when it runs the loop itself.
        uvloop.run(_serve(create_collector(store, settings), listener, max_connections))
    finally:
        store.close()


async def _serve(app: ASGIApp, listener: socket.socket, max_connections: int) -> None:
    # X-Forwarded-For is read by the app's own ProxyPolicy (--trust-proxy), not by uvicorn.
    server = quiet_server(app, limit_concurrency=max_connections,
                          timeout_graceful_shutdown=_SHUTDOWN_GRACE)
    await serve_until_signal([(server, listener)])
