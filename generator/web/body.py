"""Request bodies: their media type, and reading them whole within a size limit."""

from __future__ import annotations

import enum
from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodyLimit", "BodyProblem", "BodyRefused", "media_type", "read_body"]


def media_type(headers: Headers) -> str:
    """The Content-Type without its parameters, lower-cased ("" when none was sent)."""
    return headers.get("content-type", "").split(";")[0].strip().lower()


class BodyProblem(enum.Enum):
    BAD_LENGTH = "a Content-Length that is not a whole number"
    TOO_LARGE = "a body over the limit, declared or streamed"
    INCOMPLETE = "the client went away before the body ended"


class BodyRefused(Exception):
    def __init__(self, problem: BodyProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The whole body, refused (BodyRefused) as soon as it is known to be unacceptable:
    a declared length over the limit before a byte is read, a streamed one as it passes it."""
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit():
        raise BodyRefused(BodyProblem.BAD_LENGTH)
    if int(declared) > max_bytes:
        raise BodyRefused(BodyProblem.TOO_LARGE)
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes:
                raise BodyRefused(BodyProblem.TOO_LARGE)
    except ClientDisconnect as disconnect:
        raise BodyRefused(BodyProblem.INCOMPLETE) from disconnect
    return bytes(body)


class BodyLimit:
    """Reads every HTTP request's body within `max_bytes` before the app sees it, answering
    `refuse(problem)` instead when it is unacceptable; the app then reads the body as sent."""

    def __init__(self, app: ASGIApp, max_bytes: int,
                 refuse: Callable[[BodyProblem], Response]) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await read_body(Request(scope, receive), self.max_bytes)
        except BodyRefused as refused:
            await self.refuse(refused.problem)(scope, receive, send)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                # Past the body, the app waits for what comes next: the disconnect.
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
