"""A shipped nginx configuration (``deploy/nginx/``), run by the real nginx on loopback for
a test.

Only its ports and certificate paths are substituted; every bound in it is the one deployed.
"""

from __future__ import annotations

import os
import re
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

from tests.conftest import REPO, free_port, require, wait_for_port

SHIPPED = REPO / "deploy" / "nginx"
NGINX = Path("/usr/sbin/nginx")


@dataclass(frozen=True)
class FrontProxy:
    port: int
    """Its HTTPS port (the shipped `listen 443 ssl`)."""
    ca_file: Path
    http_port: int | None = None
    """Its plain-HTTP port, if the configuration listens on 80."""

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


def until_closed(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (or its timeout passes)."""
    received = b""
    try:
        while chunk := connection.recv(4096):
            received += chunk
    except (ConnectionError, ssl.SSLError):
        pass
    return received


def trickled_until_closed(connection: socket.socket, piece: bytes,
                          give_up: float) -> tuple[bytes, float | None]:
    """Send `piece` every half second, as a slow client does, until the server closes the
    connection: what it answered, and after how many seconds (None: not within `give_up`)."""
    started = time.monotonic()
    connection.settimeout(0.5)
    answer = b""
    while time.monotonic() - started < give_up:
        try:
            connection.sendall(piece)
            chunk = connection.recv(4096)
        except TimeoutError:
            continue
        except OSError:
            return answer, time.monotonic() - started
        if not chunk:
            return answer, time.monotonic() - started
        answer += chunk
    return answer, None


def setting(name: str, directive: str) -> int:
    """The number `directive` is set to in the shipped `deploy/nginx/{name}.conf`, in
    bytes or seconds."""
    text = (SHIPPED / f"{name}.conf").read_text(encoding="utf-8")
    match = re.search(rf"(?m)^\s*{directive}\s+(\d+)(\w?);", text)
    assert match, f"{name}.conf no longer sets {directive}"
    return int(match.group(1)) * {"": 1, "k": 1024, "s": 1}[match.group(2)]


def rendered(shipped: Path, upstream_port: int, ports: dict[int, int], folder: Path) -> str:
    """`shipped` with this test's upstream port, ports to listen on (by the shipped one:
    443, 80) and certificate paths; each setting replaced must be there once."""
    certificate = folder / "server.pem"
    swaps = [(r"server 127\.0\.0\.1:\d+", f"server 127.0.0.1:{upstream_port}"),
             (r"ssl_certificate \S+", f"ssl_certificate {certificate}"),
             (r"ssl_certificate_key \S+", f"ssl_certificate_key {certificate}")]
    swaps += [(rf"listen {shipped_port}(?P<ssl> ssl)?", rf"listen 127.0.0.1:{port}\g<ssl>")
              for shipped_port, port in ports.items()]
    text = shipped.read_text(encoding="utf-8")
    for pattern, replacement in swaps:
        text, count = re.subn(rf"(?m)^(\s*){pattern};$", rf"\g<1>{replacement};", text)
        assert count == 1, f"{shipped} no longer says {pattern!r} once"
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
            f"    include {folder / 'shipped.conf'};\n"
            f"    include {folder / 'test.conf'};\n}}\n")


@contextmanager
def front_proxy(name: str, upstream_port: int, folder: Path, worker_connections: int = 1024,
                test_servers: str = "") -> Iterator[FrontProxy]:
    """nginx with the shipped `deploy/nginx/{name}.conf` in front of the server on
    `upstream_port`, at most `worker_connections` connections at once; `test_servers` are
    server blocks a test adds beside the shipped ones (in the same http block, so they see
    its variables)."""
    require(NGINX.exists() or shutil.which("nginx") is not None, "nginx", "nginx")
    folder.mkdir(parents=True, exist_ok=True)
    authority = trustme.CA()
    authority.issue_cert("localhost").private_key_and_cert_chain_pem.write_to_path(
        str(folder / "server.pem"))
    authority.cert_pem.write_to_path(str(folder / "ca.pem"))
    shipped = SHIPPED / f"{name}.conf"
    port = free_port()
    ports = {443: port}
    if re.search(r"(?m)^\s*listen 80;$", shipped.read_text(encoding="utf-8")):
        ports[80] = free_port()
    (folder / "shipped.conf").write_text(rendered(shipped, upstream_port, ports, folder),
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
        wait_for_port(port, process, folder / "error.log", "nginx")
        yield FrontProxy(port, folder / "ca.pem", ports.get(80))
    finally:
        process.terminate()
        process.wait(timeout=30)
