"""A warm Python for snippets: imports httpx once, then forks a fresh child per snippet.

Protocol: one JSON command per stdin line, one JSON reply per stdout line, matched by id;
children run concurrently. Each child gets only the environment it is given, its own working
folder, stdin from /dev/null, and stdout/stderr in files capped by RLIMIT_FSIZE.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import runpy
import select
import signal
import sys
import time
import traceback
from typing import Any

import httpx  # noqa: F401  (the snippets' library: this import is the start-up paid once)


def _child(command: dict[str, Any]) -> None:
    cap = int(command["cap"])
    stdin = os.open(os.devnull, os.O_RDONLY)
    out = os.open(command["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(command["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for source, target in ((stdin, 0), (out, 1), (err, 2)):
        os.dup2(source, target)
    resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    os.environ.clear()
    os.environ.update(command["env"])
    os.chdir(command["cwd"])
    sys.argv = [command["file"]]
    code = 0
    try:
        runpy.run_path(command["file"], run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):
            stream.flush()
    os._exit(code)


def _reply(command_id: int, code: int | None) -> None:
    sys.stdout.write(json.dumps({"id": command_id, "exit": code}) + "\n")
    sys.stdout.flush()


def main() -> None:
    running: dict[int, tuple[int, float]] = {}  # pid -> (command id, deadline)
    stdin_open = True
    while stdin_open or running:
        ready, _, _ = select.select([sys.stdin] if stdin_open else [], [], [], 0.002)
        if ready:
            line = sys.stdin.readline()
            if not line:
                stdin_open = False
            else:
                command = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    _child(command)
                running[pid] = (command["id"], time.monotonic() + float(command["timeout"]))
        for pid, (command_id, deadline) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                del running[pid]
                _reply(command_id, os.waitstatus_to_exitcode(status))
            elif time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                del running[pid]
                _reply(command_id, None)


if __name__ == "__main__":
    main()
