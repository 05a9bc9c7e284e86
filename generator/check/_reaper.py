"""The check's watchdog process: when the check ends, however it ends, its processes end too.

It leads the process group in which the check starts the sandbox, the launchers and every
snippet run. It reads its stdin, a pipe only the check holds, until end of file, which the
kernel delivers when the check exits or is killed (SIGKILL included); then it kills every
other member of its group. Standard library only, so that it starts in milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

#: How long the group must stay empty: a process forked just before the check died may
#: join it a moment after the first sweep.
_SETTLE_SECONDS = 0.2


def _members(group: int) -> list[int]:
    """Live processes of `group` other than this one (zombies are already ended)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z" and int(fields[2]) == group:
            found.append(int(entry))
    return found


def main() -> None:
    # Ctrl-C in a terminal is for the check, which then closes the pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while os.read(0, 4096):
        pass
    group = os.getpgid(0)
    settled_at = time.monotonic() + _SETTLE_SECONDS
    while time.monotonic() < settled_at:
        members = _members(group)
        for pid in members:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if members:
            settled_at = time.monotonic() + _SETTLE_SECONDS
        time.sleep(0.01)


if __name__ == "__main__":
    main()
