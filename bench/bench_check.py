"""`guides check`'s speed against a one-at-a-time baseline and against the start-up floor.

Run with ``make bench``. All figures come from this one run, each the median of several,
so the ratios compare like with like on a noisy machine:

- baseline: every snippet its own process, one at a time, no cache (``--cold --jobs 1``);
- default: ``guides check --no-cache`` (the default launchers, parallel), whose verdicts
  must be the baseline's (parity holding);
- warm: ``guides check`` again with nothing changed;
- floor: what starting each snippet's interpreter costs (Python importing httpx, Node
  initialising fetch, sh starting curl), summed over the snippets and divided by the cores:
  no check of these snippets can take less while each runs as its own program.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = 3
#: A program that starts each language as its snippets do, and stops before any exchange.
STARTUP = {
    "python.py": [sys.executable, "-c", "import httpx"],
    "node.mjs": ["node", "-e", "fetch('http://127.0.0.1:9').catch(() => {})"],
    "curl.sh": ["sh", "-c", "curl --version > /dev/null"],
}


def timed(project: Path, *args: str) -> tuple[float, list[str]]:
    """Seconds taken, and the per-run verdict lines (ok/FAIL and the run's name)."""
    start = time.perf_counter()
    result = subprocess.run([str(Path(sys.executable).with_name("guides")), "check", *args],
                            cwd=project, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"guides check {' '.join(args)} failed:\n{result.stdout[-2000:]}")
    verdicts = sorted(" ".join(line.split()[:3]) for line in result.stdout.splitlines()
                      if line.startswith(("ok ", "FAIL ")))
    return seconds, verdicts


def median_of(project: Path, *args: str) -> tuple[float, list[str]]:
    runs = [timed(project, *args) for _ in range(RUNS)]
    return statistics.median(seconds for seconds, _ in runs), runs[-1][1]


def startup_floor(project: Path) -> float:
    counts = Counter(path.name for path in (project / "snippets").rglob("*")
                     if path.name in STARTUP)
    total = 0.0
    for name, count in counts.items():
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(STARTUP[name], check=True, capture_output=True)
            samples.append(time.perf_counter() - start)
        total += statistics.median(samples) * count
    return total / (os.cpu_count() or 1)


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary)
        shutil.copy2(REPO / "api.yaml", project / "api.yaml")
        shutil.copytree(REPO / "snippets", project / "snippets")
        baseline, cold_verdicts = median_of(project, "--no-cache", "--cold", "--jobs", "1")
        default, verdicts = median_of(project, "--no-cache")
        timed(project)
        warm, _ = median_of(project)
        floor = startup_floor(project)
    parity = "holds" if verdicts == cold_verdicts else "BROKEN"
    print(f"guides check, {len(verdicts)} results, median of {RUNS} runs each:")
    print(f"  baseline (a process per snippet, one at a time)  {baseline:6.2f} s")
    print(f"  default  (--no-cache)                            {default:6.2f} s   "
          f"{baseline / default:4.1f}x faster (target >= 3x); parity with --cold {parity}")
    print(f"  floor    (start-ups summed / {os.cpu_count()} cores)               {floor:6.2f} s"
          f"   default is {default / floor:4.2f}x the floor (target <= 1.5x)")
    print(f"  warm     (re-run, nothing changed)               {warm:6.2f} s   "
          f"(target < 0.3 s)")
    return 0 if parity == "holds" else 1


if __name__ == "__main__":
    sys.exit(main())
