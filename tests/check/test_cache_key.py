"""Whatever can change a verdict is in the key of a cached run: change it and the run re-runs."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache import PACKAGE
from generator.check.cache import RunCache
from generator.check.exchange import Exchange
from generator.check.inputs import tool_identity, verdict_inputs
from generator.check.options import CheckOptions
from generator.check.plan import plan_runs
from generator.model import load_project
from tests.check.test_remote import check_remote
from tests.conftest import REPO

EXCHANGE = Exchange("GET", "/jobs", {}, b"", 200, {}, b"{}")


def test_a_kept_run_is_replayed_only_under_the_same_options(project: Path) -> None:
    loaded = load_project(project / "api.yaml")
    run = plan_runs(loaded)[0]
    RunCache(loaded, CheckOptions()).put(run, [EXCHANGE])
    assert RunCache(loaded, CheckOptions()).get(run) == [EXCHANGE]
    for changed in ({"warm": False}, {"timeout": 5.0}, {"shard": (1, 2)}):
        assert RunCache(loaded, dataclasses.replace(CheckOptions(), **changed)).get(run) is None


def test_a_remote_api_is_never_replayed(project: Path) -> None:
    loaded = load_project(project / "api.yaml")
    run = plan_runs(loaded)[0]
    remote = CheckOptions(base_url="https://127.0.0.1:9/v1")
    RunCache(loaded, remote).put(run, [EXCHANGE])
    assert RunCache(loaded, remote).get(run) is None


@pytest.mark.parametrize("jobs", [(), ("--jobs", "1")], ids=["default-jobs", "one-job"])
def test_a_remote_check_asks_the_api_every_time(project: Path, drifted_api: dict[str, str],
                                                jobs: tuple[str, ...]) -> None:
    for _ in range(2):
        result = check_remote(project, drifted_api, *jobs)
        assert result.returncode == 1, result.stderr
        assert "(cached)" not in result.stdout
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("edited", ["check/launch.py", "check/_zygote.py", "sandbox/app.py",
                                    "check/target.py"])
def test_the_runners_the_sandbox_and_its_settings_are_keyed(tmp_path: Path,
                                                           edited: str) -> None:
    package = shutil.copytree(PACKAGE, tmp_path / "generator")
    before = verdict_inputs(CheckOptions(), package)
    with (package / edited).open("a", encoding="utf-8") as source:
        source.write("# changed\n")
    assert verdict_inputs(CheckOptions(), package) != before


def shim(folder: Path, name: str, version: str) -> Path:
    """A tool on PATH that reports `version`; same size and times whatever the version."""
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{version}'\n", encoding="utf-8")
    path.chmod(0o755)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path


@pytest.mark.parametrize("tool", ["curl", "node"])
def test_tools_are_keyed_by_the_version_they_report(tmp_path: Path, tool: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    shim(tmp_path, tool, "v1.0.0")
    before = tool_identity()
    stat = (tmp_path / tool).stat()
    shim(tmp_path, tool, "v2.0.0")
    assert (tmp_path / tool).stat().st_mtime_ns == stat.st_mtime_ns
    assert tool_identity() != before


def test_library_versions_are_keyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tool_identity()
    (tmp_path / "httpx-99.0.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert tool_identity() != before


def test_the_interpreter_is_keyed() -> None:
    other = "/usr/bin/python3"
    ask = "from generator.check.inputs import tool_identity; print(tool_identity())"
    identities = {subprocess.run([python, "-c", ask], capture_output=True, text=True,
                                 check=True, cwd=REPO).stdout
                  for python in (sys.executable, other)}
    assert len(identities) == 2


def test_the_snippets_environment_is_keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    before = verdict_inputs(CheckOptions())
    monkeypatch.setenv("PATH", f"/opt/other/bin:{os.environ['PATH']}")
    assert verdict_inputs(CheckOptions()) != before
