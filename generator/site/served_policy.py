"""A preview's pages under the site's Content-Security-Policy, sent as a header.

MkDocs' preview adds an inline script to every page it serves, the one that reloads the page
after a rebuild. The policy a published page carries in its head allows only the inline
scripts the page was built with, so it blocked that script, and no open page ever reloaded.
The script's text changes with each response, so no policy written at build time can allow
it. A preview's pages therefore carry no policy of their own: each response gets one, made
by the same function from the page as served, the reload script included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING

from .guard import content_security_policy

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["with_policy_header"]

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType] | tuple[None, None, None]


def with_policy_header(app: WSGIApplication, connect_to: Iterable[str | None]
                       ) -> WSGIApplication:
    """`app`, its HTML responses with the policy of their body as a header."""
    origins = tuple(connect_to)

    def served(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started: list[tuple[str, list[tuple[str, str]], _ExcInfo | None]] = []
        written: list[bytes] = []

        def keep(status: str, headers: list[tuple[str, str]],
                 exc_info: _ExcInfo | None = None) -> Callable[[bytes], object]:
            started.append((status, headers, exc_info))
            return written.append

        answer = app(environ, keep)
        try:
            written.extend(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        body = b"".join(written)
        status, headers, exc_info = started[-1]
        if any(name.lower() == "content-type" and value.startswith("text/html")
               for name, value in headers):
            policy = content_security_policy(body.decode("utf-8", "replace"), origins)
            headers = [*headers, ("Content-Security-Policy", policy)]
        start_response(status, headers, exc_info)
        return [body]

    return served
