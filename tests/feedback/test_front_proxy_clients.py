"""The shipped nginx configuration under many clients: slow bodies from many addresses
lock voters out only once they fill `worker_connections`, four per client, and IPv6
clients are counted per /64."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import free_port
from tests.feedback.collector import event, start_collector
from tests.feedback.test_front_proxy import VOTE_BOUND, _setting
from tests.front_proxy import FrontProxy, front_proxy

# A real nginx in front of a real collector.
pytestmark = pytest.mark.e2e

#: nginx's connections in these tests: small, so that filling them costs seconds.
WORKERS = 64
#: A body announced whole and trickled a byte at a time.
SLOW_BODY = (b"POST /v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
             b"Content-Length: 8000\r\n\r\n{")


def _collector_and_proxy(folder: Path, worker_connections: int) -> Iterator[FrontProxy]:
    port = free_port()
    collector = start_collector(str(folder / "f.sqlite3"), port, folder / "log", "--trust-proxy")
    try:
        with front_proxy("collector", port, folder / "nginx", worker_connections) as running:
            yield running
    finally:
        collector.terminate()
        collector.wait(timeout=30)


@pytest.fixture
def small_proxy(tmp_path: Path) -> Iterator[FrontProxy]:
    yield from _collector_and_proxy(tmp_path, WORKERS)


def _trickler(proxy: FrontProxy, source: str) -> ssl.SSLSocket | None:
    """A connection from `source` that announces a body and sends its first byte; None if
    nginx has no room for it."""
    try:
        raw = socket.create_connection(("127.0.0.1", proxy.port), timeout=1,
                                       source_address=(source, 0))
        tls = proxy.tls().wrap_socket(raw, server_hostname="localhost")
        tls.sendall(SLOW_BODY)
    except OSError:
        return None
    return tls


def _vote_from(proxy: FrontProxy, source: str, timeout: float) -> int | None:
    transport = httpx.HTTPTransport(verify=proxy.tls(), local_address=source)
    try:
        with httpx.Client(transport=transport, timeout=timeout) as client:
            return client.post(f"{proxy.base}/v1/feedback", content=event(),
                               headers={"Content-Type": "text/plain"}).status_code
    except httpx.TransportError:
        return None


def _attack(stack: ExitStack, proxy: FrontProxy, addresses: int,
            per_address: int) -> list[ssl.SSLSocket]:
    held = []
    for n in range(addresses):
        for _ in range(per_address):
            sock = _trickler(proxy, f"127.0.1.{n + 1}")
            if sock is not None:
                held.append(stack.enter_context(sock))
    time.sleep(0.3)
    for sock in held:  # a byte more each: the bodies are trickled, not stalled
        with suppress(OSError):
            sock.sendall(b" ")
    return held


def test_slow_bodies_from_many_addresses_do_not_lock_voters_out(
        small_proxy: FrontProxy) -> None:
    per_client = _setting("limit_conn feedback_clients")
    addresses = WORKERS // per_client // 2
    with ExitStack() as stack:
        # Each address tries more than it may hold; the extra ones are answered 429.
        _attack(stack, small_proxy, addresses, per_client + 2)
        started = time.monotonic()
        reader = _vote_from(small_proxy, "127.0.0.1", timeout=10)
        elapsed = time.monotonic() - started
        attacker = _vote_from(small_proxy, "127.0.1.1", timeout=10)
    assert reader == 202
    assert elapsed < VOTE_BOUND
    assert attacker == 429


def test_voters_are_locked_out_only_by_worker_connections_over_four_addresses(
        small_proxy: FrontProxy) -> None:
    """The bound MAINTAINING.md states, reached: as many addresses as it says, and a vote
    no longer gets through."""
    per_client = _setting("limit_conn feedback_clients")
    with ExitStack() as stack:
        _attack(stack, small_proxy, WORKERS // per_client + 2, per_client)
        reader = _vote_from(small_proxy, "127.0.0.1", timeout=2)
    assert reader != 202


def test_a_refused_body_is_not_held(small_proxy: FrontProxy) -> None:
    per_client = _setting("limit_conn feedback_clients")
    lingering = _setting("lingering_time")
    with ExitStack() as stack:
        _attack(stack, small_proxy, 1, per_client)
        refused = _trickler(small_proxy, "127.0.1.1")
        assert refused is not None
        with refused:
            refused.settimeout(0.5)
            started = time.monotonic()
            answer = b""
            while time.monotonic() - started < lingering + 10:
                try:
                    refused.sendall(b" ")
                    chunk = refused.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                answer += chunk
            elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 429"), answer[:80]
    assert elapsed < lingering + 3


#: A server beside the shipped one that takes the client from X-Forwarded-For (realip)
#: and answers the key the shipped configuration counts it by.
KEY_SERVER = """
server {{
    listen 127.0.0.1:{port};
    set_real_ip_from 127.0.0.1;
    real_ip_header X-Forwarded-For;
    default_type application/octet-stream;
    location / {{ return 200 $feedback_client; }}
}}
"""


@pytest.fixture(scope="module")
def key_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of the proxy's key server (one for the hundreds of requests: each new
    client costs a TLS context)."""
    port = free_port()
    folder = tmp_path_factory.mktemp("keys")
    with front_proxy("collector", free_port(), folder, test_servers=KEY_SERVER.format(port=port)), \
            httpx.Client(base_url=f"http://127.0.0.1:{port}/", timeout=10) as client:
        yield client


