"""The collector behind the real nginx with the shipped configuration: slow and oversized
requests are the proxy's to refuse, and readers' votes still get through."""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from generator.feedback.event import MAX_BODY_BYTES
from tests.conftest import free_port
from tests.feedback.collector import event, start_collector
from tests.front_proxy import FrontProxy, front_proxy, setting, trickled_until_closed, until_closed

# A real nginx in front of a real collector.
pytestmark = pytest.mark.e2e

#: The collector's capacity in these tests; the attackers hold more connections than that.
CAPACITY = 4
HELD = 3 * CAPACITY
#: A vote behind held connections is answered within this (it takes milliseconds when
#: nothing is held; the bound is loose so a loaded machine does not fail it).
VOTE_BOUND = 3.0


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[FrontProxy]:
    port = free_port()
    collector = start_collector(str(tmp_path / "f.sqlite3"), port, tmp_path / "log",
                                "--trust-proxy", "--rate-limit", "3",
                                "--max-connections", str(CAPACITY))
    try:
        with front_proxy("collector", port, tmp_path / "nginx") as running:
            yield running
    finally:
        collector.terminate()
        collector.wait(timeout=30)


def _vote(proxy: FrontProxy, headers: dict[str, str] | None = None,
          body: bytes | None = None, source: str | None = None) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    transport = httpx.HTTPTransport(verify=proxy.tls(), local_address=source)
    with httpx.Client(transport=transport, timeout=30) as client:
        response = client.post(f"{proxy.base}/v1/feedback",
                               content=event() if body is None else body,
                               headers={"Content-Type": "text/plain", **(headers or {})})
    return response, time.monotonic() - started


def _hold(stack: ExitStack, proxy: FrontProxy, opening: bytes) -> list[ssl.SSLSocket]:
    held = []
    for _ in range(HELD):
        connection = stack.enter_context(proxy.connection())
        connection.sendall(opening)
        held.append(connection)
    return held


def _setting(directive: str) -> int:
    return setting("collector", directive)


def test_slow_bodies_do_not_lock_voters_out(proxy: FrontProxy) -> None:
    with ExitStack() as stack:
        _hold(stack, proxy, b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\n"
                            b"Content-Type: text/plain\r\nContent-Length: 200\r\n\r\n{\"page\"")
        # A reader at another address: the bodies held from this one are over its share.
        response, elapsed = _vote(proxy, source="127.0.0.2")
    assert response.status_code == 202
    assert elapsed < VOTE_BOUND


def test_slow_headers_do_not_lock_voters_out(proxy: FrontProxy) -> None:
    with ExitStack() as stack:
        _hold(stack, proxy, b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\n")
        response, elapsed = _vote(proxy)
    assert response.status_code == 202
    assert elapsed < VOTE_BOUND


OPENINGS = {
    "headers": b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\n",
    "body": b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Length: 900\r\n\r\n{",
}
TIMEOUTS = {"headers": "client_header_timeout", "body": "client_body_timeout"}


@pytest.mark.parametrize("part", ["headers", "body"])
def test_a_stalled_client_is_cut_off(proxy: FrontProxy, part: str) -> None:
    limit = _setting(TIMEOUTS[part])
    with proxy.connection() as slow:
        slow.sendall(OPENINGS[part])
        started = time.monotonic()
        slow.settimeout(limit + 10)
        answer = until_closed(slow)
        elapsed = time.monotonic() - started
    assert limit - 1 < elapsed < limit + 5
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:80]


def test_trickled_headers_are_cut_off_in_time(proxy: FrontProxy) -> None:
    limit = _setting("client_header_timeout")
    with proxy.connection() as slow:
        slow.sendall(OPENINGS["headers"])
        # A header line every half second does not reset the header deadline.
        _, closed_after = trickled_until_closed(slow, b"X-Slow: 1\r\n", limit + 10)
    assert closed_after is not None and closed_after < limit + 5


def test_one_address_cannot_hold_every_connection(proxy: FrontProxy) -> None:
    """nginx's body timeout is per read, so a body trickled a byte at a time is held; but
    only so many per address, and never by the collector."""
    per_address = _setting("limit_conn feedback_clients")
    with ExitStack() as stack:
        for _ in range(per_address):
            stack.enter_context(proxy.connection()).sendall(OPENINGS["body"])
        time.sleep(0.5)
        refused, _ = _vote(proxy)
        # A reader elsewhere: another loopback address.
        with httpx.Client(transport=httpx.HTTPTransport(verify=proxy.tls(),
                                                        local_address="127.0.0.2")) as other:
            reader = other.post(f"{proxy.base}/v1/feedback", content=event(),
                                headers={"Content-Type": "text/plain"}, timeout=30)
    assert refused.status_code == 429
    assert reader.status_code == 202


def test_an_oversize_body_is_413_from_the_proxy(proxy: FrontProxy) -> None:
    assert _setting("client_max_body_size") == MAX_BODY_BYTES
    response, _ = _vote(proxy, body=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert "<html>" in response.text  # nginx's page: the collector never saw it


def test_x_forwarded_for_from_the_client_does_not_reset_the_rate_limit(
        proxy: FrontProxy) -> None:
    statuses = [_vote(proxy, {"X-Forwarded-For": f"203.0.113.{n}"})[0].status_code
                for n in range(4)]
    assert statuses == [202, 202, 202, 429]


@pytest.mark.parametrize("request_bytes", [
    # Content-Length and Transfer-Encoding together: the classic smuggling ambiguity.
    b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /v1/feedback/summary HTTP/1.1\r\n"
    b"Host: localhost\r\n\r\n",
    b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n"
    b"Content-Length: 5\r\n\r\nabcde",
    b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nX-Long: " + b"a" * 9000 + b"\r\n\r\n",
    b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nX-Bad: \xff\xfe\x00\r\n\r\n",
], ids=["cl-and-te", "two-lengths", "long-field", "invalid-bytes"])
def test_ambiguous_or_hostile_requests_are_refused(proxy: FrontProxy,
                                                   request_bytes: bytes) -> None:
    with proxy.connection() as client:
        client.sendall(request_bytes)
        answer = until_closed(client)
    assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
    assert answer.count(b"HTTP/1.1 ") == 1
