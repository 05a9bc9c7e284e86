"""The client behind proxies: the rightmost hop no trusted proxy vouches for."""

from __future__ import annotations

import pytest

from generator.feedback.clients import LOOPBACK, ProxyPolicy


@pytest.mark.parametrize(("peer", "forwarded", "client"), [
    ("127.0.0.1", ["203.0.113.9"], "203.0.113.9"),
    # The client wrote the left part itself; the proxy appended what it saw.
    ("127.0.0.1", ["1.1.1.1, 203.0.113.9"], "203.0.113.9"),
    ("127.0.0.1", ["1.1.1.1", "203.0.113.9"], "203.0.113.9"),
    ("127.0.0.1", ["203.0.113.9, 10.1.2.3"], "203.0.113.9"),
    # A peer that is no trusted proxy is the client, whatever it claims.
    ("198.51.100.4", ["203.0.113.9"], "198.51.100.4"),
    ("127.0.0.1", [], "127.0.0.1"),
    ("127.0.0.1", ["not an address"], "not an address"),
])
def test_the_rightmost_untrusted_hop_is_the_client(peer: str, forwarded: list[str],
                                                   client: str) -> None:
    policy = ProxyPolicy([*LOOPBACK, "10.0.0.0/8"])
    assert policy.client(peer, forwarded) == client


def test_no_trusted_proxy_means_the_peer() -> None:
    assert ProxyPolicy().client("127.0.0.1", ["203.0.113.9"]) == "127.0.0.1"


def test_a_bad_proxy_address_is_refused() -> None:
    with pytest.raises(ValueError, match="nope"):
        ProxyPolicy(["nope"])
