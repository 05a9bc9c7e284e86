"""`guides sandbox` as a process: one JSON line, clean exits, clear errors."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import busy_port
from tests.sandbox.running import start_sandbox

# Each test starts the real command or server.
pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_announces_once_and_exits_cleanly(tmp_path: Path, signum: int) -> None:
    running = start_sandbox(tmp_path / "log", "--state-dir", str(tmp_path / "state"))
    assert set(running.info) == {"base_url", "http_url", "ca_file", "keys", "session_token",
                                 "expired_session_token", "unknown_key"}
    assert set(running.keys) == {"starter", "pro", "agency", "revoked"}
    assert all(key.startswith("lfk_sk_") for key in running.keys.values())
    assert running.base_url.startswith("https://127.0.0.1:")
    assert running.info["http_url"].startswith("http://127.0.0.1:")
    assert Path(running.info["ca_file"]) == tmp_path / "state" / "ca.pem"
    process = running.process
    assert process.stdout is not None
    process.send_signal(signum)
    rest = process.stdout.read()
    assert running.stop(signum) == 0
    assert rest == ""
    assert (tmp_path / "state" / "ca.pem").is_file()
    assert "Traceback" not in (tmp_path / "log").read_text()


def test_temporary_state_is_removed_on_exit(tmp_path: Path) -> None:
    running = start_sandbox(tmp_path / "log")
    ca_file = Path(running.info["ca_file"])
    assert ca_file.is_file()
    assert running.stop() == 0
    assert not ca_file.parent.exists()


def test_fixed_ports(tmp_path: Path) -> None:
    ports = []
    for _ in range(2):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
    running = start_sandbox(tmp_path / "log", "--port", str(ports[0]),
                            "--http-port", str(ports[1]))
    try:
        assert running.base_url == f"https://127.0.0.1:{ports[0]}/v1"
        assert running.info["http_url"] == f"http://127.0.0.1:{ports[1]}/v1"
    finally:
        assert running.stop() == 0


def test_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    with busy_port() as port:
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "sandbox", "--port", str(port)],
            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "cannot serve the sandbox on 127.0.0.1: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr
