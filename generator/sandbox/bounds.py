"""The public sandbox's server within bounds: what one client may hold of it (connections,
time, header bytes, TLS handshakes), which uvicorn alone does not bound."""

from __future__ import annotations

import asyncio
import ssl
from collections import Counter
from dataclasses import dataclass
from typing import Any

import h11
import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..web.listen import quiet_server
from .visitors import visitor_key

__all__ = ["ServerLimits", "bounded_server"]


@dataclass(frozen=True)
class ServerLimits:
    """What one client may hold of a public server (the sandbox)."""

    max_header_bytes: int = 16 * 1024
    """Request line and headers together; more is answered 400 and the connection closed."""
    request_seconds: float = 10.0
    """From when a connection opens, or its previous answer ends, until the next answer is
    complete: a client trickling its headers or body a byte at a time is cut off then."""
    keep_alive_seconds: int = 5
    """An idle connection between requests is closed after this long."""
    max_connections: int = 256
    """Connections and requests under way at once; more are answered 503."""
    connections_per_visitor: int = 0
    """Connections one visitor (an address; an IPv6 /64) may hold open at once, those still
    in their TLS handshake included, so that one cannot take all `max_connections`; more
    are closed at once (over HTTPS before any handshake; over plain HTTP with a 503); 0, no
    bound (a machine's own clients share one address). Behind a proxy the proxy is the only
    peer, and bounds its clients itself."""
    max_tls_handshakes: int = 128
    """TLS handshakes under way at once, whoever the visitors: each holds about half a
    megabyte of buffers until it ends, so more connections are closed at once."""
    tls_handshake_seconds: float = 5.0
    """Over HTTPS, from when a connection opens until its TLS handshake is done (and again
    for the TLS close): a connection that never sends a ClientHello is closed then, not
    after asyncio's 60 s."""


def bounded_server(app: ASGIApp, limits: ServerLimits, ssl_certfile: str | None = None,
                   **config: Any) -> uvicorn.Server:
    """`quiet_server` within `limits`: uvicorn's own bounds (header size through h11,
    keep-alive, concurrency) and a deadline per request, which uvicorn has not."""
    per_visitor = 0 if config.get("proxy_headers") else limits.connections_per_visitor
    # TLS is started by the protocol, not by uvicorn, so that a connection is counted and
    # timed from its first byte: uvicorn's server hands a TLS connection to its protocol
    # only once the handshake is done, and has no handshake timeout.
    tls = _server_tls(ssl_certfile) if ssl_certfile is not None else None
    return quiet_server(app, http=_bounded_protocol(limits, per_visitor, tls),
                        h11_max_incomplete_event_size=limits.max_header_bytes,
                        timeout_keep_alive=limits.keep_alive_seconds,
                        limit_concurrency=limits.max_connections, **config)


_TOO_LARGE = (b"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n"
              b"Connection: close\r\n\r\n")
_TOO_MANY = (b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 10\r\nContent-Length: 0\r\n"
             b"Connection: close\r\n\r\n")


def _server_tls(certfile: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile)
    return context


