"""A small HTTP/1.1 server for the collector's ASGI app, with the bounds a public endpoint
needs and general-purpose servers leave out: the size of a request's headers, the time a
client has to send them (from when it connects, or from the previous answer; a client
trickling one header line at a time does not reset it), and the connections open at once.

Parsing is httptools' (the parser uvicorn uses). Requests on one connection are answered in
order, and reading stops while one waits for an earlier one, so a client cannot queue up
requests or bodies in memory; an app that fails before answering gets a 500.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import unquote

import httptools
from starlette.types import ASGIApp, Message, Scope

__all__ = ["Limits", "serve"]

_log = logging.getLogger("guides.feedback")


@dataclass(frozen=True)
class Limits:
    max_header_bytes: int = 16 * 1024
    """Request line and headers together; more is answered 400 and the connection closed."""
    header_timeout: float = 10.0
    """Seconds a connection has to send a request's headers, from when it opens or from
    the previous answer; then it is closed."""
    max_connections: int = 512
    """Connections open at once; one more is closed as soon as it is accepted."""


async def serve(app: ASGIApp, sock: socket.socket, limits: Limits,
                stop: asyncio.Event) -> None:
    """Serve on the listening `sock` until `stop` is set, then finish the answers under way."""
    loop = asyncio.get_running_loop()
    open_connections: set[_Connection] = set()
    server = await loop.create_server(
        lambda: _Connection(app, limits, open_connections), sock=sock)
    await stop.wait()
    server.close()
    for connection in list(open_connections):
        connection.close_when_idle()
    # Answers under way get as long to finish as a client gets to send its headers.
    deadline = loop.time() + limits.header_timeout
    while open_connections and loop.time() < deadline:
        await asyncio.sleep(0.05)
    for connection in list(open_connections):
        connection.close()


@dataclass
class _Request:
    scope: Scope
    keep_alive: bool
    body: bytearray = field(default_factory=bytearray)
    complete: bool = False
    """The whole body has arrived."""
    answered: bool = False
    """The answer is sent; body still arriving is dropped."""
    news: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when body arrives, the request completes or is answered, or the client goes."""

    async def until(self, ready: Callable[[], bool]) -> None:
        while not ready():
            self.news.clear()
            await self.news.wait()


