"""Who a client is, for limits per client."""

from __future__ import annotations

import ipaddress

__all__ = ["visitor_key"]


def visitor_key(visitor: str) -> str:
    """Who a client address is: itself, or for IPv6 its /64 (what one host is given)."""
    try:
        address = ipaddress.ip_address(visitor)
    except ValueError:
        return visitor
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