def _bounded_protocol(limits: ServerLimits, per_visitor: int,
                      tls: ssl.SSLContext | None) -> type[H11Protocol]:
    """uvicorn's h11 protocol with bounds it has not: a request head larger than
    `max_header_bytes` is answered 431 even when it arrives whole (h11 bounds only a head
    still incomplete); a connection whose next answer is not complete `request_seconds`
    after it opened (its TLS handshake included) or after its previous answer is closed;
    a TLS handshake not done within `tls_handshake_seconds` is given up; a visitor
    holding `per_visitor` connections (0: no bound) has the next one closed at once.

    With `tls`, the protocol starts TLS itself (asyncio's public `start_tls`) on the TCP
    connection it is given, and hands the TLS connection to uvicorn's protocol once the
    handshake is done. Otherwise only the protocol's public hooks are used: asyncio's
    `connection_made`, `data_received` and `connection_lost`, and
    `on_response_complete`, which uvicorn calls after each answer.
    """

    held: Counter[str] = Counter()
    handshaking: set[asyncio.BaseProtocol] = set()

    class BoundedProtocol(H11Protocol):
        guides_visitor: str | None = None
        guides_deadline: asyncio.TimerHandle | None = None
        guides_transport: asyncio.Transport | None = None
        guides_head: bytearray | None = None
        """The request head read so far; None once it is complete, until the answer."""
        guides_early: bytearray | None = None
        """Over TLS, what arrived before uvicorn's protocol was given the connection."""
        guides_handshake: asyncio.Task[None] | None = None
        guides_opened = False
        """Whether uvicorn's protocol has been given the connection."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            self.guides_transport = transport
            peer = transport.get_extra_info("peername")
            if per_visitor and peer:
                visitor = visitor_key(str(peer[0]))
                if held[visitor] >= per_visitor:
                    # Over TLS nothing is answered: a handshake is what the bound spares.
                    if tls is None:
                        transport.write(_TOO_MANY)
                    transport.close()
                    return
                held[visitor] += 1
                self.guides_visitor = visitor
            self.guides_next_request()
            if tls is None:
                self.guides_open(transport)
                return
            if len(handshaking) >= limits.max_tls_handshakes:
                transport.close()
                self.guides_release()
                return
            handshaking.add(self)
            # Nothing is read in the clear: the TLS layer takes over the connection.
            transport.pause_reading()
            self.guides_early = bytearray()
            self.guides_handshake = asyncio.get_running_loop().create_task(
                self.guides_start_tls(transport, tls))

        async def guides_start_tls(self, transport: asyncio.Transport,
                                   context: ssl.SSLContext) -> None:
            try:
                secure = await asyncio.get_running_loop().start_tls(
                    transport, self, context, server_side=True,
                    ssl_handshake_timeout=limits.tls_handshake_seconds,
                    ssl_shutdown_timeout=limits.tls_handshake_seconds)
            except OSError:
                # A silent client, a failed handshake or one the deadline cut off.
                transport.abort()
                self.guides_release()
                return
            except asyncio.CancelledError:
                transport.abort()
                self.guides_release()
                raise
            handshaking.discard(self)  # however it ends otherwise, `guides_release` does
            if secure is None or secure.is_closing():
                self.guides_release()
                return
            self.guides_transport = secure
            self.guides_open(secure)
            early, self.guides_early = self.guides_early, None
            if early:
                self.data_received(bytes(early))

        def guides_open(self, transport: asyncio.Transport) -> None:
            self.guides_opened = True
            super().connection_made(transport)

        def data_received(self, data: bytes) -> None:
            if not self.guides_opened and self.guides_early is not None:
                # Decrypted bytes the TLS layer delivered with the end of the handshake,
                # before uvicorn's protocol had the connection.
                self.guides_early.extend(data)
                return
            head = self.guides_head
            if head is not None and self.conn.their_state is h11.SEND_BODY:
                # The rest of a body its answer did not wait for (a 413 answered on
                # Content-Length): not the next request's head.
                head = None
            if head is not None and self.guides_transport is not None:
                head.extend(data)
                end = head.find(b"\r\n\r\n")
                if (end + 4 if end >= 0 else len(head)) > limits.max_header_bytes:
                    self.guides_transport.write(_TOO_LARGE)
                    self.guides_transport.close()
                    return
                if end >= 0:
                    self.guides_head = None
            super().data_received(data)

        def eof_received(self) -> None:
            if self.guides_opened:
                super().eof_received()

        def on_response_complete(self) -> None:
            self.guides_next_request()
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self.guides_release()
            if self.guides_handshake is not None and not self.guides_handshake.done():
                self.guides_handshake.cancel()
            if self.guides_opened:
                super().connection_lost(exc)

        def guides_release(self) -> None:
            """What this connection holds, given back once however it ends."""
            handshaking.discard(self)
            if self.guides_deadline is not None:
                self.guides_deadline.cancel()
                self.guides_deadline = None
            if self.guides_visitor is not None:
                held[self.guides_visitor] -= 1
                if not held[self.guides_visitor]:
                    del held[self.guides_visitor]
                self.guides_visitor = None

        def guides_next_request(self) -> None:
            self.guides_head = bytearray()
            if self.guides_deadline is not None:
                self.guides_deadline.cancel()
            if self.guides_transport is not None:
                self.guides_deadline = asyncio.get_running_loop().call_later(
                    limits.request_seconds, self.guides_close)

        def guides_close(self) -> None:
            # The transport of the moment: the TCP one during the handshake, then TLS.
            if self.guides_transport is not None:
                self.guides_transport.close()

    return BoundedProtocol
