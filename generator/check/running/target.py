"""The API the snippets are proven against: a sandbox started here, or a remote one."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...credentials import INVALID, OTHER, from_document, remote_variable, unknown_like
from ...errors import GuidesError
from .process_group import ProcessGroup

if TYPE_CHECKING:
    from ...model.models import Credentials

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
        return [value for kind, value in self.credentials.items() if kind != INVALID]


def spawn_sandbox(log: Path, state_dir: Path, processes: ProcessGroup) -> subprocess.Popen[str]:
    """``guides sandbox`` on free ports, one of `processes`; `sandbox_target` waits for it.
    Its settings are those a reader's sandbox starts with (`make sandbox`): the samples
    meet the same limits there as here. Its CA and server key go in `state_dir`, which the
    check removes: the sandbox is killed, so it never removes a folder of its own."""
    with log.open("w") as sink:
        return processes.start(
            [sys.executable, "-m", "generator.cli", "sandbox", "--state-dir", str(state_dir)],
            stdout=subprocess.PIPE, stderr=sink, stdin=subprocess.DEVNULL, text=True)


def sandbox_target(process: subprocess.Popen[str], log: Path,
                   contract: Credentials | None) -> Target:
    """The spawned sandbox, read from the one JSON line it prints once it serves; the
    second key is of the kind `contract` names."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    if not line:
        process.kill()
        process.wait()
        raise GuidesError(f"the sandbox did not start: {log.read_text(errors='replace')}")
    info = json.loads(line)
    return Target(info["base_url"], info["http_url"], info["ca_file"],
                  from_document(info, contract.second_key if contract else None))


def remote_target(base_url: str, http_url: str | None, ca_file: str | None,
                  contract: Credentials | None) -> Target:
    """Another API, its credentials read from the variables `remote_variable` names for the
    kinds of api.yaml's credential contract."""
    if contract is None:
        raise GuidesError("with --base-url, api.yaml must describe the credentials the check "
                          "runs with (its credentials section)")
    variables = {kind: remote_variable(kind, rule.method)
                 for kind, rule in contract.kinds.items()}
    missing = [variable for variable in variables.values() if not os.environ.get(variable)]
    if missing:
        raise GuidesError("with --base-url, the sandbox's credentials come from the "
                          f"environment; set {', '.join(missing)}")
    credentials = {kind: os.environ[variable] for kind, variable in variables.items()}
    # A key no API knows, shaped like an active key of the API's own.
    known = contract.second_key or next(k for k, rule in contract.kinds.items() if rule.plan)
    credentials[INVALID] = unknown_like(credentials[known])
    if contract.second_key is not None:
        credentials[OTHER] = credentials[contract.second_key]
    base_url = base_url.rstrip("/")
    http_url = (http_url or "http://" + base_url.removeprefix("https://")).rstrip("/")
    return Target(base_url, http_url, ca_file, credentials)
