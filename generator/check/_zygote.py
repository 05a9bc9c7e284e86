"""A warm Python for snippets: imports httpx once, then forks a child per snippet that runs
it as `python snippet.py` would.

Protocol: one JSON command per stdin line, one JSON reply per stdout line, matched by id;
children run concurrently. The zygote reads and writes its pipes with `os.read`/`os.write`
only, so the `sys.stdin`/`sys.stdout` objects a child inherits are untouched, as in a new
interpreter.

A child leaves the zygote's loop and becomes the program: its file descriptors are only
0, 1 and 2 (stdin from /dev/null, stdout/stderr in files capped by RLIMIT_FSIZE); its
environment, working folder, `sys.argv`, `sys.path` and `__main__` are a real run's; the file
runs as `__main__`; and it ends through normal interpreter shutdown (non-daemon threads
joined, atexit handlers and finalizers run, streams flushed, `sys.exit("message")` printed).
Where being warm could change what the snippet sees (a file beside it shadows a module
already imported here, or the interpreter's settings in the environment differ), the child
execs a new interpreter instead.
"""

from __future__ import annotations

import builtins
import gc
import importlib
import json
import os
import resource
import select
import signal
import sys
import time
import types
from importlib.machinery import SourceFileLoader
from typing import Any

import httpx  # noqa: F401  (the snippets' library: this import is the start-up paid once)

# What httpx imports on first use, which every snippet's first request pays: its transport
# (on the first Client, a third of a child's time) and the codec for host names. Each is the
# module a fresh process would import then; a file beside the snippet that shadows one
# makes the child exec afresh (`_shadowed`).
importlib.import_module("httpcore")
importlib.import_module("encodings.idna")

#: Variables the interpreter reads at start-up: a child with other values execs afresh.
_STARTUP_VARIABLES = ("PYTHON", "LANG", "LC_")
_STARTUP_ENVIRONMENT = {k: v for k, v in os.environ.items() if k.startswith(_STARTUP_VARIABLES)}
#: Where the interpreter's own search path starts: after the script's folder.
_BASE_PATH = sys.path[1:]


def _reply(message: dict[str, Any]) -> None:
    try:
        os.write(1, (json.dumps(message) + "\n").encode())
    except BrokenPipeError:
        # The check that asked is gone (killed): nobody is left to answer, nothing to report.
        os._exit(0)


def _open_outputs(command: dict[str, Any]) -> tuple[int, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    out = os.open(command["stdout"], flags, 0o600)
    try:
        return out, os.open(command["stderr"], flags, 0o600)
    except OSError:
        os.close(out)
        raise


def _serve() -> dict[str, Any]:
    """Answer commands until stdin closes; in a forked child, return its command."""
    running: dict[int, tuple[int, int, float]] = {}  # pidfd -> (pid, command id, deadline)
    pending = b""
    stdin_open = True
    while stdin_open or running:
        deadlines = [deadline for _, _, deadline in running.values()]
        wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        # A pidfd becomes readable when its process ends: no polling.
        ready, _, _ = select.select([0, *running] if stdin_open else list(running), [], [],
                                    wait)
        if 0 in ready:
            chunk = os.read(0, 65536)
            stdin_open = bool(chunk)
            pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            command: dict[str, Any] = json.loads(line)
            try:
                outputs = _open_outputs(command)
            except OSError as error:
                _reply({"id": command["id"], "exit": None,
                        "problem": f"its output files could not be opened: {error}"})
                continue
            pid = os.fork()
            if pid == 0:
                command["outputs"] = outputs
                return command
            for fd in outputs:
                os.close(fd)
            deadline = time.monotonic() + float(command["timeout"])
            running[os.pidfd_open(pid)] = (pid, command["id"], deadline)
        for pidfd, (pid, command_id, deadline) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if not done and time.monotonic() < deadline:
                continue
            if not done:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            os.close(pidfd)
            del running[pidfd]
            _reply({"id": command_id, "exit": os.waitstatus_to_exitcode(status) if done
                    else None})
    # The zygote has written everything with os.write and runs no snippet code itself:
    # a normal interpreter shutdown would only tear down what it imported.
    os._exit(0)


def _become(command: dict[str, Any]) -> None:
    """Turn this forked child into the process `python FILE` would start."""
    file = command["file"]
    out, err = command["outputs"]
    for source, target in ((os.open(os.devnull, os.O_RDONLY), 0), (out, 1), (err, 2)):
        os.dup2(source, target)
    os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    cap = int(command["cap"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
    os.chdir(command["cwd"])
    env: dict[str, str] = command["env"]
    startup = {k: v for k, v in env.items() if k.startswith(_STARTUP_VARIABLES)}
    if _shadowed(os.path.dirname(file)) or startup != _STARTUP_ENVIRONMENT:
        os.execve(sys.executable, [sys.executable, file], env)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [file]
    sys.orig_argv = [sys.executable, file]
    sys.path[:] = [os.path.dirname(file), *_BASE_PATH]
    main = types.ModuleType("__main__")
    main.__file__ = file
    main.__dict__["__builtins__"] = builtins
    main.__loader__ = SourceFileLoader("__main__", file)
    sys.modules["__main__"] = main
    try:
        with open(file, "rb") as source:
            code = compile(source.read(), file, "exec")
        exec(code, main.__dict__)
    except SystemExit:
        raise  # the interpreter's own handling: the status, or the message and status 1
    except BaseException as error:
        # Reported as the interpreter reports it, from the snippet's frame on.
        traceback = error.__traceback__.tb_next if error.__traceback__ else None
        sys.excepthook(type(error), error.with_traceback(traceback), traceback)
        sys.exit(1)


def _shadowed(folder: str) -> bool:
    """Whether a module imported here could be a different file for the snippet."""
    try:
        names = {entry.split(".", 1)[0] for entry in os.listdir(folder)}
    except OSError:
        return True
    return any(name.split(".", 1)[0] in names for name in sys.modules)


if __name__ == "__main__":
    # What is imported now is never collected: a child neither copies nor tears it down
    # (half of a child's exit time), and nothing the snippet creates is affected.
    gc.freeze()
    _become(_serve())
