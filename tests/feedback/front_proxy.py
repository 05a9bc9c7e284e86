"""The shipped nginx configuration, run by the real nginx on loopback for a test.

Only ports and paths of ``deploy/nginx/collector.conf`` are substituted; every bound in it
is the one deployed.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import trustme

from tests.conftest import REPO, free_port, require

SHIPPED = REPO / "deploy" / "nginx" / "collector.conf"
NGINX = Path("/usr/sbin/nginx")


@dataclass(frozen=True)
class FrontProxy:
    port: int
    ca_file: Path

    @property
    def base(self) -> str:
        return f"https://localhost:{self.port}"

    def tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))

    @contextmanager
    def connection(self) -> Iterator[ssl.SSLSocket]:
        """A TLS connection to the proxy, as a browser opens one."""
        raw = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        with self.tls().wrap_socket(raw, server_hostname="localhost") as tls:
            yield tls


def rendered(collector_port: int, port: int, folder: Path) -> str:
    """The shipped configuration with this test's ports and certificate paths."""
    text = SHIPPED.read_text(encoding="utf-8")
    for shipped, ours in [
        ("server 127.0.0.1:8090;", f"server 127.0.0.1:{collector_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
        ("/etc/ssl/feedback/fullchain.pem", str(folder / "server.pem")),
        ("/etc/ssl/feedback/privkey.pem", str(folder / "server.pem")),
    ]:
        assert text.count(shipped) == 1, f"{SHIPPED} no longer says {shipped!r} once"
        text = text.replace(shipped, ours)
    return text


def _main_config(folder: Path, worker_connections: int) -> str:
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root nginx would run its workers as nobody, who may not enter a private folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
            f"error_log {folder / 'error.log'} warn;\n"
            f"events {{ worker_connections {worker_connections}; }}\n"
            f"http {{\n    access_log off;\n{temp}\n"
            f"    include {folder / 'collector.conf'};\n"
            f"    include {folder / 'test.conf'};\n}}\n")


@contextmanager
def front_proxy(collector_port: int, folder: Path, worker_connections: int = 1024,
                test_servers: str = "") -> Iterator[FrontProxy]:
    """nginx with the shipped configuration in front of the collector on `collector_port`,
    at most `worker_connections` connections at once; `test_servers` are server blocks a
    test adds beside the shipped one (in the same http block, so they see its variables)."""
    require(NGINX.exists() or shutil.which("nginx") is not None, "nginx", "nginx")
    folder.mkdir(parents=True, exist_ok=True)
    authority = trustme.CA()
    authority.issue_cert("localhost").private_key_and_cert_chain_pem.write_to_path(
        str(folder / "server.pem"))
    authority.cert_pem.write_to_path(str(folder / "ca.pem"))
    port = free_port()
    (folder / "collector.conf").write_text(rendered(collector_port, port, folder),
                                           encoding="utf-8")
    (folder / "test.conf").write_text(test_servers, encoding="utf-8")
    (folder / "nginx.conf").write_text(_main_config(folder, worker_connections),
                                       encoding="utf-8")
    binary = str(NGINX if NGINX.exists() else shutil.which("nginx"))
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"),
         "-e", str(folder / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process, folder / "error.log")
        yield FrontProxy(port, folder / "ca.pem")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx did not start: {log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("nginx did not listen within 30 s")
