"""Keys that tell clients apart for rate limiting without keeping a reader's address.

Clients are keyed by a salted hash of their address; the salt is derived from a secret made
at start and today's date, so keys rotate daily and cannot be reversed or joined across days.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["ClientKeys"]


class ClientKeys:
    """`secret` is random per process unless given: collectors behind one load balancer
    share it, so that a vote's comment is accepted by whichever instance it reaches."""

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self._now = now

    def key(self, address: str) -> str:
        salt = hmac.digest(self._secret, self._now().date().isoformat().encode(), "sha256")
        return hmac.digest(salt, address.encode(), "sha256").hex()[:32]
