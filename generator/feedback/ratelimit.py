"""Per-client rate limiting that never keeps a reader's address.

Clients are keyed by a salted hash of their address; the salt is derived from a secret made
at start and today's date, so keys rotate daily and cannot be reversed or joined across days.
"""

from __future__ import annotations

import hmac
import math
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["ClientKeys", "RateLimiter"]

_MAX_CLIENTS = 100_000


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


class RateLimiter:
    """A token bucket per client: `per_minute` events, refilled continuously; 0 disables."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def retry_after(self, client: str) -> int | None:
        """None when `client` may send one more event now (and it is counted)."""
        if self.per_minute <= 0:
            return None
        now = self._clock()
        tokens, last = self._buckets.get(client, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - last) * self.per_minute / 60)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return max(1, math.ceil((1 - tokens) * 60 / self.per_minute))
        self._buckets[client] = (tokens - 1, now)
        self._buckets.move_to_end(client)
        while len(self._buckets) > _MAX_CLIENTS:
            self._buckets.popitem(last=False)
        return None
