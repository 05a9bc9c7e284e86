"""Running one snippet file as a fresh, isolated run, with the semantics of a new process.

Start-up dominates (Python with httpx ~0.15 s, Node with fetch ~0.2 s, curl ~0.01 s) while
the HTTP exchange takes milliseconds. So, warm (the default): Python snippets run in a child
forked from a zygote that has already imported httpx, and that child becomes exactly what
`python snippet.py` starts (see `_zygote`). Node and curl snippets are always their own
processes: Node cannot fork, and a V8 context or Worker inside a shared Node differs from
a process (exit status, pending timers, unhandled rejections, builtins), while being faster
only by the start-up it skips. Cold: every snippet is its own process.

Every process starts in the check's process group, so none outlives the check. A run
whose launcher fails is an `Outcome` with a `problem`, never an exception.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from .node_trust import node_environment, write_node_roots

__all__ = ["OUTPUT_CAP", "LauncherLost", "Launchers", "Outcome"]

#: Bytes of stdout or stderr kept from one run.
OUTPUT_CAP = 256 * 1024
#: How long past a run's timeout a helper may take to answer before the run counts as lost.
_GRACE_SECONDS = 30
_HERE = Path(__file__).parent
#: V8 options that change how fast Node starts, never what a program computes. Node's
#: fetch parses every response with WebAssembly (undici's llhttp), for which V8 also builds
#: wrappers with its optimising compiler: a third of a short snippet's CPU time, for code run
#: once. Baseline-compiled WebAssembly has the same semantics; only `process.execArgv` shows
#: it. (Any V8 option also makes Node compile its own JavaScript afresh instead of loading
#: the compiled cache built into it, which costs less than the optimising compiler saves.)
_NODE_WARM_FLAGS = ("--liftoff-only",)
#: Trust held by OpenSSL, read when needed, instead of parsed as Node starts (`node_trust`).
_NODE_LAZY_TRUST = "--use-openssl-ca"


@dataclass(frozen=True)
class Outcome:
    exit_code: int | None
    """None when the run was stopped by its timeout."""
    stdout: str
    stderr: str
    seconds: float
    problem: str | None = None
    """Why the run could not be made or observed (its launcher failed), if it could not."""

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None and self.problem is None


class Launcher(Protocol):
    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome: ...

    def close(self) -> None: ...


def _limit_output() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_CAP, OUTPUT_CAP))


class ProcessLauncher:
    """A new process per snippet: `command` followed by the file."""

    def __init__(self, command: list[str], group: int) -> None:
        self._command = command
        self._group = group

    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="guides-run-") as work, \
                open(Path(work) / "out", "w+b") as out, open(Path(work) / "err", "w+b") as err:
            try:
                process = subprocess.Popen(
                    [*self._command, str(file)], env=env, cwd=work, stdin=subprocess.DEVNULL,
                    stdout=out, stderr=err, preexec_fn=_limit_output,
                    process_group=self._group)
            except OSError as error:
                return Outcome(None, "", "", time.monotonic() - started,
                               f"{self._command[0]} could not be started: {error}")
            # A blocking wait sees the end at once (`wait(timeout=…)` polls, up to 50 ms late).
            stopped = threading.Event()

            def stop() -> None:
                stopped.set()
                process.kill()

            stopper = threading.Timer(timeout, stop)
            stopper.start()
            code: int | None = process.wait()
            stopper.cancel()
            if stopped.is_set():
                code = None
            return Outcome(code, _read(out), _read(err), time.monotonic() - started)

    def close(self) -> None:
        pass


class NodeLauncher:
    """A `node` process per snippet; warm, with its trust left to OpenSSL (`node_trust`)."""

    def __init__(self, *, warm: bool, roots: Path | None, group: int) -> None:
        flags = [*_NODE_WARM_FLAGS, *([_NODE_LAZY_TRUST] if roots else [])] if warm else []
        self._process = ProcessLauncher(["node", *flags], group)
        self._roots = roots

    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome:
        if self._roots is not None:
            env = node_environment(env, self._roots)
        return self._process.run(file, env, timeout)

    def close(self) -> None:
        self._process.close()


class LauncherLost(Exception):
    """A helper process that runs snippets stopped, or stopped answering."""


class _LineServer:
    """A long-lived helper process spoken to in JSON lines, replies matched by id."""

    def __init__(self, command: list[str], env: dict[str, str], name: str,
                 group: int) -> None:
        self._name = name
        self._process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True,
                                         process_group=group)
        self._pending: dict[int, Future[dict[str, Any]]] = {}
        self._stopped = ""
        self._ids = itertools.count()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()

    def _read_replies(self) -> None:
        assert self._process.stdout is not None
        with contextlib.suppress(ValueError, KeyError, TypeError):
            for line in self._process.stdout:
                reply = json.loads(line)
                with self._lock:
                    future = self._pending.pop(int(reply["id"]))
                future.set_result(reply)
        try:
            status = f" (exit status {self._process.wait(timeout=5)})"
        except subprocess.TimeoutExpired:
            status = ""
        with self._lock:
            self._stopped = f"the {self._name} stopped{status}"
            for future in self._pending.values():
                future.set_exception(LauncherLost(self._stopped))
            self._pending.clear()

    @property
    def running(self) -> bool:
        return not self._stopped

    def ask(self, command: dict[str, Any], timeout: float) -> dict[str, Any]:
        """The reply to `command`; `LauncherLost` if the helper stops or stays silent."""
        future: Future[dict[str, Any]] = Future()
        with self._lock:
            if self._stopped:
                raise LauncherLost(self._stopped)
            command_id = next(self._ids)
            self._pending[command_id] = future
            assert self._process.stdin is not None
            try:
                self._process.stdin.write(json.dumps({"id": command_id, **command}) + "\n")
                self._process.stdin.flush()
            except OSError as error:
                del self._pending[command_id]
                raise LauncherLost(f"the {self._name} stopped reading: {error}") from error
        try:
            return future.result(timeout=timeout + _GRACE_SECONDS)
        except TimeoutError as error:
            raise LauncherLost(f"the {self._name} did not answer within "
                               f"{timeout + _GRACE_SECONDS:g} s") from error

    def close(self) -> None:
        _stop(self._process)


class PythonZygote:
    """A warm Python that forks a fresh child per snippet.

    If the zygote is lost, the runs it held fail with the reason, and later runs start
    their own interpreter.
    """

    def __init__(self, env: dict[str, str], group: int) -> None:
        self._server = _LineServer([sys.executable, str(_HERE / "_zygote.py")], env,
                                   "Python zygote", group)
        self._fallback = ProcessLauncher([sys.executable], group)

    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome:
        if not self._server.running:
            return self._fallback.run(file, env, timeout)
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="guides-run-") as work:
            out, err = Path(work) / "out", Path(work) / "err"
            try:
                reply = self._server.ask({
                    "file": str(file), "env": env, "cwd": work, "timeout": timeout,
                    "stdout": str(out), "stderr": str(err), "cap": OUTPUT_CAP}, timeout)
            except LauncherLost as lost:
                reply = {"exit": None, "problem": str(lost)}
            return Outcome(reply["exit"], _read_path(out), _read_path(err),
                           time.monotonic() - started, reply.get("problem"))

    def close(self) -> None:
        self._server.close()


class Launchers:
    """The launcher of each language, warm or cold."""

    def __init__(self, *, warm: bool, host_env: dict[str, str], group: int,
                 work: Path) -> None:
        """`host_env`: what every run's environment shares (the zygote starts with it);
        `work`: a folder for what the launchers keep while they run."""
        roots = work / "node-roots"
        self._by_language: dict[str, Launcher] = {
            "curl": ProcessLauncher(["sh"], group),
            "node": NodeLauncher(warm=warm, roots=roots if write_node_roots(roots, group)
                                 else None, group=group),
            "python": PythonZygote(host_env, group) if warm
            else ProcessLauncher([sys.executable], group)}

    def run(self, language: str, file: Path, env: dict[str, str], timeout: float) -> Outcome:
        return self._by_language[language].run(file, env, timeout)

    def close(self) -> None:
        for launcher in self._by_language.values():
            launcher.close()


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read(OUTPUT_CAP).decode("utf-8", "replace")


def _read_path(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return _read(handle)
    except FileNotFoundError:
        return ""


def _stop(process: subprocess.Popen[str]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
