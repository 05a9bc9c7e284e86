"""The trial API served as a staging API would be: HTTPS from the standard library's
`http.server` and `ssl` (a trustme CA), and plain HTTP that redirects there."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import trustme

from tests.conftest import serving

from .api import Broken, Reply, Request, TrialApi

#: Headers on every answer, as the pages show them.
ALWAYS = {"Cache-Control": "no-store"}
HSTS = {"Strict-Transport-Security": "max-age=31536000"}


@dataclass(frozen=True)
class Served:
    base_url: str
    http_url: str
    ca_file: str


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.server.api is None:
            self._send(Reply(308, headers={"Location": self.server.https_origin
                                           + urlsplit(self.path).path}), {})
            return
        url = urlsplit(self.path)
        request = Request(self.command, url.path, dict(parse_qsl(url.query)),
                          {k.lower(): v for k, v in self.headers.items()}, body,
                          self.client_address[0])
        api = self.server.api
        self._send(api.handle(request), {} if api.broken is Broken.NO_HSTS else HSTS)

    def _send(self, reply: Reply, extra: dict[str, str]) -> None:
        payload = b"" if reply.body is None else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        headers = {**ALWAYS, **extra, **reply.headers}
        if reply.body is not None:
            headers["Content-Type"] = "application/json"
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _serve

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the check reports what matters."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api: TrialApi | None, https_origin: str = "") -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api
        self.https_origin = https_origin

    @property
    def origin_port(self) -> int:
        return int(self.server_address[1])


@contextmanager
def serve(api: TrialApi, folder: Path) -> Iterator[Served]:
    """`api` on free loopback ports, HTTPS and plain HTTP, until the block ends."""
    authority = trustme.CA(organization_name="Trial staging CA")
    ca_file = folder / "trial-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    https = _Server(api)
    # The handshake happens in the request's thread, not in the accepting loop.
    https.socket = context.wrap_socket(https.socket, server_side=True,
                                       do_handshake_on_connect=False)
    origin = f"https://127.0.0.1:{https.origin_port}"
    http = _Server(None, origin)
    with serving(https), serving(http):
        yield Served(origin + "/v1", f"http://127.0.0.1:{http.origin_port}/v1", str(ca_file))
