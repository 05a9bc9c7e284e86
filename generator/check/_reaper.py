"""The check's process-group leader: however the check ends, its processes end too.

It leads the process group in which the check starts the sandbox, the launchers and every
snippet run. It reads its stdin, a pipe only the check holds, until end of file, which the
kernel delivers when the check exits or is killed (SIGKILL included); then it kills every
other member of its group, until none has appeared for a moment. When the check writes
``done`` first, it has stopped starting processes: one sweep is enough. Standard library
only, so that it starts in milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

#: How long the group must stay empty: a process forked just before the check died may
#: join it a moment after the first sweep.
_SETTLE_SECONDS = 0.2


def live_processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, process group) of every process not yet ended (no zombies)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in (b"Z", b"X"):
            found[int(entry)] = (int(fields[1]), int(fields[2]))
    return found


def _members(group: int) -> list[int]:
    """Live processes of `group` other than this one."""
    return [pid for pid, (_, member_of) in live_processes().items()
            if member_of == group and pid != os.getpid()]


def main() -> None:
    # Ctrl-C in a terminal is for the check, which then closes the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    told = b""
    while chunk := os.read(0, 4096):
        told = (told + chunk)[-4:]
    group = os.getpgid(0)
    settled_at = time.monotonic() + (0 if told == b"done" else _SETTLE_SECONDS)
    while True:
        members = _members(group)
        for pid in members:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if members:
            settled_at = time.monotonic() + _SETTLE_SECONDS
        elif time.monotonic() >= settled_at:
            return
        time.sleep(0.01)


if __name__ == "__main__":
    main()
