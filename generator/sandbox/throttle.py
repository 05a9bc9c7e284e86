"""Failed-authentication throttling, per client address, in a sliding window."""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable

__all__ = ["FailureThrottle"]

#: Clients remembered at most; the least recently failing are forgotten first.
_MAX_CLIENTS = 10_000


class FailureThrottle:
    """After `limit` failures within `window` seconds a client is refused until the oldest
    of them leaves the window; then it starts afresh, so that a client that waited as long
    as `Retry-After` said is not refused again at its next failure. Clients are keyed by
    address, so one client's failures never lock out another."""

    def __init__(self, limit: int, window: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._locked_until: dict[str, float] = {}

    def retry_after(self, client: str) -> int | None:
        """Whole seconds until `client` may try again, or None when it is not throttled."""
        until = self._locked_until.get(client)
        if until is None:
            return None
        remaining = until - self._clock()
        if remaining <= 0:
            del self._locked_until[client]
            return None
        return max(1, math.ceil(remaining))

    def record_failure(self, client: str) -> None:
        if self.limit <= 0:
            return
        failures = self._recent(client)
        failures.append(self._clock())
        if len(failures) >= self.limit:
            self._locked_until[client] = failures[0] + self.window
            failures.clear()
        self._failures[client] = failures
        self._failures.move_to_end(client)
        while len(self._failures) > _MAX_CLIENTS:
            forgotten, _ = self._failures.popitem(last=False)
            self._locked_until.pop(forgotten, None)

    def _recent(self, client: str) -> deque[float]:
        failures = self._failures.get(client, deque())
        horizon = self._clock() - self.window
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures
