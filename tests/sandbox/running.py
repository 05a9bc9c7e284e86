"""A real `guides sandbox` process for tests: started, announced, stopped."""

from __future__ import annotations

import json
import select
import signal
import ssl
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx


@dataclass
class RunningSandbox:
    process: subprocess.Popen[str]
    info: dict[str, Any]
    log: Path

    @property
    def base_url(self) -> str:
        return str(self.info["base_url"])

    @property
    def keys(self) -> dict[str, str]:
        return dict(self.info["keys"])

    @property
    def secrets(self) -> list[str]:
        """Every credential the sandbox issued: none may ever be echoed."""
        return [*self.keys.values(), self.info["session_token"],
                self.info["expired_session_token"]]

    def client(self, local_address: str | None = None) -> httpx.Client:
        context = ssl.create_default_context(cafile=self.info["ca_file"])
        transport = httpx.HTTPTransport(verify=context, local_address=local_address)
        return httpx.Client(transport=transport, timeout=10)

    def stop(self, signum: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        code = self.process.wait(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


def start_sandbox(log: Path, *args: str) -> RunningSandbox:
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "sandbox", *args],
            stdout=subprocess.PIPE, stderr=sink, text=True)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 30)
    if not ready:
        process.kill()
        raise AssertionError(f"the sandbox did not announce itself: {log.read_text()}")
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=10)
        raise AssertionError(f"the sandbox exited: {log.read_text()}")
    return RunningSandbox(process, json.loads(line), log)


@contextmanager
def sandbox_running(log: Path, *args: str) -> Iterator[RunningSandbox]:
    """A sandbox for the block; then it must exit 0 on SIGTERM, with no traceback logged."""
    running = start_sandbox(log, *args)
    try:
        yield running
    finally:
        assert running.stop() == 0
    assert "Traceback" not in log.read_text()
