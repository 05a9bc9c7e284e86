"""When an API asked not to be called before a moment (`Retry-After`), per base URL.

An example that trips the API's failed-attempts throttle locks out the address the check
calls from; a remote API sees every run of this machine come from that one address. The
check keeps the moment the API named and waits for it before it calls that API again, in
this check or the next. Kept beside the verdict cache, not in it: forgetting results
(`--no-cache`) must not forget a lock-out.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple, TextIO

from ...atomic import write_atomically
from ...cache import CACHE_DIR
from ..running.exchange import Exchange

__all__ = ["LONGEST_WAIT", "LockedOut", "NotBefore", "RetryAfter", "retry_after_seconds"]

_STATE = CACHE_DIR / "not-before.json"
#: The longest wait the check honours (seconds): an API asking for more is waited for this
#: long, and the check says so, rather than sleeping for days.
LONGEST_WAIT = 600
#: delay-seconds: ASCII digits only (RFC 9110, 1*DIGIT); `str.isdigit` takes ``²`` too.
_DELAY = re.compile(r"[0-9]+", re.ASCII)
#: HTTP-date: IMF-fixdate, then the obsolete RFC 850 and asctime forms a recipient must
#: still accept (RFC 9110, 5.6.7); always GMT.
_HTTP_DATES = ("%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y")


class RetryAfter(NamedTuple):
    seconds: float | None
    """The wait asked for, capped at `LONGEST_WAIT`; None when none was valid."""
    notes: list[str]
    """What was ignored or capped, for the output."""


def retry_after_seconds(exchanges: Iterable[Exchange], now: float) -> RetryAfter:
    """The longest wait any 429 among `exchanges` asked for, in seconds from `now`."""
    waits: list[float] = []
    notes: list[str] = []
    for exchange in exchanges:
        value = exchange.response_headers.get("retry-after")
        if exchange.status != 429 or value is None:
            continue
        seconds = _seconds(value, now)
        if seconds is None:
            notes.append(f"warning: ignored Retry-After {value[:80]!r} from {exchange.method} "
                         f"{exchange.path[:200]}: neither delay-seconds nor an HTTP date")
        elif seconds > LONGEST_WAIT:
            notes.append(f"warning: {exchange.method} {exchange.path[:200]} asked to wait "
                         f"{_shown(seconds)} s (Retry-After {value[:80]!r}); waiting at most "
                         f"{LONGEST_WAIT} s")
            waits.append(LONGEST_WAIT)
        else:
            waits.append(seconds)
    return RetryAfter(max(waits) if waits else None, notes)


def _seconds(value: str, now: float) -> float | None:
    """`Retry-After` as delay-seconds or an HTTP date (RFC 9110, 10.2.3); None if neither."""
    value = value.strip(" \t")
    if _DELAY.fullmatch(value):
        # Compared as an integer: 400 nines would be infinity as a float.
        return float(min(int(value), LONGEST_WAIT + 1))
    for form in _HTTP_DATES:
        try:
            moment = datetime.strptime(value, form).replace(tzinfo=UTC)
        except ValueError:
            continue
        return min(max(0.0, moment.timestamp() - now), LONGEST_WAIT + 1.0)
    return None


def _shown(seconds: float) -> str:
    return f"more than {LONGEST_WAIT}" if seconds > LONGEST_WAIT else f"{seconds:.0f}"


class LockedOut(Exception):
    """The API asked not to be called for longer than the check may wait."""


class NotBefore:
    """The moments, per base URL, before which the check must not call that API."""

    def __init__(self, root: Path, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._path = root / _STATE
        self._clock = clock
        self._sleep = sleep

    def remember(self, base_url: str, seconds: float) -> None:
        moments = self._read()
        seconds = min(seconds, LONGEST_WAIT)
        moments[base_url] = max(moments.get(base_url, 0.0), self._clock() + seconds)
        # Moments past are of no use: the file only holds lock-outs still running.
        now = self._clock()
        write_atomically(self._path, json.dumps(
            {url: moment for url, moment in moments.items() if moment > now}))

    def wait(self, base_url: str, out: TextIO, longest: float = math.inf) -> float:
        """Return once `base_url` may be called, saying so when that means waiting; the
        seconds waited. Raises `LockedOut`, without waiting, if that is more than `longest`
        seconds (the check's deadline: sleeping through it would only end in its failure)."""
        moment = self._read(out).get(base_url, 0.0)
        remaining = moment - self._clock()
        if remaining <= 0:
            return 0.0
        until = datetime.fromtimestamp(moment, UTC)
        if remaining > longest:
            raise LockedOut(f"{base_url} asked (Retry-After) not to be called before "
                            f"{until:%H:%M:%S} UTC, {remaining:.0f} s from now: longer than "
                            f"the check's deadline ({longest:.0f} s, --deadline); check "
                            "again after that moment")
        out.write(f"waiting {remaining:.0f} s: {base_url} asked (Retry-After) not to be "
                  f"called before {until:%H:%M:%S} UTC\n")
        out.flush()
        self._sleep(remaining)
        return remaining

    def _read(self, out: TextIO | None = None) -> dict[str, float]:
        """The stored moments; a file that is not what `remember` writes is ignored (with a
        warning on `out`), and so is each moment that is not a finite number."""
        try:
            stored = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            self._warn(out, f"unreadable ({type(err).__name__})")
            return {}
        if not isinstance(stored, dict):
            self._warn(out, "not an object of base URL -> moment")
            return {}
        moments = {}
        for url, moment in stored.items():
            if not isinstance(moment, int | float) or isinstance(moment, bool) \
                    or not math.isfinite(moment):
                self._warn(out, f"{url[:200]!r} has no moment but {str(moment)[:40]!r}")
            elif moment - self._clock() > LONGEST_WAIT:
                # `remember` never stores more: the file was written by something else.
                self._warn(out, f"{url[:200]!r} would wait more than {LONGEST_WAIT} s")
            else:
                moments[url] = float(moment)
        return moments

    def _warn(self, out: TextIO | None, problem: str) -> None:
        if out is not None:
            out.write(f"warning: ignored {self._path}: {problem}\n")
