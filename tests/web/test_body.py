"""Bodies read whole within a limit, and their media type, as both services see them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Message, Receive, Scope, Send

from generator.web.body import BodyLimit, BodyProblem, BodyRefused, media_type, read_body

LIMIT = 16


async def echo(scope: Scope, receive: Receive, send: Send) -> None:
    body = await Request(scope, receive).body()
    await PlainTextResponse(f"{len(body)}:{body.decode()}")(scope, receive, send)


def refuse(problem: BodyProblem) -> Response:
    return PlainTextResponse(problem.name, status_code=400)


APP = BodyLimit(echo, LIMIT, refuse)


async def _post(content: bytes | AsyncIterator[bytes],
                headers: dict[str, str] | None = None) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=APP),
                                 base_url="http://app") as client:
        return await client.post("/", content=content, headers=headers)


def post(content: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return asyncio.run(_post(content, headers))


def post_streamed(chunks: list[bytes]) -> httpx.Response:
    async def stream() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    return asyncio.run(_post(stream()))


def test_a_body_within_the_limit_reaches_the_app_whole() -> None:
    assert post(b"x" * LIMIT).text == f"{LIMIT}:{'x' * LIMIT}"
    assert post_streamed([b"abc", b"", b"def"]).text == "6:abcdef"
    assert post(b"").text == "0:"


def test_a_declared_length_over_the_limit_is_refused() -> None:
    assert post(b"x" * (LIMIT + 1)).text == "TOO_LARGE"


def test_a_streamed_body_over_the_limit_is_refused() -> None:
    assert post_streamed([b"x" * 10, b"x" * 10]).text == "TOO_LARGE"


def test_a_content_length_that_is_no_number_is_refused() -> None:
    assert post(b"x", {"Content-Length": "1x"}).text == "BAD_LENGTH"


def test_a_client_gone_before_the_body_ends_is_incomplete() -> None:
    messages: list[Message] = [{"type": "http.request", "body": b"ab", "more_body": True},
                               {"type": "http.disconnect"}]

    async def receive() -> Message:
        return messages.pop(0)

    scope: Scope = {"type": "http", "method": "POST", "path": "/", "headers": []}
    with pytest.raises(BodyRefused) as refused:
        asyncio.run(read_body(Request(scope, receive), LIMIT))
    assert refused.value.problem is BodyProblem.INCOMPLETE


@pytest.mark.parametrize(("sent", "expected"), [
    ("application/json", "application/json"),
    ("Application/JSON; charset=utf-8", "application/json"),
    (" text/plain ;q=1", "text/plain"),
    (None, ""),
])
def test_media_type_drops_parameters_and_case(sent: str | None, expected: str) -> None:
    headers = Headers({"content-type": sent} if sent is not None else {})
    assert media_type(headers) == expected
