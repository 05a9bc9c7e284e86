"""Each sample runs as its own plain process: its own environment, folder and process group."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.check.running.environment import snippet_environment
from generator.check.running.launch import OUTPUT_CAP, Outcome, run_sample
from generator.check.running.process_group import ProcessGroup
from generator.languages import LANGUAGES
from tests.check.running.test_orphans import live_processes

SCRIPTS = {
    "python": {
        "state": "import os\nimport builtins\nprint(getattr(builtins, 'leak', 'fresh'), "
                 "os.environ.get('PARENT_SECRET', 'scrubbed'), os.environ['GIVEN'], "
                 "os.getcwd() == os.path.dirname(os.path.abspath(__file__)))\n"
                 "builtins.leak = 'leaked'\n",
        "hang": "import time\ntime.sleep(60)\n",
        "flood": "import sys\nsys.stdout.write('x' * 10_000_000)\n",
        "fail": "raise SystemExit(4)\n",
        "leave-a-child": "import subprocess\nsubprocess.Popen(['sleep', '60'])\n",
    },
    "node": {
        "state": "import { dirname } from 'node:path';\nimport { fileURLToPath } from 'node:url';\n"
                 "console.log(globalThis.leak ?? 'fresh', process.env.PARENT_SECRET ?? "
                 "'scrubbed', process.env.GIVEN, process.cwd() === "
                 "dirname(fileURLToPath(import.meta.url)) ? 'True' : 'False');\n"
                 "globalThis.leak = 'leaked';\n",
        "hang": "await new Promise(() => setTimeout(() => {}, 60000));\n",
        "flood": "for (let i = 0; i < 2000; i++) console.log('x'.repeat(5000));\n",
        "fail": "process.exit(4);\n",
        "leave-a-child": "import { spawn } from 'node:child_process';\n"
                         "spawn('sleep', ['60'], { stdio: 'ignore' }).unref();\n",
    },
    "curl": {
        "state": '#!/bin/sh\necho ${leak:-fresh} ${PARENT_SECRET:-scrubbed} $GIVEN '
                 '$([ "$PWD" = "$(cd "$(dirname "$0")" && pwd)" ] && echo True)\n'
                 "export leak=leaked\n",
        "hang": "#!/bin/sh\nsleep 60\n",
        "flood": "#!/bin/sh\nhead -c 10000000 /dev/zero | tr '\\0' x\n",
        "fail": "#!/bin/sh\nexit 4\n",
        "leave-a-child": "#!/bin/sh\nsleep 60 &\n",
    },
}


@pytest.fixture
def processes() -> Iterator[ProcessGroup]:
    os.environ["PARENT_SECRET"] = "do-not-pass"
    group = ProcessGroup()
    try:
        yield group
    finally:
        group.close()
        del os.environ["PARENT_SECRET"]


def write(tmp_path: Path, language: str, name: str) -> Path:
    """The script in a folder of its own, under the file name the pages give."""
    path = tmp_path / f"{language}-{name}" / LANGUAGES[language].filename
    path.parent.mkdir()
    path.write_text(SCRIPTS[language][name], encoding="utf-8")
    path.chmod(0o755)
    return path


def run(processes: ProcessGroup, tmp_path: Path, language: str, name: str,
        timeout: float = 30, **env: str) -> Outcome:
    path = write(tmp_path, language, name)
    return run_sample(processes, LANGUAGES[language].command, path.parent,
                      {**snippet_environment(), **env}, timeout)


@pytest.mark.parametrize("language", SCRIPTS)
def test_runs_are_fresh_and_see_only_their_environment_from_their_folder(
        processes: ProcessGroup, tmp_path: Path, language: str) -> None:
    first = run(processes, tmp_path, language, "state", GIVEN="given")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip() == "fresh scrubbed given True"


@pytest.mark.parametrize("language", SCRIPTS)
def test_a_hanging_sample_is_stopped(processes: ProcessGroup, tmp_path: Path,
                                     language: str) -> None:
    outcome = run(processes, tmp_path, language, "hang", timeout=1)
    assert outcome.timed_out
    assert outcome.seconds < 20


@pytest.mark.parametrize("language", SCRIPTS)
def test_output_is_capped_and_exit_codes_kept(processes: ProcessGroup, tmp_path: Path,
                                              language: str) -> None:
    flood = run(processes, tmp_path, language, "flood")
    assert flood.exit_code == 0
    assert len(flood.stdout) == OUTPUT_CAP
    assert run(processes, tmp_path, language, "fail").exit_code == 4


@pytest.mark.parametrize("language", SCRIPTS)
def test_what_a_run_leaves_running_ends_with_it(processes: ProcessGroup, tmp_path: Path,
                                                language: str) -> None:
    outcome = run(processes, tmp_path, language, "leave-a-child")
    assert outcome.exit_code == 0, outcome.stderr
    assert _left_running(tmp_path) == []


def _left_running(folder: Path) -> list[int]:
    """The `sleep 60` processes still running that a run in `folder` started. A process
    killed a moment ago may not have ended yet on a busy machine: given 5 s to."""
    deadline = time.monotonic() + 5
    while True:
        left = [pid for pid, (parent, _) in live_processes().items()
                if _command(pid) == "sleep 60"
                and (parent == os.getpid() or _cwd(pid).startswith(str(folder)))]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def _cwd(pid: int) -> str:
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return ""


def test_a_command_that_cannot_start_is_a_problem_not_an_error(
        processes: ProcessGroup, tmp_path: Path) -> None:
    outcome = run_sample(processes, ["./missing.sh"], tmp_path, snippet_environment(), 5)
    assert outcome.problem is not None and "./missing.sh could not be started" in \
        outcome.problem
