"""A check that is killed or interrupted leaves no process behind: no sandbox, no runner.

Each case starts a real `guides check`, lets it reach a different point once it has started
its first process (the sandbox starting, samples running), sends the
signal, and then looks for any process the check had started, or that is still in its
check's process group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import language_options

#: Seconds from the check's first process to the signal, spread over its whole life: every
#: 0.4 s, the two signals taking turns (each still reaches every stage, 0.8 s apart), and
#: both at once, while the check is still setting up what SIGTERM's cleanup must end.
CASES = [(signal.SIGTERM, 0.0)] + [
    (signal.SIGKILL if number % 2 == 0 else signal.SIGTERM, 0.4 * number)
    for number in range(8)]
#: How long one snippet waits before it ends: the check outlives every delay however fast it
#: otherwise is, and a snippet is still running when late signals arrive.
SLOW_SNIPPET_SECONDS = 10


@pytest.fixture
def slow_project(project: Path) -> Path:
    with (project / "snippets" / "create-job" / "curl.sh").open("a") as snippet:
        snippet.write(f"sleep {SLOW_SNIPPET_SECONDS}\n")
    return project


def live_processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, process group) of every process not yet ended (no zombies)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in (b"Z", b"X"):
            found[int(entry)] = (int(fields[1]), int(fields[2]))
    return found


def descendants(root: int, processes: dict[int, tuple[int, int]]) -> set[int]:
    found = {root}
    grew = True
    while grew:
        more = {pid for pid, (parent, _) in processes.items()
                if parent in found and pid not in found}
        found |= more
        grew = bool(more)
    return found - {root}


def leftovers(started: set[int], groups: set[int]) -> list[int]:
    return sorted(pid for pid, (_, group) in live_processes().items()
                  if pid in started or group in groups)


@pytest.mark.parametrize(("kill", "delay"), CASES,
                         ids=[f"{kill.name}-{delay:.1f}s" for kill, delay in CASES])
def test_no_process_outlives_the_check(slow_project: Path, kill: signal.Signals,
                                       delay: float) -> None:
    # A check killed with SIGKILL cannot remove its working folder: keep it in the test's.
    env = {**os.environ, "TMPDIR": str(slow_project)}
    check = subprocess.Popen([sys.executable, "-m", "generator.cli", "check", "--no-cache",
                              *language_options()],
                             cwd=slow_project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env=env)
    started: set[int] = set()
    groups: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and check.poll() is None:
        processes = live_processes()
        mine = descendants(check.pid, processes)
        if mine and not started:
            deadline = time.monotonic() + delay
        started |= mine
        groups |= {processes[pid][1] for pid in mine} - {os.getpgid(0)}
        time.sleep(0.01)
    assert check.poll() is None, "the check ended before the signal"
    check.send_signal(kill)
    _, stderr = check.communicate(timeout=60)
    assert "Traceback" not in stderr
    gone_by = time.monotonic() + 10
    while leftovers(started, groups) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert leftovers(started, groups) == []
