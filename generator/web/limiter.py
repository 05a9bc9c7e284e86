"""A per-client sliding-window limit that remembers a bounded number of clients."""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable

__all__ = ["ClientLimiter"]


class ClientLimiter:
    """At most `limit` counted events per client within `window` seconds; a client at the
    limit waits until the oldest of its events leaves the window, and then starts afresh, so
    that a client that waited as long as `Retry-After` said is not refused again at its next
    event. 0 disables.

    Clients are keyed by whatever the caller chooses (an address, a salted hash), so one
    client never locks out another. At most `max_clients` are remembered, the least recently
    counted forgotten first, so a flood of new clients cannot exhaust memory."""

    def __init__(self, limit: int, window: float, *, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.max_clients = max_clients
        self._clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._locked_until: dict[str, float] = {}

    def retry_after(self, client: str) -> int | None:
        """Whole seconds until `client` may be counted again, or None when it may now."""
        until = self._locked_until.get(client)
        if until is None:
            return None
        remaining = until - self._clock()
        if remaining <= 0:
            del self._locked_until[client]
            return None
        return max(1, math.ceil(remaining))

    def record(self, client: str) -> None:
        """Count one event of `client`."""
        if self.limit <= 0:
            return
        events = self._recent(client)
        events.append(self._clock())
        if len(events) >= self.limit:
            self._locked_until[client] = events[0] + self.window
            events.clear()
        self._events[client] = events
        self._events.move_to_end(client)
        while len(self._events) > self.max_clients:
            forgotten, _ = self._events.popitem(last=False)
            self._locked_until.pop(forgotten, None)

    def admit(self, client: str) -> int | None:
        """`retry_after`, and when `client` is admitted (None) its event is counted."""
        retry_after = self.retry_after(client)
        if retry_after is None:
            self.record(client)
        return retry_after

    def _recent(self, client: str) -> deque[float]:
        events = self._events.get(client, deque())
        horizon = self._clock() - self.window
        while events and events[0] <= horizon:
            events.popleft()
        return events
