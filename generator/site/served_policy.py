"""A preview's pages under the policy of the page as served, the reload script included.

MkDocs' preview adds an inline script to every page it serves, the one that reloads the page
after a rebuild. The policy each page was built with (`guard.with_content_security_policy`)
allows only the inline scripts the page was built with, so it blocked that script, and no
open page ever reloaded; the script's text changes with each response, so no policy written
at build time can allow it. Each page the preview's build wrote gets its policy anew, from
the page as served: the published policy and that one script's hash. Those pages carry the
build's mark, random for each preview, so a hand-written HTML file of docs/ (which could copy
anything else of a built page) is served as it would be published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import TracebackType
from typing import TYPE_CHECKING

from .guard import has_content_security_policy, with_content_security_policy

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["with_served_policy"]

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType] | tuple[None, None, None]


def with_served_policy(app: WSGIApplication, connect_to: Iterable[str | None], mark: str
                       ) -> WSGIApplication:
    """`app`, each HTML page it answers with that carries the policy with `mark` given the
    policy of the page as answered."""
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
            # Pages are written as UTF-8 (their first tag says so).
            page = body.decode("utf-8", "replace")
            if has_content_security_policy(page, mark):
                body = with_content_security_policy(page, origins, mark).encode("utf-8")
                headers = [(name, value) for name, value in headers
                           if name.lower() != "content-length"]
                headers.append(("Content-Length", str(len(body))))
        start_response(status, headers, exc_info)
        return [body]

    return served
