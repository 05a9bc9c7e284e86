"""Whatever can change a verdict is in the key of a cached run: change it and the run re-runs."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from pathlib import Path

import pytest

from generator.cache import PACKAGE
from generator.check.guarding.redaction import Redactor
from generator.check.options import CheckOptions
from generator.check.plan import plan_runs
from generator.check.running.environment import snippet_environment
from generator.check.running.exchange import Exchange
from generator.check.storing.inputs import tools_named, verdict_inputs
from generator.check.storing.runs import RunCache
from generator.languages import LANGUAGES
from generator.model import load_project
from tests.check.test_drift import check
from tests.check.test_remote import check_remote

EXCHANGE = Exchange("GET", "/jobs", {}, b"", 200, {}, b"{}")


@pytest.fixture(autouse=True)
def _on_a_workstation(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is replayed on a workstation: the suite itself may run under CI."""
    for variable in ("CI", "GITHUB_ACTIONS"):
        monkeypatch.delenv(variable, raising=False)


def test_a_kept_run_is_replayed_only_under_the_same_options(project: Path) -> None:
    loaded = load_project(project / "api.yaml")
    run = plan_runs(loaded)[0]
    RunCache(loaded, CheckOptions()).put(run, [EXCHANGE], Redactor([]))
    assert RunCache(loaded, CheckOptions()).get(run) == [EXCHANGE]
    for changed in ({"timeout": 5.0}, {"shard": (1, 2)}):
        assert RunCache(loaded, dataclasses.replace(CheckOptions(), **changed)).get(run) is None


def test_a_run_is_kept_under_what_it_read_not_what_it_wrote(project: Path) -> None:
    loaded = load_project(project / "api.yaml")
    run = plan_runs(loaded)[0]
    written = project / run.snippet.path.rsplit("/", 1)[0] / "out.txt"
    cache = RunCache(loaded, CheckOptions())
    assert cache.get(run) is None
    written.write_text("what the run wrote\n", encoding="utf-8")
    cache.put(run, [EXCHANGE], Redactor([]))
    assert RunCache(loaded, CheckOptions()).get(run) is None
    written.unlink()
    assert RunCache(loaded, CheckOptions()).get(run) == [EXCHANGE]


def _no_redaction(text: str) -> str:
    raise AssertionError(f"redacted for a cache that keeps nothing: {text!r}")


@pytest.mark.parametrize("options", [CheckOptions(use_cache=False),
                                     CheckOptions(base_url="https://127.0.0.1:9/v1")])
def test_a_cache_that_keeps_nothing_redacts_nothing(project: Path,
                                                    options: CheckOptions) -> None:
    """Redacting every exchange was most of the judging's time under --no-cache and CI."""
    loaded = load_project(project / "api.yaml")
    run = plan_runs(loaded)[0]
    RunCache(loaded, options).put(run, [EXCHANGE], _no_redaction)
    assert RunCache(loaded, CheckOptions()).get(run) is None
    with pytest.raises(AssertionError, match="redacted"):
        RunCache(loaded, CheckOptions()).put(run, [EXCHANGE], _no_redaction)


def test_a_remote_api_is_never_replayed(project: Path) -> None:
    loaded = load_project(project / "api.yaml")
    run = plan_runs(loaded)[0]
    remote = CheckOptions(base_url="https://127.0.0.1:9/v1")
    RunCache(loaded, remote).put(run, [EXCHANGE], Redactor([]))
    assert RunCache(loaded, remote).get(run) is None


@pytest.mark.parametrize("jobs", [(), ("--jobs", "1")], ids=["default-jobs", "one-job"])
def test_a_remote_check_asks_the_api_every_time(project: Path, drifted_api: dict[str, str],
                                                jobs: tuple[str, ...]) -> None:
    # The drifted example and one that passes: a cached verdict of either would show.
    for _ in range(2):
        result = check_remote(project, drifted_api, *jobs, "revoked-token", "list-jobs-bearer")
        assert result.returncode == 1, result.stderr
        assert "(cached)" not in result.stdout
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("edited", ["check/running/launch.py", "sandbox/app.py",
                                    "check/running/target.py"])
def test_the_runners_the_sandbox_and_its_settings_are_keyed(tmp_path: Path,
                                                           edited: str) -> None:
    package = shutil.copytree(PACKAGE, tmp_path / "generator")
    before = verdict_inputs(CheckOptions(), package)
    with (package / edited).open("a", encoding="utf-8") as source:
        source.write("# changed\n")
    assert verdict_inputs(CheckOptions(), package) != before