class _Connection(asyncio.Protocol):
    def __init__(self, app: ASGIApp, limits: Limits, open_connections: set[_Connection]) -> None:
        self.app = app
        self.limits = limits
        self.open_connections = open_connections
        self.loop = asyncio.get_running_loop()
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.peer: tuple[str, int] | None = None
        self.local: tuple[str, int] | None = None
        self.url = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.parsing: _Request | None = None
        self.waiting: deque[_Request] = deque()
        self.current: _Request | None = None
        self.answering: asyncio.Task[None] | None = None
        self.lost = False
        self.paused = False
        self.awaiting_headers = True
        self.header_bytes = 0
        self.deadline = 0.0
        self.timer: asyncio.TimerHandle | None = None
        self.closing = False

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport (uvloop's does not subclass asyncio's, so no isinstance).
        self.transport = transport = cast(asyncio.Transport, transport)
        self.open_connections.add(self)
        if len(self.open_connections) > self.limits.max_connections:
            # Closed at once, so that a flood of idle connections cannot use up the
            # process's file descriptors.
            transport.close()
            return
        self.peer = _address(transport.get_extra_info("peername"))
        self.local = _address(transport.get_extra_info("sockname"))
        self._restart_clock()
        self.timer = self.loop.call_later(self.limits.header_timeout, self._check_deadline)

    def connection_lost(self, exc: Exception | None) -> None:
        self.open_connections.discard(self)
        self.lost = True
        if self.timer is not None:
            self.timer.cancel()
        for request in (self.current, *self.waiting):
            if request is not None:
                request.news.set()

    def data_received(self, data: bytes) -> None:
        if self.awaiting_headers:
            self.header_bytes += len(data)
            if self.header_bytes > self.limits.max_header_bytes:
                self._refuse("Request headers too large.")
                return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._refuse("Upgrades are not supported.")
        except httptools.HttpParserError:
            self._refuse("Invalid HTTP request.")

    # httptools callbacks

    def on_message_begin(self) -> None:
        self.url, self.headers = b"", []

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        self.awaiting_headers, self.header_bytes = False, 0
        parsed = httptools.parse_url(self.url)
        method = self.parser.get_method().decode("ascii")
        scope: Scope = {
            "type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": self.parser.get_http_version(), "method": method,
            "scheme": "http", "path": _decoded_path(parsed.path), "raw_path": parsed.path,
            "query_string": parsed.query or b"", "root_path": "", "headers": self.headers,
            "client": self.peer, "server": self.local,
        }
        request = self.parsing = _Request(scope, keep_alive=self.parser.should_keep_alive())
        if self.current is None:
            self._start(request)
        else:
            self.waiting.append(request)
            self._pause()

    def on_body(self, body: bytes) -> None:
        assert self.parsing is not None
        if not self.parsing.answered:
            self.parsing.body += body
            self.parsing.news.set()

    def on_message_complete(self) -> None:
        assert self.parsing is not None
        self.parsing.complete = True
        self.parsing.news.set()
        self.awaiting_headers = True

    # answering

    def close_when_idle(self) -> None:
        self.closing = True
        if self.current is None:
            self.close()

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def _start(self, request: _Request) -> None:
        self.current = request
        # Referenced until done: the event loop keeps only a weak reference to a task.
        self.answering = self.loop.create_task(self._answer(request))

    async def _answer(self, request: _Request) -> None:
        cycle = _Cycle(self, request)
        failed = False
        try:
            await self.app(request.scope, cycle.receive, cycle.send)
        except Exception:
            failed = True
            _log.exception("the collector failed to answer %s %s",
                           request.scope["method"], request.scope["path"])
        if not cycle.started:
            await cycle.send_error(HTTPStatus.INTERNAL_SERVER_ERROR)
        request.answered = True
        request.news.set()
        # An answer given before the body ended closes the connection rather than read the
        # rest of a body nobody wants; so does a failure, whatever state it left behind.
        self._next(keep_alive=cycle.finished and request.complete and request.keep_alive
                   and not cycle.close_after and not failed)

    def _next(self, keep_alive: bool) -> None:
        self.current = self.answering = None
        if not keep_alive or self.closing:
            self.close()
            return
        self._restart_clock()
        if self.waiting:
            self._start(self.waiting.popleft())
        if self.paused and not self.waiting and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()

    def _pause(self) -> None:
        if not self.paused and self.transport is not None and not self.transport.is_closing():
            self.paused = True
            self.transport.pause_reading()

    def write(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def _refuse(self, reason: str) -> None:
        self.write(_head(400, [(b"content-type", b"text/plain; charset=utf-8"),
                               (b"connection", b"close")], len(reason)) + reason.encode())
        self.close()

    def _restart_clock(self) -> None:
        # A new wait for headers starts; one timer per connection follows the deadline (a
        # timer per answer would fill the event loop's heap under load).
        self.deadline = self.loop.time() + self.limits.header_timeout

    def _check_deadline(self) -> None:
        remaining = self.deadline - self.loop.time()
        if self.awaiting_headers and self.current is None and remaining <= 0:
            self.close()
            return
        # Headers in time, or a request being served: look again at the next deadline.
        self.timer = self.loop.call_later(
            remaining if remaining > 0 else self.limits.header_timeout, self._check_deadline)


class _Cycle:
    """One request's ASGI `receive` and `send`."""

    def __init__(self, connection: _Connection, request: _Request) -> None:
        self.connection = connection
        self.request = request
        self.started = False
        self.finished = False
        self.chunked = False
        self.close_after = False
        self.body_read = False
        self.head = request.scope["method"] == "HEAD"
        self.continue_wanted = (b"expect", b"100-continue") in request.scope["headers"]

    async def receive(self) -> Message:
        request, connection = self.request, self.connection
        if self.body_read:
            # Past the body, a receive waits for the answer to end or the client to go.
            await request.until(lambda: request.answered or connection.lost)
            return {"type": "http.disconnect"}
        if self.continue_wanted:
            # The client waits for leave to send its body, given once the app asks for it.
            self.continue_wanted = False
            connection.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        await request.until(lambda: bool(request.body) or request.complete or connection.lost)
        if connection.lost and not request.complete:
            return {"type": "http.disconnect"}
        body = bytes(request.body)
        request.body.clear()
        self.body_read = request.complete
        return {"type": "http.request", "body": body, "more_body": not request.complete}

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            assert not self.started, "the response has started already"
            self.started = True
            headers: list[tuple[bytes, bytes]] = [
                (bytes(name).lower(), bytes(value)) for name, value in message.get("headers", [])]
            names = {name for name, _ in headers}
            self.close_after = (b"connection", b"close") in headers
            if b"content-length" not in names and not self.head \
                    and message["status"] not in (204, 304):
                self.chunked = True
                headers.append((b"transfer-encoding", b"chunked"))
            if not self.request.keep_alive and b"connection" not in names:
                headers.append((b"connection", b"close"))
            self.connection.write(_head(message["status"], headers, None))
        elif message["type"] == "http.response.body":
            assert self.started and not self.finished, "no response under way"
            body = b"" if self.head else bytes(message.get("body", b""))
            more = bool(message.get("more_body", False))
            if self.chunked:
                data = (b"%x\r\n%b\r\n" % (len(body), body) if body else b"")
                self.connection.write(data + (b"" if more else b"0\r\n\r\n"))
            elif body:
                self.connection.write(body)
            self.finished = not more

    async def send_error(self, status: HTTPStatus) -> None:
        text = status.phrase.encode()
        await self.send({"type": "http.response.start", "status": status.value,
                         "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                     (b"content-length", str(len(text)).encode()),
                                     (b"connection", b"close")]})
        await self.send({"type": "http.response.body", "body": text})


def _head(status: int, headers: list[tuple[bytes, bytes]], length: int | None) -> bytes:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    lines = [f"HTTP/1.1 {status} {phrase}".encode()]
    lines += [name + b": " + value for name, value in headers]
    if length is not None:
        lines.append(b"content-length: %d" % length)
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _address(info: Any) -> tuple[str, int] | None:
    return (str(info[0]), int(info[1])) if isinstance(info, tuple) else None


def _decoded_path(raw: bytes) -> str:
    return unquote(raw.decode("latin-1"))
