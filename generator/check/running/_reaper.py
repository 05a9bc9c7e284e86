"""The one process a check keeps beside it, for the one ending it cannot handle itself.

Every process a check starts leads a process group of its own, which the check ends on
every exit it sees (a normal end, an exception, Ctrl-C, SIGTERM, a run's timeout). A check
killed with SIGKILL sees nothing, and no child can be told to die with its parent without
running code of ours before it execs (`preexec_fn`, unsafe from threads). So this process
reads, from a pipe only the check holds, ``+GROUP`` for each group started and ``-GROUP``
for each ended; at end of file, which the kernel delivers however the check ends, it kills
the groups still listed. Standard library only, so that it starts in milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import signal


def main() -> None:
    # Ctrl-C in a terminal is for the check, which then ends its groups itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    groups: set[int] = set()
    pending = b""
    while chunk := os.read(0, 4096):
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            (groups.add if line[:1] == b"+" else groups.discard)(int(line[1:]))
    for group in groups:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)


if __name__ == "__main__":
    main()
