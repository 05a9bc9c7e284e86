"""Running one sample as a reader runs it: its own plain process, from its folder.

The command is the one the pages give (`LANGUAGES`: ``python3 python.py``, ``node
node.mjs``, ``./curl.sh`` by its shebang), with no preloaded interpreter and no extra
flag; the environment is only what the check passes. Output is read from pipes and kept up
to `OUTPUT_CAP` bytes (the rest is read and dropped, so a flood cannot fill a disk). When
the process ends, or its timeout passes, its whole process group is ended (`ProcessGroup`).
A run that cannot be started is an `Outcome` with a `problem`, never an exception.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .process_group import ProcessGroup

__all__ = ["OUTPUT_CAP", "Outcome", "run_sample"]

#: Bytes of stdout or stderr kept from one run.
OUTPUT_CAP = 256 * 1024
#: How long output is still read once the run's group has been ended (a process that left
#: the group may hold the pipes).
_DRAIN_SECONDS = 2.0


@dataclass(frozen=True)
class Outcome:
    exit_code: int | None
    """None when the run was stopped by its timeout."""
    stdout: str
    stderr: str
    seconds: float
    problem: str | None = None
    """Why the run could not be made, if it could not."""

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None and self.problem is None


def run_sample(processes: ProcessGroup, command: Sequence[str], folder: Path,
               env: dict[str, str], timeout: float) -> Outcome:
    """Run `command` in `folder` with exactly `env`; stopped after `timeout` seconds."""
    started = time.monotonic()
    try:
        process = processes.start(list(command), cwd=folder, env=env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
    except OSError as error:
        return Outcome(None, "", "", time.monotonic() - started,
                       f"{command[0]} could not be started: {error}")
    try:
        output, ended = _read_until_exit(process, started + timeout,
                                         lambda: processes.kill(process))
    finally:
        code = processes.end(process)
    return Outcome(code if ended else None, *output, time.monotonic() - started)


def _read_until_exit(process: subprocess.Popen[bytes], deadline: float,
                     on_exit: Callable[[], None]) -> tuple[tuple[str, str], bool]:
    """What the run printed, and whether it ended before `deadline`; `on_exit` is called
    as soon as it ends (what it left running would otherwise hold its output open)."""
    assert process.stdout is not None and process.stderr is not None
    kept = {process.stdout.fileno(): bytearray(), process.stderr.fileno(): bytearray()}
    exited = os.pidfd_open(process.pid)  # readable once the process has ended: no polling
    ended = False
    try:
        with selectors.DefaultSelector() as selector:
            for descriptor in (*kept, exited):
                selector.register(descriptor, selectors.EVENT_READ)
            # Until it has ended and closed its output, or its time is up; once it has
            # ended, output held open by a process that left its group is read a moment.
            while not ended or len(selector.get_map()) > 0:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    break
                for key, _ in selector.select(wait):
                    chunk = b"" if key.fd == exited else os.read(key.fd, 65536)
                    if key.fd == exited:
                        ended = True
                        on_exit()
                        deadline = min(deadline, time.monotonic() + _DRAIN_SECONDS)
                    if not chunk:
                        selector.unregister(key.fd)
                    elif len(kept[key.fd]) < OUTPUT_CAP:
                        kept[key.fd] += chunk[:OUTPUT_CAP - len(kept[key.fd])]
        out, err = (bytes(buffer).decode("utf-8", "replace") for buffer in kept.values())
        return (out, err), ended
    finally:
        os.close(exited)
        process.stdout.close()
        process.stderr.close()
