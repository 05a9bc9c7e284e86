"""Serve the collector with uvicorn until interrupted, within bounds a slow or hostile
client cannot stretch: header size, time to send the headers, connections at once."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from .app import CollectorSettings, create_collector
from .store import open_store

__all__ = ["Limits", "serve_collector"]


@dataclass(frozen=True)
class Limits:
    max_header_bytes: int = 16 * 1024
    """Request line and headers together; more is answered 400 and the connection closed."""
    header_timeout: float = 10.0
    """Seconds a connection has to send a request's headers, from when it opens or from
    the previous answer; then it is closed."""
    max_connections: int = 512
    """Connections open at once; one more is closed as soon as it is accepted."""


def _protocol(limits: Limits) -> type[HttpToolsProtocol]:
    class Bounded(HttpToolsProtocol):
        """uvicorn's fast httptools protocol, with the bounds it lacks: httptools buffers a
        header of any size, and uvicorn's keep-alive timeout stops counting at the first
        byte, so a client trickling its headers would hold the connection for ever."""

        guides_awaiting_headers = True
        guides_header_bytes = 0
        guides_deadline = 0.0
        guides_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > limits.max_connections:
                # Closed at once, so that a flood of idle connections cannot use up the
                # process's file descriptors.
                transport.close()
                return
            self._guides_restart_clock()
            self.guides_timer = self.loop.call_later(limits.header_timeout, self._guides_check)

        def connection_lost(self, exc: Exception | None) -> None:
            if self.guides_timer is not None:
                self.guides_timer.cancel()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.guides_awaiting_headers and not self.transport.is_closing():
                self.guides_header_bytes += len(data)
                if self.guides_header_bytes > limits.max_header_bytes:
                    self.send_400_response("Request headers too large.")

        def on_headers_complete(self) -> None:
            self.guides_awaiting_headers, self.guides_header_bytes = False, 0
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self.guides_awaiting_headers = True

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._guides_restart_clock()

        def _guides_restart_clock(self) -> None:
            # A new wait for headers starts; one timer per connection follows the deadline
            # (a timer per answer would fill the event loop's heap under load).
            self.guides_deadline = self.loop.time() + limits.header_timeout

        def _guides_check(self) -> None:
            remaining = self.guides_deadline - self.loop.time()
            if self.guides_awaiting_headers and remaining <= 0:
                self.transport.close()
                return
            # Headers in time, or a request being served: look again at the next deadline.
            self.guides_timer = self.loop.call_later(
                remaining if remaining > 0 else limits.header_timeout, self._guides_check)

    return Bounded


def serve_collector(host: str, port: int, database: str, settings: CollectorSettings,
                    limits: Limits) -> None:
    store = open_store(database)
    try:
        # proxy_headers=False: uvicorn would otherwise believe X-Forwarded-For from
        # loopback; the app decides which proxies to trust (CollectorSettings.proxies).
        uvicorn.run(create_collector(store, settings), host=host, port=port,
                    log_level="warning", access_log=False, server_header=False,
                    proxy_headers=False, http=_protocol(limits))
    finally:
        store.close()
