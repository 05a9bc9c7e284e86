"""The plain-HTTP listener: every request is sent to the same path over HTTPS."""

from __future__ import annotations

from starlette.types import Receive, Scope, Send

__all__ = ["HttpsRedirect"]


class HttpsRedirect:
    """308 keeps the method and body, so a POST is repeated as a POST over HTTPS.

    No Strict-Transport-Security here: browsers ignore it over plain HTTP (RFC 6797 §7.2).
    The query is dropped: it may hold a credential sent in the clear, which the redirect
    must not repeat (nor invite the client to send again). A request target that is not a
    path (``*``, or ``*@host/`` that a lenient parser passes on) goes to the root, so that
    no target can name another host in the Location.
    """

    def __init__(self, https_origin: str) -> None:
        self.https_origin = https_origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path = scope.get("raw_path") or b"/"
        target = self.https_origin + (path if path.startswith(b"/") else b"/").decode("latin-1")
        await send({"type": "http.response.start", "status": 308, "headers": [
            (b"location", target.encode("latin-1")),
            (b"content-length", b"0"),
            (b"cache-control", b"no-store"),
        ]})
        await send({"type": "http.response.body", "body": b""})
