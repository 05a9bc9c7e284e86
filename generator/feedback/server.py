"""Serve the collector with uvicorn until interrupted."""

from __future__ import annotations

import uvicorn

from .app import CollectorSettings, create_collector
from .store import open_store

__all__ = ["serve_collector"]


def serve_collector(host: str, port: int, database: str, settings: CollectorSettings) -> None:
    store = open_store(database)
    try:
        uvicorn.run(create_collector(store, settings), host=host, port=port,
                    log_level="warning", access_log=False, server_header=False)
    finally:
        store.close()
