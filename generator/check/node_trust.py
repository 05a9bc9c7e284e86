"""What a Node snippet trusts, laid out so that Node need not parse it at start-up.

A `node` started with NODE_EXTRA_CA_CERTS builds its whole certificate store as it starts:
its ~140 bundled root certificates parsed, a sixth of a short snippet's CPU time, although
the snippets of a check only ever meet the capturing proxy's certificate. Started with
`--use-openssl-ca`, Node leaves the store to OpenSSL instead, which reads the file named by
SSL_CERT_FILE at once and a folder named by SSL_CERT_DIR only when it looks up the issuer of
a certificate it has not met.

So the folder written here holds exactly Node's bundled roots (`tls.rootCertificates`),
hashed for OpenSSL's lookup, and a Node run's SSL_CERT_FILE names the same file as its
NODE_EXTRA_CA_CERTS (or none): what such a run trusts is what a plain `node` trusts.
Every Node run gets these variables, with the option or without it, so that what a snippet
sees of its environment is the same in both modes.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

__all__ = ["node_environment", "write_node_roots"]

_LIST_ROOTS = "process.stdout.write(JSON.stringify(require('tls').rootCertificates))"


def write_node_roots(folder: Path, group: int) -> bool:
    """Node's bundled root certificates in `folder`, named for OpenSSL's lookup by issuer
    (processes started in `group`); False when `node` or `openssl` cannot make them."""
    folder.mkdir()
    try:
        listed = subprocess.run(["node", "-e", _LIST_ROOTS], capture_output=True, check=True,
                                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                                process_group=group)
        for number, pem in enumerate(json.loads(listed.stdout)):
            (folder / f"root-{number}.pem").write_text(pem, encoding="ascii")
        subprocess.run(["openssl", "rehash", str(folder)], capture_output=True, check=True,
                       process_group=group)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return False
    return True


def node_environment(env: dict[str, str], roots: Path) -> dict[str, str]:
    """`env` for a Node run whose trust OpenSSL holds: Node's roots and its extra CA file."""
    return {**env, "SSL_CERT_DIR": str(roots),
            "SSL_CERT_FILE": env.get("NODE_EXTRA_CA_CERTS", os.devnull)}
