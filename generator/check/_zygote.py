"""A warm Python for snippets: imports httpx once, then forks a fresh child per snippet.

Protocol: one JSON command per stdin line, one JSON reply per stdout line. The child gets
only the environment it is given, its own working folder, stdin from /dev/null, and
stdout/stderr in files capped by RLIMIT_FSIZE.
"""

from __future__ import annotations

import json
import os
import resource
import runpy
import signal
import sys
import time
import traceback

import httpx  # noqa: F401  (the snippets' library: this import is the start-up paid once)


def _child(command: dict[str, object]) -> None:
    cap = int(str(command["cap"]))
    stdin = os.open(os.devnull, os.O_RDONLY)
    out = os.open(str(command["stdout"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(str(command["stderr"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for source, target in ((stdin, 0), (out, 1), (err, 2)):
        os.dup2(source, target)
    resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in dict(command["env"]).items()})  # type: ignore[call-overload]
    os.chdir(str(command["cwd"]))
    sys.argv = [str(command["file"])]
    code = 0
    try:
        runpy.run_path(str(command["file"]), run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            pass
    os._exit(code)


def _wait(pid: int, timeout: float) -> tuple[int | None, bool]:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), False
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None, True
        time.sleep(0.002)


def main() -> None:
    for line in sys.stdin:
        command = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(command)
        code, timed_out = _wait(pid, float(command["timeout"]))
        sys.stdout.write(json.dumps({"exit": code, "timed_out": timed_out}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
