"""The public sandbox's requests per visitor: an IPv6 host counts once, whatever address of
its /64 it sends from."""

from __future__ import annotations

import asyncio

import httpx
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from generator.sandbox.ratelimit import RequestLimit


async def _ok(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse("ok")(scope, receive, send)


def _statuses(limit: RequestLimit, *clients: str) -> list[int]:
    async def ask() -> list[int]:
        statuses = []
        for client in clients:
            transport = httpx.ASGITransport(limit, client=(client, 40000))
            async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as http:
                statuses.append((await http.get("/v1/jobs")).status_code)
        return statuses
    return asyncio.run(ask())


def test_addresses_of_one_ipv6_host_share_its_limit() -> None:
    limit = RequestLimit(_ok, per_minute=2, exempt=frozenset())
    assert _statuses(limit, "2001:db8:1:2::1", "2001:db8:1:2::ffff", "2001:db8:1:2:8::9",
                     "2001:db8:1:3::1", "192.0.2.1", "192.0.2.2") == [200, 200, 429, 200,
                                                                     200, 200]
