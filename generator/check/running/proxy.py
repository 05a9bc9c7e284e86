"""A capturing reverse proxy between the snippets and the API they call.

Each snippet run gets its own base URL, ``https://127.0.0.1:P/r/<run>``, so runs in parallel
are told apart; the proxy records every exchange under its run and forwards it unchanged.
The sandbox the check starts is reached by each run from its own loopback address, so its
per-client rules (failed-auth throttling) see every run as a separate client. Any other API
sees every run come from one address, as a staging API on another host would.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import threading
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path

import httpx
import uvicorn
import uvloop
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ...web.serving import quiet_server
from ...web.sockets import bind
from ...web.tls_files import issue_tls_files
from ..guarding.shallow_json import MAX_DEPTH, depth
from .bounded import ACCEPTED_ENCODINGS, UnreadableAnswer, decoded
from .exchange import Exchange

__all__ = ["CaptureProxy"]

_HOP_BY_HOP = {"host", "connection", "keep-alive", "transfer-encoding", "content-length",
               "te", "trailer", "upgrade", "proxy-connection", "content-encoding",
               "accept-encoding"}


def _not_an_upgrade_offer(record: logging.LogRecord) -> bool:
    """Java's HttpClient offers HTTP/2 (``Upgrade: h2c``) on every plain-HTTP request, which
    is no fault: the proxy answers in HTTP/1.1, as any server without HTTP/2 does, and
    uvicorn's warning about it would only be noise in the check's output."""
    return record.getMessage() != "Unsupported upgrade request."


class CaptureProxy:
    upstream_deadline: float = 30.0
    """Seconds one exchange with the API may take, from request to the body's last byte."""


    def __init__(self, work_dir: Path, credential_headers: Collection[str]) -> None:
        """`credential_headers`: lower-cased names of the request headers that carry
        credentials, whose values are never kept."""
        self._credential_headers = frozenset(credential_headers)
        self._upstreams: dict[str, str] = {}
        self._verify: ssl.SSLContext | bool = True
        self._own_addresses = False
        self._exchanges: dict[str, list[Exchange]] = defaultdict(list)
        self._failures: dict[str, list[str]] = defaultdict(list)
        self._lock = threading.Lock()
        self._run_numbers: dict[str, int] = {}
        self._origins: dict[str, str] = {}
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._servers: list[uvicorn.Server] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self.ca_file = work_dir / "proxy" / "ca.pem"

    def start(self) -> None:
        self.ca_file.parent.mkdir()
        _, server_pem = issue_tls_files(self.ca_file.parent, ["127.0.0.1"],
                                        "guides check proxy")
        sockets = {"https": bind("127.0.0.1", 0), "http": bind("127.0.0.1", 0)}
        for scheme, sock in sockets.items():
            self._origins[scheme] = f"{scheme}://127.0.0.1:{sock.getsockname()[1]}"
        self._servers = [quiet_server(self._app("https"), ssl_certfile=str(server_pem)),
                         quiet_server(self._app("http"))]
        # A filter already there is not added again: one, however many proxies start.
        logging.getLogger("uvicorn.error").addFilter(_not_an_upgrade_offer)
        started = threading.Event()

        async def serve() -> None:
            self._loop = asyncio.get_running_loop()
            self._stopping = asyncio.Event()
            tasks = [asyncio.create_task(server.serve(sockets=[sockets[scheme]]))
                     for server, scheme in zip(self._servers, ("https", "http"), strict=True)]
            while not all(server.started for server in self._servers):
                await asyncio.sleep(0.005)
            started.set()
            await self._stopping.wait()
            # Every run has ended, so no request is in flight: uvicorn's graceful shutdown
            # (a tick of up to 0.1 s, then 0.1 s for connections to close) would only delay
            # the check's end. Its tasks are cancelled, and the listening sockets closed.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            # Cancelled, uvicorn leaves its listening servers open; closed here, with the
            # sockets they listened on.
            for server in self._servers:
                for listening in server.servers:
                    listening.close()
            for sock in sockets.values():
                sock.close()
            await asyncio.gather(*(client.aclose() for client in self._clients.values()))

        # uvloop, as uvicorn picks when it runs the loop itself: its sockets and TLS cost
        # the check less CPU than asyncio's, while the snippets' runs share the cores.
        self._thread = threading.Thread(target=uvloop.run, args=(serve(),), daemon=True)
        self._thread.start()
        if not started.wait(30):
            raise RuntimeError("the capturing proxy did not start")

    def forward_to(self, https_upstream: str, http_upstream: str, ca_file: str | None, *,
                   own_addresses: bool) -> None:
        """Where requests go; set once the API is known, before any snippet runs.
        `own_addresses`: each run reaches it from an address of its own (on loopback)."""
        self._upstreams = {"https": https_upstream.rstrip("/"),
                           "http": http_upstream.rstrip("/")}
        self._verify = ssl.create_default_context(cafile=ca_file) if ca_file else True
        self._own_addresses = own_addresses

    def stop(self) -> None:
        """Stop serving, once no run is left."""
        if self._loop is not None and self._stopping is not None:
            with contextlib.suppress(RuntimeError):  # its loop has already ended
                self._loop.call_soon_threadsafe(self._stopping.set)
        if self._thread is not None:
            self._thread.join(timeout=10)

    def base_url(self, run: str, transport: str) -> str:
        with self._lock:
            self._run_numbers.setdefault(run, len(self._run_numbers) + 1)
        return f"{self._origins[transport]}/r/{run}"

    def exchanges(self, run: str) -> tuple[list[Exchange], list[str]]:
        """What the run exchanged, and what went wrong in forwarding it."""
        with self._lock:
            return list(self._exchanges.get(run, [])), list(self._failures.get(run, []))

    def _app(self, scheme: str) -> ASGIApp:
        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                return
            try:
                response = await self._forward(Request(scope, receive), scheme)
            except asyncio.CancelledError:
                # The check is ending (its deadline) while the API has not answered: the run
                # is already named as cut off, so the request ends with a plain answer, not
                # an error the server would log with its traceback.
                response = Response("the check ended before the API answered",
                                    status_code=502)
            await response(scope, receive, send)

        return app

    async def _forward(self, request: Request, scheme: str) -> Response:
        parts = request.url.path.split("/", 3)
        if len(parts) < 3 or parts[1] != "r":
            return Response("not a snippet run", status_code=404)
        run, rest = parts[2], "/" + (parts[3] if len(parts) > 3 else "")
        path = rest + (f"?{request.url.query}" if request.url.query else "")
        body = await request.body()
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP]
        # Each run gets its own jobs in the sandbox, so parallel runs cannot see each other's.
        # The snippet receives the body decoded, whatever it accepts.
        headers += [("X-Sandbox-Tenant", run), ("Accept-Encoding", ACCEPTED_ENCODINGS)]
        exchanged = f"{request.method} {path[:200]}"
        try:
            # One deadline for the whole exchange: a read timeout alone lets an API that
            # dribbles a byte now and then hold the check for ever.
            async with asyncio.timeout(self.upstream_deadline), self._client(run).stream(
                    request.method, self._upstreams[scheme] + path, headers=headers,
                    content=body) as upstream:
                content = await decoded(upstream.aiter_raw(),
                                        upstream.headers.get("content-encoding", ""))
        except TimeoutError:
            return self._failed(run, f"the API did not answer {exchanged} within "
                                     f"{self.upstream_deadline:.0f} s")
        except UnreadableAnswer as err:
            return self._failed(run, f"the API's answer to {exchanged} was not read: {err}")
        except httpx.HTTPError as err:
            return self._failed(run, f"the API could not be reached for {exchanged}: "
                                     f"{type(err).__name__}: {str(err)[:200]}")
        if depth(content) > MAX_DEPTH:
            # Judged, it would be read as text; said here, the failure tells why.
            return self._failed(run, f"the API's answer to {exchanged} was not read: the "
                                     f"body nests deeper than {MAX_DEPTH} levels")
        # Which credential headers were sent matters, never their values: those are dropped.
        sent = {k.lower(): "[REDACTED]" if k.lower() in self._credential_headers else v
                for k, v in request.headers.items()}
        exchange = Exchange(
            request.method, path, sent, body,
            upstream.status_code, {k.lower(): v for k, v in upstream.headers.items()},
            content)
        with self._lock:
            self._exchanges[run].append(exchange)
        return Response(content, status_code=upstream.status_code, headers={
            k: v for k, v in upstream.headers.items() if k.lower() not in _HOP_BY_HOP})

    def _failed(self, run: str, problem: str) -> Response:
        with self._lock:
            self._failures[run].append(problem)
        return Response(problem, status_code=502)

    def _client(self, run: str) -> httpx.AsyncClient:
        """One connection pool per run, from the run's own loopback address if it should."""
        if run not in self._clients:
            number = self._run_numbers.get(run, 0)
            address = f"127.10.{number // 250 % 256}.{number % 250 + 1}" \
                if self._own_addresses else None
            self._clients[run] = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(
                verify=self._verify, local_address=address), timeout=self.upstream_deadline)
        return self._clients[run]

