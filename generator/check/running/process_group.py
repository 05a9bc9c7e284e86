"""No process of a check outlives it, however the check ends.

Each process the check starts leads a process group of its own (``process_group=0``: set
by `subprocess` in C between fork and exec, no `preexec_fn`), so that ending it ends what it
started too (a shell's curl, a sample's own children). The check ends each group when its
process is done, and every group left when it closes (normally, on an exception, Ctrl-C or
SIGTERM); `_reaper` ends them if the check is killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

__all__ = ["ProcessGroup"]

_REAPER = Path(__file__).with_name("_reaper.py")


class ProcessGroup:
    """The processes of one check, each the leader of its own group."""

    def __init__(self) -> None:
        # -I -S: nothing of the environment or site-packages is read.
        self._reaper = subprocess.Popen([sys.executable, "-I", "-S", str(_REAPER)],
                                        stdin=subprocess.PIPE, process_group=0)
        self._lock = threading.RLock()
        self._groups: set[int] = set()
        self._closed = False

    def start(self, command: list[str], **options: Any) -> subprocess.Popen[Any]:
        """`subprocess.Popen(command, **options)` as the leader of a new process group."""
        with self._lock:
            if self._closed:
                raise OSError("the check is ending: no new process is started")
            process: subprocess.Popen[Any] = subprocess.Popen(command, process_group=0,
                                                              **options)
            self._groups.add(process.pid)
            self._tell(f"+{process.pid}")
        return process

    def end(self, process: subprocess.Popen[Any]) -> int:
        """Kill what is left of `process`'s group (the process too, if it still runs), and
        return its exit status.

        The group is killed before its leader is reaped: until then the leader's pid, and
        so the group's id, cannot be given to another process.
        """
        self.kill(process)
        return process.wait()

    def kill(self, process: subprocess.Popen[Any]) -> None:
        """Kill `process`'s group, leaving its leader to be reaped by `end`."""
        self._kill(process.pid)

    def close(self) -> None:
        """End every group still running, and the reaper."""
        with self._lock:
            self._closed = True
            for group in list(self._groups):
                self._kill(group)
            stdin = self._reaper.stdin
            if stdin is not None:
                with contextlib.suppress(OSError):
                    stdin.close()
        self._reaper.wait()

    def _kill(self, group: int) -> None:
        with self._lock:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
            if group in self._groups:
                self._groups.discard(group)
                self._tell(f"-{group}")

    def _tell(self, line: str) -> None:
        stdin = self._reaper.stdin
        if stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                stdin.write(f"{line}\n".encode())
                stdin.flush()
