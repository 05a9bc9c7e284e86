"""SIGTERM stops a command as Ctrl-C does, even when native code swallowed the interrupt."""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import Any

import pytest

from generator.signals import sigterm_as_interrupt


class RaisesWhenCollected:
    """Its finalizer raises: CPython can only report that as "Exception ignored", as it
    does for an interrupt raised in a callback from native code (pydantic-core's)."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __del__(self) -> None:
        raise self.error


def test_sigterm_interrupts() -> None:
    with pytest.raises(KeyboardInterrupt), sigterm_as_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)


def test_an_interrupt_swallowed_where_it_cannot_propagate_is_raised_again() -> None:
    # A command's main thread has Python's own SIGINT handler; a test before this one in the
    # same worker process may have left another (a server's), which would drop the resent one.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _swallow_an_interrupt()
    finally:
        signal.signal(signal.SIGINT, previous)


def _swallow_an_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt), sigterm_as_interrupt():
        RaisesWhenCollected(KeyboardInterrupt())
        # Short sleeps: the resent signal may reach another thread of the process, and is
        # then handled at the main thread's next step, not by interrupting a long sleep.
        for _ in range(500):
            time.sleep(0.01)


def test_other_ignored_errors_reach_the_hook_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    with sigterm_as_interrupt():
        RaisesWhenCollected(ValueError("lost"))
    assert [type(report.exc_value) for report in seen] == [ValueError]
    assert sys.unraisablehook == seen.append
