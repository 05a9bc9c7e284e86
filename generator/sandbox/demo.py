"""The sandbox's public endpoints for browsers: its demo credentials, and its health."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .keys import UNKNOWN_KEY
from .sessions import SessionSigner

__all__ = ["HEALTH_PATH", "credentials_document", "credentials_endpoint", "health"]

HEALTH_PATH = "/sandbox/health"

Endpoint = Callable[[Request], Awaitable[Response]]


def credentials_document(keys: Mapping[str, str], session_token: str,
                         expired_session_token: str, **more: str) -> dict[str, object]:
    """What the sandbox issued, as one document: the line ``guides sandbox`` prints on start
    and ``GET /sandbox/credentials`` (`more`: its URLs, a job)."""
    return {**more, "keys": dict(keys), "session_token": session_token,
            "expired_session_token": expired_session_token, "unknown_key": UNKNOWN_KEY}


def credentials_endpoint(keys: Mapping[str, str], signer: SessionSigner,
                         urls: Mapping[str, str],
                         a_job: Callable[[Request], str | Response]) -> Endpoint:
    """``GET /sandbox/credentials``: public by design, since the sandbox holds no real data.

    The credentials of the line ``guides sandbox`` prints on start, its `urls` (``base_url``
    and ``http_url``: a reader's setup lines read them here, as the sandbox's plain-HTTP
    port need not be its HTTPS one's), and ``job_id``, a job of the asking visitor's own
    that `a_job` names (or the answer it refuses with). The session tokens are minted for
    each request, so they are valid (or expired) whenever a reader asks.
    """

    async def credentials(request: Request) -> Response:
        job = a_job(request)
        if isinstance(job, Response):
            return job
        return JSONResponse(credentials_document(
            keys, signer.mint("pro"), signer.mint_expired("pro"), **urls, job_id=job))

    return credentials


async def health(request: Request) -> Response:
    """For load balancers and uptime checks; never rate limited."""
    return JSONResponse({"status": "ok"})
