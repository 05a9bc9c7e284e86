"""What one visitor may hold of a public sandbox: named tenants within a budget, evicted
fairly; header size and time per request bounded, over real sockets and real TLS."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.requests import Request

from generator.sandbox.tenants import TenantBudgetSpent, Tenants
from tests.sandbox.running import RunningSandbox, start_sandbox

#: The TLS handshake deadline the sandboxes of these tests are started with.
HANDSHAKE_SECONDS = 1.0


@pytest.fixture(scope="module")
def bounded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    log = tmp_path_factory.mktemp("bounded") / "sandbox.log"
    running = start_sandbox(log, "--tenant-budget", "2", "--request-timeout", "1",
                            "--max-header-bytes", "4096", "--tls-handshake-timeout",
                            str(HANDSHAKE_SECONDS))
    yield running
    assert running.stop() == 0
    assert "Traceback" not in log.read_text()


def _request(tenant: str | None = None, client: str = "192.0.2.1") -> Request:
    headers = [(b"x-sandbox-tenant", tenant.encode())] if tenant is not None else []
    return Request({"type": "http", "headers": headers, "client": (client, 1234)})


def _tenants(max_tenants: int = 1000, budget: int = 0) -> Tenants:
    return Tenants(lambda: datetime(2026, 1, 1, tzinfo=UTC), max_tenants=max_tenants,
                   budget=budget)


def test_one_visitor_opening_tenants_flushes_its_own_not_others() -> None:
    tenants = _tenants(max_tenants=4)
    readers = [tenants.of(_request(client=f"192.0.2.{n}")) for n in (1, 2)]
    for n in range(50):
        tenants.of(_request(f"flood-{n}", client="198.51.100.9"))
    assert len(tenants) == 4
    assert [tenants.of(_request(client=f"192.0.2.{n}")) for n in (1, 2)] == readers


def test_rotating_ipv6_addresses_of_one_host_count_as_one_visitor() -> None:
    tenants = _tenants(max_tenants=3)
    reader = tenants.of(_request(client="192.0.2.1"))
    for n in range(1, 40):
        tenants.of(_request(client=f"2001:db8::{n:x}"))
    assert tenants.of(_request(client="192.0.2.1")) is reader


def test_a_name_belongs_to_the_visitor_that_uses_it() -> None:
    tenants = _tenants()
    mine = tenants.of(_request("shared", client="192.0.2.1"))
    assert tenants.of(_request("shared", client="192.0.2.2")) is not mine
    assert tenants.of(_request("shared", client="192.0.2.1")) is mine


def test_the_budget_counts_tenants_opened_not_requests() -> None:
    tenants = _tenants(budget=2)
    first = tenants.of(_request("a"))
    tenants.of(_request("b"))
    with pytest.raises(TenantBudgetSpent) as spent:
        tenants.of(_request("c"))
    assert 3500 < spent.value.retry_after <= 3600
    assert tenants.of(_request("a")) is first
    tenants.of(_request())  # the visitor's own tenant is never refused
    tenants.of(_request("c", client="192.0.2.2"))


def test_over_budget_is_a_clear_429(bounded: RunningSandbox) -> None:
    headers = {"Authorization": f"Bearer {bounded.keys['pro']}"}
    url = bounded.base_url + "/jobs"
    with bounded.client(local_address="127.0.0.6") as client:
        opened = [client.get(url, headers={**headers, "X-Sandbox-Tenant": name}).status_code
                  for name in ("one", "two")]
        refused = client.get(url, headers={**headers, "X-Sandbox-Tenant": "three"})
        again = client.get(url, headers={**headers, "X-Sandbox-Tenant": "one"})
        own = client.get(url, headers=headers)
    with bounded.client(local_address="127.0.0.7") as other:
        elsewhere = other.get(url, headers={**headers, "X-Sandbox-Tenant": "three"})
    assert opened == [200, 200]
    assert refused.status_code == 429
    assert refused.json()["error"] == "TOO_MANY_TENANTS"
    assert "X-Sandbox-Tenant" in refused.json()["message"]
    assert int(refused.headers["retry-after"]) > 0
    assert [again.status_code, own.status_code, elsewhere.status_code] == [200, 200, 200]


def _tls(bounded: RunningSandbox) -> ssl.SSLSocket:
    host, port = bounded.base_url.removeprefix("https://").split("/")[0].rsplit(":", 1)
    context = ssl.create_default_context(cafile=bounded.info["ca_file"])
    raw = socket.create_connection((host, int(port)), timeout=10)
    return context.wrap_socket(raw, server_hostname=host)


def _answer(sock: ssl.SSLSocket) -> bytes:
    """Everything the server sends until it closes the connection (or 10 s pass)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except (TimeoutError, ConnectionError, ssl.SSLError):
        pass
    return received


def test_headers_beyond_the_bound_are_refused(bounded: RunningSandbox) -> None:
    with _tls(bounded) as sock:
        sock.sendall(b"GET /v1/me HTTP/1.1\r\nHost: sandbox\r\nX-Filler: "
                     + b"a" * 8192 + b"\r\n\r\n")
        answer = _answer(sock)
    assert answer.startswith(b"HTTP/1.1 431 ")


def test_a_client_trickling_its_headers_is_cut_off_and_others_served(
        bounded: RunningSandbox) -> None:
    with _tls(bounded) as slow:
        slow.sendall(b"GET /v1/me HTTP/1.1\r\nHost: sandbox\r\n")
        started = time.monotonic()
        closed_after = None
        for _ in range(40):
            try:
                slow.sendall(b"X-Slow: 1\r\n")
                slow.settimeout(0.25)
                if slow.recv(1) == b"":
                    closed_after = time.monotonic() - started
                    break
            except TimeoutError:
                continue
            except (ConnectionError, ssl.SSLError, OSError):
                closed_after = time.monotonic() - started
                break
        with bounded.client() as client:
            served = client.get(bounded.base_url + "/me")
    assert closed_after is not None and closed_after < 4, closed_after
    assert served.status_code == 401


