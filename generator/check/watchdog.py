"""No process of a check outlives it, even when the check is killed with SIGKILL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

__all__ = ["Watchdog"]

_REAPER = Path(__file__).with_name("_reaper.py")


class Watchdog:
    """A process group for everything a check starts, ended with the check.

    Start every child with ``process_group=watchdog.group``. The group's leader (`_reaper`)
    kills what is left in it when `close` is called or when this process dies, since the
    kernel then closes the one pipe that keeps the leader waiting.
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
        """End every process still in the group; return once they are gone."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        self._process.wait()
