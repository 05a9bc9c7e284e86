"""Each launcher gives a snippet a fresh, isolated run: its own environment and state."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.check._reaper import live_processes
from generator.check.launch import OUTPUT_CAP, Launchers
from generator.check.process_group import ProcessGroup

SCRIPTS = {
    "python": {
        "state": "import os\nimport builtins\nprint(getattr(builtins, 'leak', 'fresh'), "
                 "os.environ.get('PARENT_SECRET', 'scrubbed'), os.environ['GIVEN'])\n"
                 "builtins.leak = 'leaked'\n",
        "hang": "import time\ntime.sleep(60)\n",
        "flood": "import sys\nsys.stdout.write('x' * 10_000_000)\n",
        "fail": "raise SystemExit(4)\n",
    },
    "node": {
        "state": "console.log(globalThis.leak ?? 'fresh', process.env.PARENT_SECRET ?? "
                 "'scrubbed', process.env.GIVEN);\nglobalThis.leak = 'leaked';\n",
        "hang": "await new Promise(() => setTimeout(() => {}, 60000));\n",
        "flood": "for (let i = 0; i < 2000; i++) console.log('x'.repeat(5000));\n",
        "fail": "process.exit(4);\n",
    },
    "curl": {
        "state": "echo ${leak:-fresh} ${PARENT_SECRET:-scrubbed} $GIVEN\nexport leak=leaked\n",
        "hang": "sleep 60\n",
        "flood": "head -c 10000000 /dev/zero | tr '\\0' x\n",
        "fail": "exit 4\n",
    },
}
SUFFIX = {"python": ".py", "node": ".mjs", "curl": ".sh"}


@pytest.fixture(params=[True, False], ids=["warm", "cold"])
def launchers(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Launchers]:
    os.environ["PARENT_SECRET"] = "do-not-pass"
    try:
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
        processes = ProcessGroup()
        launched = Launchers(warm=request.param, host_env=env, group=processes.group,
                             work=tmp_path)
        yield launched
        launched.close()
        processes.close()
    finally:
        del os.environ["PARENT_SECRET"]


def write(tmp_path: Path, language: str, name: str) -> Path:
    path = tmp_path / f"{name}{SUFFIX[language]}"
    path.write_text(SCRIPTS[language][name], encoding="utf-8")
    return path


@pytest.mark.parametrize("language", SCRIPTS)
def test_runs_are_fresh_and_see_only_their_environment(
        launchers: Launchers, tmp_path: Path, language: str) -> None:
    script = write(tmp_path, language, "state")
    env = {"PATH": os.environ["PATH"], "GIVEN": "given"}
    first = launchers.run(language, script, env, timeout=30)
    second = launchers.run(language, script, env, timeout=30)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip() == "fresh scrubbed given"


@pytest.mark.parametrize("language", SCRIPTS)
def test_a_hanging_snippet_is_stopped(launchers: Launchers, tmp_path: Path,
                                      language: str) -> None:
    outcome = launchers.run(language, write(tmp_path, language, "hang"),
                            {"PATH": os.environ["PATH"]}, timeout=1)
    assert outcome.timed_out
    assert outcome.seconds < 20


@pytest.mark.parametrize("language", SCRIPTS)
def test_output_is_capped_and_exit_codes_kept(launchers: Launchers, tmp_path: Path,
                                              language: str) -> None:
    env = {"PATH": os.environ["PATH"]}
    flood = launchers.run(language, write(tmp_path, language, "flood"), env, timeout=30)
    assert len(flood.stdout) <= OUTPUT_CAP
    failed = launchers.run(language, write(tmp_path, language, "fail"), env, timeout=30)
    assert failed.exit_code == 4


def command_line(pid: int) -> str:
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        return cmdline.read().replace(b"\0", b" ").decode()


def children(pid: int) -> list[int]:
    return [child for child, (parent, _) in live_processes().items() if parent == pid]


def test_a_lost_zygote_fails_the_runs_it_held_and_later_runs_still_run(tmp_path: Path) -> None:
    processes = ProcessGroup()
    env = {"PATH": os.environ["PATH"]}
    launched = Launchers(warm=True, host_env=env, group=processes.group, work=tmp_path)
    try:
        with ThreadPoolExecutor(1) as pool:
            held = pool.submit(launched.run, "python", write(tmp_path, "python", "hang"), env,
                               30)
            zygote = next(pid for pid in children(os.getpid())
                          if "_zygote.py" in command_line(pid))
            deadline = time.monotonic() + 20
            while not children(zygote) and time.monotonic() < deadline:
                time.sleep(0.01)
            os.kill(zygote, signal.SIGKILL)
            outcome = held.result(timeout=20)
        assert outcome.problem is not None and "the Python zygote stopped" in outcome.problem
        later = launched.run("python", write(tmp_path, "python", "fail"), env, 30)
        assert (later.exit_code, later.problem) == (4, None)
    finally:
        launched.close()
        processes.close()
