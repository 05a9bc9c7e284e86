"""A long-running command stopped by SIGTERM cleans up as it does on Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["sigterm_as_interrupt"]

#: Long enough for the callback that swallowed an interrupt to return to its caller.
_RESEND_AFTER_SECONDS = 0.01


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM ends a command as Ctrl-C does: its processes stopped, its files removed.

    An interrupt that lands while native code runs a Python callback (pydantic-core does,
    while validating) cannot propagate: CPython reports it as "ignored", and the callback's
    caller goes on, failing for no reason of its own. Such an interrupt is sent again, a
    moment later from another thread, so that it lands once the callback has returned; and
    whatever the command raised meanwhile becomes the interrupt it stands for.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = [signal.SIGINT]
    swallowed = threading.Event()

    def interrupt(signum: int, frame: FrameType | None) -> None:
        received[0] = signal.Signals(signum)
        raise KeyboardInterrupt

    def unraisable(report: sys.UnraisableHookArgs) -> None:
        if not isinstance(report.exc_value, KeyboardInterrupt):
            previous_hook(report)
            return
        swallowed.set()
        resend = threading.Timer(_RESEND_AFTER_SECONDS, os.kill, (os.getpid(), received[0]))
        resend.daemon = True
        resend.start()

    previous = signal.signal(signal.SIGTERM, interrupt)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = unraisable
    try:
        yield
    except Exception as err:
        if swallowed.is_set():
            raise KeyboardInterrupt from err
        raise
    finally:
        sys.unraisablehook = previous_hook
        signal.signal(signal.SIGTERM, previous)
