"""When an API asked not to be called before a moment (`Retry-After`), per base URL.

An example that trips the API's failed-attempts throttle locks out the address the check
calls from; a remote API sees every run of this machine come from that one address. The
check keeps the moment the API named and waits for it before it calls that API again, in
this check or the next. Kept beside the verdict cache, not in it: forgetting results
(`--no-cache`) must not forget a lock-out.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TextIO

from ..atomic import write_atomically
from ..cache import CACHE_DIR
from .exchange import Exchange

__all__ = ["NotBefore", "retry_after_seconds"]

_STATE = CACHE_DIR / "not-before.json"


def retry_after_seconds(exchanges: Iterable[Exchange], now: float) -> float | None:
    """The longest wait any 429 among `exchanges` asked for, in seconds from `now`."""
    waits = [_seconds(e.response_headers.get("retry-after", ""), now)
             for e in exchanges if e.status == 429]
    known = [wait for wait in waits if wait is not None]
    return max(known) if known else None


def _seconds(value: str, now: float) -> float | None:
    """`Retry-After` as delay-seconds or an HTTP date (RFC 9110, 10.2.3)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    with contextlib.suppress(TypeError, ValueError):
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    return None


class NotBefore:
    """The moments, per base URL, before which the check must not call that API."""

    def __init__(self, root: Path, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._path = root / _STATE
        self._clock = clock
        self._sleep = sleep

    def remember(self, base_url: str, seconds: float) -> None:
        moments = self._read()
        moments[base_url] = max(moments.get(base_url, 0.0), self._clock() + seconds)
        # Moments past are of no use: the file only holds lock-outs still running.
        now = self._clock()
        write_atomically(self._path, json.dumps(
            {url: moment for url, moment in moments.items() if moment > now}))

    def wait(self, base_url: str, out: TextIO) -> None:
        """Return once `base_url` may be called, saying so when that means waiting."""
        moment = self._read().get(base_url, 0.0)
        remaining = moment - self._clock()
        if remaining <= 0:
            return
        until = datetime.fromtimestamp(moment, UTC)
        out.write(f"waiting {remaining:.0f} s: {base_url} asked (Retry-After) not to be "
                  f"called before {until:%H:%M:%S} UTC\n")
        out.flush()
        self._sleep(remaining)

    def _read(self) -> dict[str, float]:
        try:
            stored = json.loads(self._path.read_text(encoding="utf-8"))
            return {str(url): float(moment) for url, moment in stored.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}
