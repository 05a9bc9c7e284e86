"""Serving with uvicorn, for the sandbox, the collector, the assistants' server and the
check's capturing proxy: a quiet server, and serving until a signal.

It lives outside the sandbox's package, whose app the check's process does not import.
"""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Callable
from typing import Any

import uvicorn
from starlette.types import ASGIApp

__all__ = ["quiet_server", "serve_until_signal"]


def quiet_server(app: ASGIApp, ssl_certfile: str | None = None,
                 **config: Any) -> uvicorn.Server:
    """A uvicorn server that logs only warnings; `config` holds further options of
    `uvicorn.Config`.

    In the main thread, uvicorn's `serve` takes SIGINT and SIGTERM while it runs and, once
    stopped, hands them on to the handler that was there before: the caller's (an asyncio
    signal handler, which stops every server of the process). In another thread it leaves
    signals alone."""
    # Access logs stay off: no request line is logged, so no credential or reader's address.
    # proxy_headers off unless `config` turns it on behind a proxy: a limit keyed on the
    # peer must not be escaped by an X-Forwarded-For of the client's choosing (uvicorn
    # trusts it from loopback by default). No lifespan unless `config` asks for one.
    settings: dict[str, Any] = {"log_level": "warning", "access_log": False,
                                "lifespan": "off", "server_header": False,
                                "proxy_headers": False}
    return uvicorn.Server(uvicorn.Config(app, ssl_certfile=ssl_certfile,
                                         **{**settings, **config}))


async def serve_until_signal(servers: list[tuple[uvicorn.Server, socket.socket]],
                             started: Callable[[], None] = lambda: None) -> None:
    """Serve each server on its socket until SIGINT or SIGTERM stops them all; `started`
    is called once every one has started (not if one fails to).

    uvicorn takes the signals while it serves and, once stopped, hands them on to the
    handler there before: this one, so that the process ends with exit status 0."""

    def stop() -> None:
        for server, _ in servers:
            server.should_exit = True

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop)
    tasks = [asyncio.create_task(server.serve(sockets=[sock])) for server, sock in servers]
    while not all(server.started for server, _ in servers):
        if any(task.done() for task in tasks):
            break
        await asyncio.sleep(0.01)
    else:
        started()
    await asyncio.gather(*tasks)
