"""The API the snippets are proven against: a sandbox started here, or a remote one."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ...credentials import REMOTE_CREDENTIAL_VARIABLES, SECOND_KEY_KIND, from_document, unknown_like
from ...errors import GuidesError
from .process_group import ProcessGroup

__all__ = ["Target", "remote_target", "sandbox_target", "spawn_sandbox"]


@dataclass
class Target:
    base_url: str
    http_url: str
    ca_file: str | None
    credentials: dict[str, str]
    """Credential kind (``pro``, ``session``…, ``invalid``, ``other``) -> value."""

    @property
    def secrets(self) -> list[str]:
        return [value for kind, value in self.credentials.items() if kind != "invalid"]


def spawn_sandbox(log: Path, processes: ProcessGroup) -> subprocess.Popen[str]:
    """``guides sandbox`` on free ports, one of `processes`; `sandbox_target` waits for it.
    Its settings are those a reader's sandbox starts with (`make sandbox`): the samples
    meet the same limits there as here."""
    with log.open("w") as sink:
        return processes.start(
            [sys.executable, "-m", "generator.cli", "sandbox"],
            stdout=subprocess.PIPE, stderr=sink, stdin=subprocess.DEVNULL, text=True)


def sandbox_target(process: subprocess.Popen[str], log: Path) -> Target:
    """The spawned sandbox, read from the one JSON line it prints once it serves."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    if not line:
        process.kill()
        process.wait()
        raise GuidesError(f"the sandbox did not start: {log.read_text(errors='replace')}")
    info = json.loads(line)
    return Target(info["base_url"], info["http_url"], info["ca_file"], from_document(info))


def remote_target(base_url: str, http_url: str | None, ca_file: str | None) -> Target:
    missing = [v for v in REMOTE_CREDENTIAL_VARIABLES.values() if not os.environ.get(v)]
    if missing:
        raise GuidesError("with --base-url, the sandbox's credentials come from the "
                          f"environment; set {', '.join(missing)}")
    credentials = {kind: os.environ[variable]
                   for kind, variable in REMOTE_CREDENTIAL_VARIABLES.items()}
    base_url = base_url.rstrip("/")
    http_url = (http_url or "http://" + base_url.removeprefix("https://")).rstrip("/")
    return Target(base_url, http_url, ca_file, _with_derived(credentials))


def _with_derived(credentials: dict[str, str]) -> dict[str, str]:
    return {**credentials, "invalid": unknown_like(credentials["pro"]),
            "other": credentials[SECOND_KEY_KIND]}
