"""The collector as deployed: real sockets, uvicorn's bounds, the command's errors (the
front proxy's bounds: `test_front_proxy`)."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port
from tests.feedback.collector import event, start_collector

# Each test starts the real command or server.
pytestmark = pytest.mark.e2e

Collector = tuple[str, subprocess.Popen[bytes]]


@pytest.fixture
def collector(tmp_path: Path) -> Iterator[Collector]:
    port = free_port()
    process = start_collector(str(tmp_path / "f.sqlite3"), port, tmp_path / "log",
                              "--rate-limit", "2", "--max-connections", "4")
    yield f"http://127.0.0.1:{port}", process
    process.terminate()
    process.wait(timeout=30)


def _vote(base: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(f"{base}/v1/feedback", content=event(),
                      headers={"Content-Type": "text/plain", **(headers or {})})


def test_x_forwarded_for_from_loopback_does_not_reset_the_rate_limit(
        collector: Collector) -> None:
    base, _ = collector
    statuses = [_vote(base, {"X-Forwarded-For": f"203.0.113.{n}"}).status_code
                for n in range(3)]
    assert statuses == [202, 202, 429]


def test_a_request_beyond_the_connection_cap_is_503(collector: Collector) -> None:
    base, _ = collector
    port = int(base.rsplit(":", 1)[1])
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
    try:
        time.sleep(0.2)
        assert _vote(base).status_code == 503
    finally:
        for connection in held:
            connection.close()
    time.sleep(0.2)
    assert _vote(base).status_code == 202


def test_sigterm_lets_the_collector_exit_0(collector: Collector) -> None:
    base, process = collector
    assert _vote(base).status_code == 202
    process.terminate()
    assert process.wait(timeout=30) == 0


def _guides(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def _corrupt(tmp_path: Path) -> str:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    return str(path)


@pytest.mark.parametrize("command", ["serve", "report"])
@pytest.mark.parametrize(("database", "says"), [
    (lambda tmp: str(tmp / "missing" / "f.sqlite3"), "does not exist"),
    (lambda tmp: str(tmp), "is a folder"),
    (_corrupt, "is not a usable SQLite database"),
    (lambda tmp: "", "--db is empty"),
    (lambda tmp: "postgresql://reader:s3cret-pw@127.0.0.1:1/feedback", "cannot use the database"),
], ids=["missing-folder", "folder", "corrupt", "empty", "unreachable-postgresql"])
def test_a_bad_database_is_one_line_and_exit_2(
        tmp_path: Path, command: str, database: object, says: str) -> None:
    assert callable(database)
    location = database(tmp_path)
    if command == "report" and says == "does not exist":
        says = "no such feedback database"
    args = ["--port", str(free_port())] if command == "serve" else []

    result = _guides("feedback", command, "--db", location, *args)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and says in last
    assert "s3cret-pw" not in result.stderr + result.stdout


def test_the_database_password_is_never_printed(tmp_path: Path) -> None:
    result = _guides("feedback", "serve", "--port", str(free_port()), "--db",
                     "postgresql://reader:s3cret-pw@127.0.0.1:1/feedback")
    assert "postgresql://reader:***@127.0.0.1:1/feedback" in result.stderr
    assert "s3cret-pw" not in result.stderr


def test_an_existing_database_is_left_as_it_was(tmp_path: Path) -> None:
    path = _corrupt(tmp_path)
    before = Path(path).read_bytes()
    _guides("feedback", "report", "--db", path)
    assert Path(path).read_bytes() == before
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT 1 FROM feedback")
