"""`guides check`'s speed: warm start-up and parallelism against a one-at-a-time baseline.

Run with ``make bench``. All three figures come from this one run, each the median of
several, so the ratios compare like with like on a noisy machine:

- baseline: every snippet its own process, one at a time, no cache (``--cold --jobs 1``);
- cold: ``guides check --no-cache`` (warm launchers, parallel);
- warm: ``guides check`` again with nothing changed.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = 3


def timed(project: Path, *args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(Path(sys.executable).with_name("guides")), "check", *args],
                            cwd=project, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"guides check {' '.join(args)} failed:\n{result.stdout[-2000:]}")
    return seconds


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary)
        shutil.copy2(REPO / "api.yaml", project / "api.yaml")
        shutil.copytree(REPO / "snippets", project / "snippets")
        baseline = statistics.median(timed(project, "--no-cache", "--cold", "--jobs", "1")
                                     for _ in range(RUNS))
        cold = statistics.median(timed(project, "--no-cache") for _ in range(RUNS))
        timed(project)
        warm = statistics.median(timed(project) for _ in range(RUNS))
    print(f"guides check, median of {RUNS} runs each:")
    print(f"  baseline (a process per snippet, one at a time)  {baseline:6.2f} s")
    print(f"  cold  (--no-cache)                               {cold:6.2f} s   "
          f"{baseline / cold:4.1f}x faster (target >= 3x)")
    print(f"  warm  (re-run, nothing changed)                  {warm:6.2f} s   "
          f"(target < 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
