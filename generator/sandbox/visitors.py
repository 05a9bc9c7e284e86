"""Who a client is, for limits per client."""

from __future__ import annotations

import ipaddress

__all__ = ["visitor_key"]


def visitor_key(visitor: str) -> str:
    """Who a client address is: itself, or for IPv6 its /64 (what one host is given). An
    IPv4 client of a dual-stack listener (``::ffff:a.b.c.d``) is its IPv4 address: the /64
    of every such address is the same."""
    try:
        address = ipaddress.ip_address(visitor)
    except ValueError:
        return visitor
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))
