"""Failed-authentication throttling per client address, as the Error Catalog describes it.

A client that fails to authenticate `limit` times within `window` seconds is locked out for
`lockout` seconds: every request it makes gets 429 with `Retry-After`. The count starts
afresh when the lock-out ends.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque


class FailedAttempts:
    def __init__(self, limit: int, window: float, lockout: float) -> None:
        self.limit, self.window, self.lockout = limit, window, lockout
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int | None:
        """Whole seconds the client must still wait, or None when it may ask."""
        with self._lock:
            remaining = self._locked_until.get(client, 0.0) - time.monotonic()
            return math.ceil(remaining) if remaining > 0 else None

    def failed(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            failures = self._failures[client]
            failures.append(now)
            while failures and failures[0] <= now - self.window:
                failures.popleft()
            if len(failures) >= self.limit:
                failures.clear()
                self._locked_until[client] = now + self.lockout
