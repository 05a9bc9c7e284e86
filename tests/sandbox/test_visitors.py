"""Who a visitor is: an address, an IPv6 host's /64, and an IPv4 client of a dual-stack
listener by its IPv4 address, however the address is spelled."""

from __future__ import annotations

import ipaddress

from hypothesis import assume, given
from hypothesis import strategies as st

from generator.sandbox.visitors import visitor_key

_IPV4 = st.ip_addresses(v=4).map(ipaddress.IPv4Address)
_IPV6 = st.ip_addresses(v=6).map(ipaddress.IPv6Address).filter(
    lambda address: address.ipv4_mapped is None)


def _spellings(address: ipaddress.IPv6Address) -> list[str]:
    return [str(address), address.exploded, address.exploded.upper(), str(address).upper()]


@given(_IPV4)
def test_an_ipv4_client_is_its_address_on_any_listener(address: ipaddress.IPv4Address) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    assert {visitor_key(spelling) for spelling in [str(address), *_spellings(mapped)]} \
        == {str(address)}


@given(_IPV4, _IPV4)
def test_two_ipv4_clients_are_two_visitors(one: ipaddress.IPv4Address,
                                           other: ipaddress.IPv4Address) -> None:
    keys = {visitor_key(f"::ffff:{one}"), visitor_key(f"::ffff:{other}")}
    assert len(keys) == len({one, other})


@given(_IPV6, st.integers(0, 2**64 - 1))
def test_an_ipv6_host_is_its_64_whatever_the_rest(address: ipaddress.IPv6Address,
                                                 interface: int) -> None:
    neighbour = ipaddress.IPv6Address((int(address) >> 64 << 64) | interface)
    # The /64 of ::ffff:0:0 holds the IPv4-mapped addresses, each a visitor of its own.
    assume(neighbour.ipv4_mapped is None)
    expected = str(ipaddress.ip_network(f"{address}/64", strict=False))
    assert {visitor_key(spelling) for spelling in _spellings(address) + _spellings(neighbour)} \
        == {expected}


def test_what_is_not_an_address_is_itself() -> None:
    assert visitor_key("unknown") == "unknown"