def _key(client: httpx.Client, address: str) -> bytes:
    response = client.get("/", headers={"X-Forwarded-For": address})
    assert response.status_code == 200
    return response.content


Spelling = Callable[[ipaddress.IPv6Address], str]
#: How an address may be written: compressed, in full, in capitals.
SPELLINGS: st.SearchStrategy[Spelling] = st.sampled_from(
    [str, lambda a: a.exploded, lambda a: str(a).upper()])


@settings(max_examples=150, deadline=None)
@given(address=st.ip_addresses(v=6), spell=SPELLINGS)
def test_an_ipv6_client_is_counted_by_its_64(
        key_server: httpx.Client, address: ipaddress.IPv6Address, spell: Spelling) -> None:
    network = ipaddress.ip_network(f"{address}/64", strict=False)
    expected = address.packed if address.ipv4_mapped else network.network_address.packed[:8]
    assert _key(key_server, spell(address)) == expected


@settings(max_examples=50, deadline=None)
# 255.255.255.255 is what nginx's address parser returns for "not an address", so realip
# leaves the peer's; no client connects from it.
@given(address=st.ip_addresses(v=4).filter(lambda a: a != ipaddress.IPv4Address(2**32 - 1)))
def test_an_ipv4_client_is_counted_by_its_address(
        key_server: httpx.Client, address: ipaddress.IPv4Address) -> None:
    assert _key(key_server, str(address)) == address.packed


@settings(max_examples=30, deadline=None)
@given(address=st.ip_addresses(v=4), other=st.ip_addresses(v=4))
def test_an_ipv4_client_of_a_dual_stack_listener_is_counted_by_its_address(
        key_server: httpx.Client, address: ipaddress.IPv4Address,
        other: ipaddress.IPv4Address) -> None:
    # As a listener with ipv6only=off sees it: ::ffff:a.b.c.d, first 8 bytes all zero.
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    assert _key(key_server, str(mapped)) == mapped.packed
    if other != address:
        assert _key(key_server, f"::ffff:{other}") != mapped.packed


def test_two_hosts_of_one_64_share_a_key_and_its_neighbour_does_not(
        key_server: httpx.Client) -> None:
    assert _key(key_server, "2001:db8:1:2::1") == _key(key_server, "2001:db8:1:2:ffff::9")
    assert _key(key_server, "2001:db8:1:2::1") != _key(key_server, "2001:db8:1:3::1")
