"""Serving on loopback with uvicorn, for the sandbox and the check's capturing proxy: locally
issued TLS files and a quiet server.

It lives outside the sandbox's package, whose app the check's process does not import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import trustme
import uvicorn
from starlette.types import ASGIApp

__all__ = ["issue_tls_files", "quiet_server"]


def issue_tls_files(state: Path, names: list[str],
                    organization: str = "Trust Leads sandbox") -> tuple[Path, Path]:
    """A fresh CA (``ca.pem``, for clients to trust) and a server certificate it signed for
    `names` (``server.pem``, key included), written into `state`."""
    authority = trustme.CA(organization_name=organization)
    server_pem = state / "server.pem"
    ca_file = state / "ca.pem"
    server_pem.touch(mode=0o600)
    authority.issue_cert(*names).private_key_and_cert_chain_pem.write_to_path(str(server_pem))
    authority.cert_pem.write_to_path(str(ca_file))
    return ca_file, server_pem


def quiet_server(app: ASGIApp, ssl_certfile: str | None = None,
                 **config: Any) -> uvicorn.Server:
    """A uvicorn server that logs only warnings; `config` holds further options of
    `uvicorn.Config`.

    In the main thread, uvicorn's `serve` takes SIGINT and SIGTERM while it runs and, once
    stopped, hands them on to the handler that was there before: the caller's (an asyncio
    signal handler, which stops every server of the process). In another thread it leaves
    signals alone."""
    # Access logs stay off: the sandbox logs no request line, so no credential either.
    # proxy_headers off unless `config` turns it on behind a proxy: the failed-auth throttle
    # keys on the peer, which a client must not replace with an X-Forwarded-For of its
    # choosing (uvicorn trusts it from loopback by default).
    return uvicorn.Server(uvicorn.Config(app, ssl_certfile=ssl_certfile, log_level="warning",
                                         access_log=False, lifespan="off",
                                         server_header=False,
                                         **{"proxy_headers": False, **config}))
