"""Shared by the check's tests: a remote API that has drifted from the docs.

The API is a test double: the real sandbox app behind a middleware that answers one message
differently, as a drifted API would.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.sandbox import SandboxSettings, create_sandbox
from generator.sandbox.redirect import HttpsRedirect
from generator.web.serving import quiet_server
from generator.web.sockets import bind
from generator.web.tls_files import issue_tls_files


class RewordRevoked:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message = {}

        async def reword(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            body = message.get("body", b"").replace(b"has been revoked", b"is revoked")
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({**message, "body": body})

        await self.app(scope, receive, reword)


@pytest.fixture
def drifted_api(tmp_path: Path) -> Iterator[dict[str, str]]:
    with remote_api(tmp_path, RewordRevoked) as api:
        yield api


@contextlib.contextmanager
def remote_api(tmp_path: Path, drift: Callable[[ASGIApp], ASGIApp]
               ) -> Iterator[dict[str, str]]:
    """The sandbox's app changed by `drift`, served over HTTPS (and plain HTTP redirecting
    there) in a thread: its URLs, CA file and credentials, as `guides check` takes them."""
    # Every run reaches a remote API from one address: the sandbox's own threshold, in a
    # window short enough that the lock-out the throttling example causes ends in seconds.
    sandbox = create_sandbox(SandboxSettings(failed_auth_window=5.0))
    _, server_pem = issue_tls_files(tmp_path, ["127.0.0.1"])
    https, http = bind("127.0.0.1", 0), bind("127.0.0.1", 0)
    base = f"https://127.0.0.1:{https.getsockname()[1]}"
    servers = [quiet_server(drift(sandbox.app), ssl_certfile=str(server_pem)),
               quiet_server(HttpsRedirect(base))]

    async def serve() -> None:
        await asyncio.gather(servers[0].serve(sockets=[https]),
                             servers[1].serve(sockets=[http]))

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    yield {
        "base_url": base + "/v1", "http_url": f"http://127.0.0.1:{http.getsockname()[1]}/v1",
        "ca_file": str(tmp_path / "ca.pem"),
        "GUIDES_SANDBOX_STARTER_KEY": sandbox.keys["starter"],
        "GUIDES_SANDBOX_PRO_KEY": sandbox.keys["pro"],
        "GUIDES_SANDBOX_AGENCY_KEY": sandbox.keys["agency"],
        "GUIDES_SANDBOX_REVOKED_KEY": sandbox.keys["revoked"],
        "GUIDES_SANDBOX_SESSION_TOKEN": sandbox.session_token,
        "GUIDES_SANDBOX_EXPIRED_SESSION_TOKEN": sandbox.expired_session_token,
    }
    for server in servers:
        server.should_exit = True
    thread.join(timeout=10)
