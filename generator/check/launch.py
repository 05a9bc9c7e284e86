"""Running one snippet file as a fresh, isolated run, in the way each language allows.

Start-up dominates (Python with httpx ~0.34 s, Node ~0.14 s, curl ~0.015 s) while the HTTP
exchange takes milliseconds. So, warm (the default): Python snippets run in a child forked
from a zygote that has already imported httpx; Node snippets run as a new module in a new V8
context (own globals, console and process.env) of a Node that has already loaded fetch — a
Worker thread would cost nearly what a process does, as each loads fetch anew; curl runs as
its own process. Cold: every snippet is its own process.
"""

from __future__ import annotations

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

__all__ = ["OUTPUT_CAP", "Launchers", "Outcome"]

#: Bytes of stdout or stderr kept from one run.
OUTPUT_CAP = 256 * 1024
_HERE = Path(__file__).parent


@dataclass(frozen=True)
class Outcome:
    exit_code: int | None
    """None when the run was stopped by its timeout."""
    stdout: str
    stderr: str
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.exit_code is None


class Launcher(Protocol):
    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome: ...

    def close(self) -> None: ...


def _limit_output() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_CAP, OUTPUT_CAP))


class ProcessLauncher:
    """A new process per snippet: `command` followed by the file."""

    def __init__(self, command: list[str]) -> None:
        self._command = command

    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="guides-run-") as work, \
                open(Path(work) / "out", "w+b") as out, open(Path(work) / "err", "w+b") as err:
            process = subprocess.Popen([*self._command, str(file)], env=env, cwd=work,
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                       preexec_fn=_limit_output)
            try:
                code: int | None = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                code = None
            return Outcome(code, _read(out), _read(err), time.monotonic() - started)

    def close(self) -> None:
        pass


class _LineServer:
    """A long-lived helper process spoken to in JSON lines, replies matched by id."""

    def __init__(self, command: list[str], env: dict[str, str], name: str) -> None:
        self._name = name
        self._process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
        self._pending: dict[int, Future[dict[str, Any]]] = {}
        self._ids = itertools.count()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()

    def _read_replies(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            reply = json.loads(line)
            with self._lock:
                future = self._pending.pop(int(reply["id"]))
            future.set_result(reply)
        with self._lock:
            for future in self._pending.values():
                future.set_exception(RuntimeError(f"the {self._name} stopped"))

    def ask(self, command: dict[str, Any], timeout: float) -> dict[str, Any]:
        future: Future[dict[str, Any]] = Future()
        with self._lock:
            command_id = next(self._ids)
            self._pending[command_id] = future
            assert self._process.stdin is not None
            self._process.stdin.write(json.dumps({"id": command_id, **command}) + "\n")
            self._process.stdin.flush()
        return future.result(timeout=timeout + 30)

    def close(self) -> None:
        _stop(self._process)


class PythonZygote:
    """A warm Python that forks a fresh child per snippet."""

    def __init__(self, env: dict[str, str]) -> None:
        self._server = _LineServer([sys.executable, str(_HERE / "_zygote.py")], env,
                                   "Python zygote")

    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="guides-run-") as work:
            out, err = Path(work) / "out", Path(work) / "err"
            reply = self._server.ask({
                "file": str(file), "env": env, "cwd": work, "timeout": timeout,
                "stdout": str(out), "stderr": str(err), "cap": OUTPUT_CAP}, timeout)
            return Outcome(reply["exit"], _read_path(out), _read_path(err),
                           time.monotonic() - started)

    def close(self) -> None:
        self._server.close()


class NodeRealms:
    """A warm Node running each snippet as a module in a fresh V8 context."""

    def __init__(self, env: dict[str, str]) -> None:
        self._server = _LineServer(
            ["node", "--experimental-vm-modules", "--no-warnings", str(_HERE / "_realms.mjs")],
            env, "Node host")

    def run(self, file: Path, env: dict[str, str], timeout: float) -> Outcome:
        started = time.monotonic()
        reply = self._server.ask({"file": str(file), "env": env, "timeout": timeout,
                                  "cap": OUTPUT_CAP}, timeout)
        return Outcome(reply["exit"], reply["stdout"], reply["stderr"],
                       time.monotonic() - started)

    def close(self) -> None:
        self._server.close()


class Launchers:
    """The launcher of each language, warm or cold."""

    def __init__(self, *, warm: bool, host_env: dict[str, str]) -> None:
        self._by_language: dict[str, Launcher] = {"curl": ProcessLauncher(["sh"])}
        if warm:
            self._by_language["python"] = PythonZygote(host_env)
            self._by_language["node"] = NodeRealms(host_env)
        else:
            self._by_language["python"] = ProcessLauncher([sys.executable])
            self._by_language["node"] = ProcessLauncher(["node"])

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
        process.stdin.close()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
