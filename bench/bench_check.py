"""`guides check`'s speed against the floor its samples set, and against running one at a time.

Run with ``make bench``. All figures come from this one run, each the median of several
(the baseline's, the default's and the floor's taken in turns), so the ratios compare like
with like on a noisy machine:

- baseline: one sample at a time, no cache (``--no-cache --jobs 1``);
- default: ``guides check --no-cache`` (parallel), whose verdicts must be the baseline's;
- warm: ``guides check`` again with nothing changed: every run answered by the cache and
  judged again, no sandbox started (budget: under a second, an answer an editor does not
  wait for);
- floor: the samples' own plain runs, each as the pages tell a reader to run it
  (``python3 python.py`` … from its folder) against a sandbox, summed and divided by the
  cores: no check of these samples can take less while each runs as its own program
  (target: the default within 1.5x).

Each figure also shows the CPU time it used (the check and every process it started): on a
machine that others load, the wall-clock ratios shrink while the CPU ones hold.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.check.plan import plan_runs
from generator.check.running.environment import sample_inputs, snippet_environment
from generator.check.running.process_group import ProcessGroup
from generator.check.running.runtimes import Runtimes
from generator.check.running.target import sandbox_target, spawn_sandbox
from generator.languages import LANGUAGES
from generator.model import load_project

REPO = Path(__file__).resolve().parents[1]
RUNS = 3


def cpu_seconds() -> float:
    """CPU time used so far by the processes this one started and waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(project: Path, *args: str) -> tuple[float, float, list[str]]:
    """Seconds taken, CPU seconds used, and the verdict lines (ok/FAIL and the run's name)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    result = subprocess.run([str(Path(sys.executable).with_name("guides")), "check", *args],
                            cwd=project, capture_output=True, text=True, check=False)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if result.returncode != 0:
        raise SystemExit(f"guides check {' '.join(args)} failed:\n{result.stdout[-2000:]}")
    verdicts = sorted(" ".join(line.split()[:3]) for line in result.stdout.splitlines()
                      if line.startswith(("ok ", "FAIL ")))
    return seconds, cpu, verdicts


def medians(project: Path, plain: PlainRuns, *modes: tuple[str, ...]
            ) -> tuple[list[tuple[float, float, list[str]]], tuple[float, float]]:
    """Per mode (the arguments of a check): its median seconds and CPU seconds, and its
    verdicts; and the floor (`PlainRuns.floor`). The modes and the plain runs take turns,
    so that the load of a shared machine, which changes from minute to minute, weighs on
    each of them alike."""
    runs: list[list[tuple[float, float, list[str]]]] = [[] for _ in modes]
    plain_runs: list[list[tuple[float, float]]] = []
    for _ in range(RUNS):
        for taken, args in zip(runs, modes, strict=True):
            taken.append(timed(project, *args))
        plain_runs.append(plain.once())
    return [(statistics.median(seconds for seconds, _, _ in taken),
             statistics.median(cpu for _, cpu, _ in taken), taken[-1][2])
            for taken in runs], PlainRuns.floor(plain_runs)


class PlainRuns:
    """The samples' own plain runs, each as the page says, from its folder, with the page's
    variables and its CA variable, against a sandbox started here (whose own time is not
    counted: it is not waited for until the end)."""

    def __init__(self, project: Path, work: Path) -> None:
        loaded = load_project(project / "api.yaml")
        self._processes = ProcessGroup()
        try:
            sandbox = spawn_sandbox(work / "sandbox.log", work / "sandbox", self._processes)
            target = sandbox_target(sandbox, work / "sandbox.log", loaded.spec.credentials)
        except BaseException:
            self._processes.close()
            raise
        self._runs: list[tuple[tuple[str, ...], Path, dict[str, str]]] = []
        # The CA variable in each language's form, and the runtimes' caches, as a reader's
        # environment has them (and the check gives them).
        runtimes = Runtimes(Path(target.ca_file or ""), work, project)
        for run in plan_runs(loaded):
            language = LANGUAGES[run.language]
            url = target.http_url if run.example.request.transport == "http" \
                else target.base_url
            env = {**snippet_environment(), "HOME": str(work),
                   **runtimes.environment(run.language, language),
                   **sample_inputs(loaded, run, target, url, None)}
            self._runs.append((language.command, (project / run.snippet.path).parent, env))

    def once(self) -> list[tuple[float, float]]:
        """Each sample run once, one at a time: its seconds and CPU seconds."""
        taken = []
        for command, folder, env in self._runs:
            start, used = time.perf_counter(), cpu_seconds()
            subprocess.run(command, cwd=folder, capture_output=True, env=env, check=False)
            taken.append((time.perf_counter() - start, cpu_seconds() - used))
        return taken

    @staticmethod
    def floor(rounds: list[list[tuple[float, float]]]) -> tuple[float, float]:
        """Seconds and CPU seconds of the samples' runs, the median of each sample's over
        the rounds, summed, over the cores."""
        cores = os.cpu_count() or 1
        per_sample = list(zip(*rounds, strict=True))
        seconds = sum(statistics.median(wall for wall, _ in taken) for taken in per_sample)
        cpu = sum(statistics.median(used for _, used in taken) for taken in per_sample)
        return seconds / cores, cpu / cores

    def close(self) -> None:
        self._processes.close()


def main() -> int:
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary)
        shutil.copy2(REPO / "api.yaml", project / "api.yaml")
        shutil.copytree(REPO / "snippets", project / "snippets")
        plain_work = tempfile.TemporaryDirectory()
        plain = PlainRuns(project, Path(plain_work.name))
        try:
            [(baseline, baseline_cpu, one_verdicts), (default, default_cpu, verdicts)], (
                floor, floor_cpu) = medians(project, plain, ("--no-cache", "--jobs", "1"),
                                            ("--no-cache",))
        finally:
            plain.close()
            plain_work.cleanup()
        timed(project)
        warm = statistics.median(timed(project)[0] for _ in range(RUNS))
    cores = os.cpu_count() or 1
    parity = "holds" if verdicts == one_verdicts else "BROKEN"
    after = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"load average before: {load}; after: {after}")
    print(f"guides check, {len(verdicts)} results, median of {RUNS} runs each "
          f"(CPU: seconds used by all its processes):")
    print(f"  baseline (one sample at a time, --jobs 1)        {baseline:6.2f} s"
          f"   CPU {baseline_cpu:5.2f} s")
    print(f"  default  (--no-cache)                            {default:6.2f} s"
          f"   CPU {default_cpu:5.2f} s   {baseline / default:4.1f}x faster; same verdicts "
          f"as --jobs 1: {parity}")
    print(f"  floor    (plain runs summed / {cores} cores)        {floor:6.2f} s"
          f"   CPU {floor_cpu:5.2f} s   default is {default / floor:4.2f}x the floor"
          f" (target <= 1.5x); its CPU over {cores} cores is "
          f"{default_cpu / cores / floor_cpu:4.2f}x")
    print(f"  warm     (re-run, nothing changed)               {warm:6.2f} s"
          f"   (budget < 1 s)")
    return 0 if parity == "holds" else 1


if __name__ == "__main__":
    sys.exit(main())
