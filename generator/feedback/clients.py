"""Which address a request comes from, when proxies may stand in between.

``X-Forwarded-For`` is a list each proxy appends to, so only its right end is written by
proxies we run; anything to the left of the first address we do not trust may be made up
by the client. The client is therefore the rightmost hop that is not a trusted proxy.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

__all__ = ["LOOPBACK", "ProxyPolicy"]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

LOOPBACK = ("127.0.0.1/8", "::1/128")
"""The proxies trusted by default: one on the same machine."""


class ProxyPolicy:
    """`trusted` are addresses or networks (``10.0.0.0/8``) of proxies that set
    X-Forwarded-For; an empty policy trusts nobody and uses the peer's address."""

    def __init__(self, trusted: Iterable[str] = ()) -> None:
        self.trusted: tuple[Network, ...] = tuple(
            ipaddress.ip_network(entry, strict=False) for entry in trusted)

    def _is_trusted(self, address: str) -> bool:
        try:
            parsed = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(parsed in network for network in self.trusted)

    def client(self, peer: str, forwarded_for: list[str]) -> str:
        """The client's address, from the peer's and the X-Forwarded-For header values."""
        if not self.trusted:
            return peer
        hops = [hop.strip() for value in forwarded_for for hop in value.split(",")]
        for hop in reversed([*hops, peer]):
            if not self._is_trusted(hop):
                return hop
        # Every hop is a trusted proxy: the leftmost is as close to the client as we know.
        return hops[0] if hops else peer
