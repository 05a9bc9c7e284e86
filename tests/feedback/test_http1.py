"""The collector's HTTP/1.1 server on a real socket, with apps defined here."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from generator.feedback.http1 import Limits, serve
from generator.web.sockets import bind


async def echo(request: Request) -> Response:
    body = await request.body()
    return PlainTextResponse(f"{request.method} {request.url.path} {body.decode()}")


async def chunks(request: Request) -> Response:
    async def parts() -> AsyncIterator[bytes]:
        yield b"one,"
        yield b"two"

    return StreamingResponse(parts())


async def slow(request: Request) -> Response:
    await asyncio.sleep(0.2)
    return PlainTextResponse("slow")


async def fails(request: Request) -> Response:
    raise RuntimeError("the app broke")


APP = Starlette(routes=[Route("/echo/{rest:path}", echo, methods=["GET", "POST"]),
                        Route("/chunks", chunks), Route("/slow", slow),
                        Route("/fails", fails)])

Talk = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[bytes]]


def exchange(talk: Talk, limits: Limits | None = None) -> bytes:
    """What the server sends back while `talk` converses with it over one connection."""

    async def run() -> bytes:
        sock = bind("127.0.0.1", 0)
        port = sock.getsockname()[1]
        stop = asyncio.Event()
        server = asyncio.create_task(serve(APP, sock, limits or Limits(), stop))
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                return await asyncio.wait_for(talk(reader, writer), 10)
            finally:
                writer.close()
        finally:
            stop.set()
            await asyncio.wait_for(server, 10)

    return asyncio.run(run())


def sending(*requests: bytes) -> Talk:
    async def talk(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
        writer.write(b"".join(requests))
        await writer.drain()
        return await reader.read()

    return talk


def test_requests_on_one_connection_are_answered_in_order() -> None:
    received = exchange(sending(
        b"POST /echo/a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
        b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /echo/b%20c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    bodies = [part.split(b"\r\n\r\n", 1)[1] for part in received.split(b"HTTP/1.1 ")[1:]]
    assert bodies == [b"POST /echo/a abc", b"slow", b"GET /echo/b c "]
    assert received.count(b"HTTP/1.1 200 OK") == 3


def test_a_chunked_body_arrives_whole() -> None:
    received = exchange(sending(
        b"POST /echo/c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"))
    assert received.endswith(b"\r\n\r\nPOST /echo/c abcde")


def test_a_streamed_answer_is_sent_chunked() -> None:
    received = exchange(sending(b"GET /chunks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    head, body = received.split(b"\r\n\r\n", 1)
    assert b"transfer-encoding: chunked" in head
    assert body == b"4\r\none,\r\n3\r\ntwo\r\n0\r\n\r\n"


def test_head_gets_the_headers_without_the_body() -> None:
    received = exchange(sending(b"HEAD /echo/h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    assert received.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"content-length: 13\r\n" in received
    assert received.endswith(b"\r\n\r\n")


def test_http_1_0_is_answered_and_closed() -> None:
    received = exchange(sending(b"GET /echo/old HTTP/1.0\r\n\r\n"))
    assert b"connection: close" in received
    assert received.endswith(b"GET /echo/old ")


def test_a_failing_app_answers_500_and_the_connection_closes() -> None:
    received = exchange(sending(b"GET /fails HTTP/1.1\r\nHost: x\r\n\r\n",
                                b"GET /echo/never HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert received.startswith(b"HTTP/1.1 500 Internal Server Error\r\n")
    assert b"never" not in received


def test_garbage_is_a_400_and_the_connection_closes() -> None:
    received = exchange(sending(b"NOT HTTP AT ALL\r\n\r\n"))
    assert received.startswith(b"HTTP/1.1 400 Bad Request\r\n")


def test_a_client_that_expects_100_continue_is_told_to_go_on() -> None:
    async def talk(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
        writer.write(b"POST /echo/e HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                     b"Expect: 100-continue\r\nConnection: close\r\n\r\n")
        interim = await reader.readuntil(b"\r\n\r\n")
        writer.write(b"ok")
        return interim + await reader.read()

    received = exchange(talk)
    assert received.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")
    assert received.endswith(b"POST /echo/e ok")


def test_an_answer_given_before_the_body_ends_closes_the_connection() -> None:
    async def talk(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
        # /slow takes no POST: the 405 comes before the body the request promised.
        writer.write(b"POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
        await writer.drain()
        return await reader.read()

    received = exchange(talk)
    assert received.startswith(b"HTTP/1.1 405 Method Not Allowed\r\n")