def tool(folder: Path, name: str, body: str) -> Path:
    """A program on PATH that reports the same version whatever it does; same size and
    times whatever its body."""
    path = folder / name
    path.write_text(f"#!/bin/sh\n# v1.0.0\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path


def key_of(project: Path, example: str = "list-jobs-bearer", language: str = "curl") -> str:
    loaded = load_project(project / "api.yaml")
    run = next(run for run in plan_runs(loaded)
               if run.example.id == example and run.language == language)
    return RunCache(loaded, CheckOptions()).key(run)


def test_a_tool_a_sample_names_is_keyed_by_its_file(project: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    monkeypatch.setenv("PATH", f"{bin_folder}:{os.environ['PATH']}")
    sample = project / "snippets" / "list-jobs-bearer" / "curl.sh"
    sample.write_text(sample.read_text(encoding="utf-8") + " | jqq .\n", encoding="utf-8")
    tool(bin_folder, "jqq", "exec cat")
    before = key_of(project)
    stat = (bin_folder / "jqq").stat()
    # The same size, modification time and --version: the bytes (and so the change time)
    # differ.
    tool(bin_folder, "jqq", "exec tac")
    assert (bin_folder / "jqq").stat().st_mtime_ns == stat.st_mtime_ns
    replaced = key_of(project)
    assert replaced != before
    (bin_folder / "jqq").unlink()
    assert key_of(project) not in (before, replaced)


def test_the_programs_of_the_command_and_shebang_are_keyed() -> None:
    found = tools_named(["#!/usr/bin/env bash\necho hi\n"], LANGUAGES["python"].command)
    for name in ("env", "bash", "echo", "python3"):
        assert shutil.which(name, path=snippet_environment()["PATH"]) in found, name
    # The python3 a sample runs with is this interpreter, whose libraries are installed.
    python3 = shutil.which("python3", path=snippet_environment()["PATH"])
    assert python3 is not None
    assert os.path.realpath(python3) == os.path.realpath(sys.executable)


@pytest.mark.parametrize("name", ["data.json", ".env", "sub/helper.py"])
def test_every_file_of_the_example_s_folder_is_keyed(project: Path, name: str) -> None:
    before = key_of(project, language="python")
    beside = project / "snippets" / "list-jobs-bearer" / name
    beside.parent.mkdir(exist_ok=True)
    beside.write_text("1\n", encoding="utf-8")
    written = key_of(project, language="python")
    assert written != before
    beside.write_text("2\n", encoding="utf-8")
    assert key_of(project, language="python") not in (before, written)


def test_the_recording_the_check_writes_keeps_the_runs_of_its_example(project: Path) -> None:
    """The recording is written from the runs' exchanges and compared with them on every
    check: writing it must not make the next check run its example again."""
    before = key_of(project, language="python")
    recording = project / "snippets" / "list-jobs-bearer" / "recording.json"
    recording.write_text(recording.read_text(encoding="utf-8").replace("{", "{ ", 1),
                         encoding="utf-8")
    assert key_of(project, language="python") == before


@pytest.mark.parametrize("variable", ["CI", "GITHUB_ACTIONS"])
def test_nothing_is_replayed_under_ci(project: Path, monkeypatch: pytest.MonkeyPatch,
                                      variable: str) -> None:
    loaded = load_project(project / "api.yaml")
    run = plan_runs(loaded)[0]
    RunCache(loaded, CheckOptions()).put(run, [EXCHANGE], Redactor([]))
    assert RunCache(loaded, CheckOptions()).get(run) == [EXCHANGE]
    monkeypatch.setenv(variable, "true")
    assert RunCache(loaded, CheckOptions()).get(run) is None


def test_under_ci_every_sample_runs(project: Path) -> None:
    examples = ("list-jobs-bearer", "revoked-token")
    first = check(project, *examples)
    assert first.returncode == 0, first.stdout
    again = check(project, *examples, env={"CI": "true"})
    assert again.returncode == 0, again.stdout
    assert "(cached)" not in again.stdout and "reused" not in again.stdout


def test_library_versions_are_keyed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = verdict_inputs(CheckOptions())
    (tmp_path / "httpx-99.0.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert verdict_inputs(CheckOptions()) != before


def test_the_snippets_environment_is_keyed(monkeypatch: pytest.MonkeyPatch) -> None:
    before = verdict_inputs(CheckOptions())
    monkeypatch.setenv("PATH", f"/opt/other/bin:{os.environ['PATH']}")
    assert verdict_inputs(CheckOptions()) != before
