"""Serve the collector until SIGINT or SIGTERM, within bounds a slow or hostile client cannot
stretch (see `http1`)."""

from __future__ import annotations

import asyncio
import signal

import uvloop
from starlette.types import ASGIApp

from ..web.sockets import bind
from .app import CollectorSettings, create_collector
from .http1 import Limits, serve
from .store import open_store

__all__ = ["Limits", "serve_collector"]


def serve_collector(host: str, port: int, database: str, settings: CollectorSettings,
                    limits: Limits) -> None:
    store = open_store(database)
    try:
        uvloop.run(_serve(create_collector(store, settings), host, port, limits))
    finally:
        store.close()


async def _serve(app: ASGIApp, host: str, port: int, limits: Limits) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve(app, bind(host, port), limits, stop)