def test_a_slow_body_is_cut_off_too(bounded: RunningSandbox) -> None:
    with _tls(bounded) as sock:
        sock.sendall(b"POST /v1/jobs HTTP/1.1\r\nHost: sandbox\r\nContent-Type: "
                     b"application/json\r\nContent-Length: 1000\r\n\r\n{")
        started = time.monotonic()
        answer = _answer(sock)
    assert time.monotonic() - started < 4
    assert b"201" not in answer


def test_the_bounds_leave_ordinary_requests_alone(bounded: RunningSandbox) -> None:
    with bounded.client() as client:
        for _ in range(3):
            assert client.get(bounded.base_url + "/openapi.json").status_code == 200
            time.sleep(0.3)


def _address(running: RunningSandbox) -> tuple[str, int]:
    host, port = running.base_url.removeprefix("https://").split("/")[0].rsplit(":", 1)
    return host, int(port)


def _silent(running: RunningSandbox, source: str = "127.0.0.1",
            opening: bytes = b"") -> socket.socket:
    """A TCP connection to the HTTPS port that sends `opening` and then nothing."""
    raw = socket.create_connection(_address(running), timeout=10, source_address=(source, 0))
    raw.sendall(opening)
    return raw


def _closed_after(raw: socket.socket) -> float:
    """Seconds until the server closes `raw` (10 s at most), whatever it sent before."""
    started = time.monotonic()
    try:
        while raw.recv(4096):
            pass
    except ConnectionError:
        pass
    except TimeoutError:
        return float("inf")
    return time.monotonic() - started


@pytest.mark.parametrize("opening", [b"", b"\x16\x03\x01\x02\x00\x01"],
                         ids=["nothing", "half-a-client-hello"])
def test_a_connection_that_never_finishes_its_handshake_is_closed(
        bounded: RunningSandbox, opening: bytes) -> None:
    with _silent(bounded, opening=opening) as raw:
        elapsed = _closed_after(raw)
    assert HANDSHAKE_SECONDS - 0.2 < elapsed < HANDSHAKE_SECONDS + 2, elapsed


def test_one_visitor_cannot_hold_every_connection(tmp_path: Path) -> None:
    # 127.0.0.9 holds as many connections as a visitor may, each sending nothing, not even
    # a ClientHello: the next one of its own is closed at once, while another visitor
    # (127.0.0.1) is served; once the handshake deadline has closed the silent ones,
    # 127.0.0.9 is served again.
    running = start_sandbox(tmp_path / "sandbox.log", "--connections-per-visitor", "8",
                            "--tls-handshake-timeout", str(HANDSHAKE_SECONDS))
    host, _ = _address(running)
    context = ssl.create_default_context(cafile=running.info["ca_file"])

    def health(source: str) -> bytes:
        with context.wrap_socket(_silent(running, source), server_hostname=host) as sock:
            sock.sendall(b"GET /sandbox/health HTTP/1.1\r\nHost: x\r\n"
                         b"Connection: close\r\n\r\n")
            return _answer(sock)

    try:
        held = [_silent(running, "127.0.0.9") for _ in range(8)]
        time.sleep(0.2)  # the sandbox has accepted and counted them
        with _silent(running, "127.0.0.9") as extra:
            refused_after = _closed_after(extra)
        with pytest.raises((ssl.SSLError, ConnectionError)):
            health("127.0.0.9")
        other = health("127.0.0.1")
        silent_for = [_closed_after(raw) for raw in held]
        for raw in held:
            raw.close()
        again = health("127.0.0.9")
    finally:
        assert running.stop() == 0
    assert refused_after < HANDSHAKE_SECONDS / 2
    assert other.startswith(b"HTTP/1.1 200 ")
    assert max(silent_for) < HANDSHAKE_SECONDS + 2
    assert again.startswith(b"HTTP/1.1 200 ")
    assert "Traceback" not in (tmp_path / "sandbox.log").read_text()


def test_handshakes_under_way_are_bounded_whoever_opens_them(tmp_path: Path) -> None:
    # Four visitors each leave a handshake unfinished: the fifth connection, from a fifth
    # visitor, is closed at once (each handshake holds buffers; their number bounds the
    # sandbox's memory), and served once the deadline has closed the four.
    running = start_sandbox(tmp_path / "sandbox.log", "--max-tls-handshakes", "4",
                            "--tls-handshake-timeout", str(HANDSHAKE_SECONDS))
    host, _ = _address(running)
    context = ssl.create_default_context(cafile=running.info["ca_file"])
    try:
        held = [_silent(running, f"127.0.0.{20 + n}") for n in range(4)]
        time.sleep(0.2)  # the sandbox has accepted them
        with _silent(running, "127.0.0.30") as extra:
            refused_after = _closed_after(extra)
        silent_for = [_closed_after(raw) for raw in held]
        for raw in held:
            raw.close()
        with context.wrap_socket(_silent(running, "127.0.0.30"), server_hostname=host) as sock:
            sock.sendall(b"GET /sandbox/health HTTP/1.1\r\nHost: x\r\n"
                         b"Connection: close\r\n\r\n")
            again = _answer(sock)
    finally:
        assert running.stop() == 0
    assert refused_after < HANDSHAKE_SECONDS / 2
    assert max(silent_for) < HANDSHAKE_SECONDS + 2
    assert again.startswith(b"HTTP/1.1 200 ")
