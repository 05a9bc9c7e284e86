"""A collector for tests: events, requests to its app in process, and a real `guides
feedback serve` process."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from generator.feedback.app import CollectorSettings, create_collector
from generator.feedback.store import Store
from tests.conftest import wait_for_port

EVENT = {"page": "/api-authentication/", "title": "API Authentication Reference", "rating": 1,
         "comment": None, "version": "c0ffee", "ts": 1764288000000}
SITE = "http://docs.example.test"
#: One collector's settings (and so its client keys) for the requests of a test.
UNLIMITED = CollectorSettings(rate_limit=0)


def post(store: Store, body: bytes | str, *, content_type: str = "text/plain;charset=UTF-8",
         settings: CollectorSettings | None = None, headers: dict[str, str] | None = None,
         method: str = "POST", path: str = "/v1/feedback") -> httpx.Response:
    app = create_collector(store, settings or UNLIMITED)

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://collector") as c:
            return await c.request(method, path, content=body, headers={
                "Content-Type": content_type, **(headers or {})})

    return asyncio.run(send())


def event(**changes: Any) -> bytes:
    return json.dumps({**EVENT, **changes}).encode()


def start_collector(database: str, port: int, log: Path, *options: str) -> subprocess.Popen[bytes]:
    """`guides feedback serve` on loopback `port`, once it accepts connections."""
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "feedback", "serve", "--port", str(port),
             "--db", database, "--rate-limit", "0", *options], stdout=sink, stderr=sink)
    wait_for_port(port, process, log, "the collector")
    return process
