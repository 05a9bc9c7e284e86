"""No process of a check outlives it, even when the check is killed with SIGKILL."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

__all__ = ["ProcessGroup"]

_REAPER = Path(__file__).with_name("_reaper.py")


class ProcessGroup:
    """A process group for everything a check starts, ended with the check.

    Start every child with ``process_group=processes.group``. The group's leader (`_reaper`)
    kills what is left in it when `close` or `abort` is called, or when this process dies,
    since the kernel then closes the one pipe that keeps the leader waiting.
    """

    def __init__(self) -> None:
        # A group of its own (in the check's session, so that children may join it): a
        # terminal's Ctrl-C reaches the check, which cleans up, not the runs behind its back.
        # -I -S: nothing of the environment or site-packages is read.
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(_REAPER)], stdin=subprocess.PIPE,
            process_group=0)
        self.group = self._process.pid

    def close(self) -> None:
        """End every process still in the group, once nothing starts new ones; return once
        they are gone."""
        self._end(b"done")

    def abort(self) -> None:
        """End every process in the group now, even while others are still being started."""
        self._end(b"")

    def _end(self, word: bytes) -> None:
        stdin = self._process.stdin
        if stdin is not None and not stdin.closed:
            with contextlib.suppress(OSError):
                stdin.write(word)
            with contextlib.suppress(OSError):
                stdin.close()
        self._process.wait()
