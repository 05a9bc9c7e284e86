"""Locally issued TLS files: a CA for clients to trust and a certificate it signed, for the
sandbox and the check's capturing proxy when they serve HTTPS themselves."""

from __future__ import annotations

from pathlib import Path

import trustme

__all__ = ["issue_tls_files"]


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
