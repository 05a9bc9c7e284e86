"""What an editor waits for: `guides validate` and `guides build`, against their budgets.

Run with ``make bench``. Prints the median of several runs of the real commands; the
machine's load is printed too, since a shared machine inflates wall time.
"""

from __future__ import annotations

import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ruamel.yaml import YAML

from generator.model import load_project
from generator.paths import PROJECT_FILES
from generator.render import render_pages

REPO = Path(__file__).resolve().parents[1]
RUNS = 5


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def run(*args: str, cwd: Path) -> None:
    result = subprocess.run(args, cwd=cwd, check=False, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")


def synthetic_project(work: Path, codes: int) -> Path:
    """api.yaml grown to `codes` error codes: its own, which other sections refer to, and
    synthetic ones, each with an example sharing the snippets of one."""
    folder = work / f"synthetic-{codes}"
    shutil.copytree(REPO / "snippets", folder / "snippets")
    yaml = YAML()
    data = yaml.load((REPO / "api.yaml").read_text(encoding="utf-8"))
    template_error = dict(data["errors"][1])
    template_example = dict(next(e for e in data["examples"] if e["id"] == "invalid-token"))
    for number in range(codes - len(data["errors"])):
        code = f"SYNTHETIC_ERROR_{number}"
        data["errors"].append({**copy.deepcopy(template_error), "code": code,
                               "message": f"Synthetic failure number {number}.",
                               "docs": f"https://trustleads.ai/guides/error-catalog#{code.lower()}"})
        example_id = f"synthetic-{number}"
        # Copies, not shared objects: the writer would make shared ones anchors and aliases.
        data["examples"].append({**copy.deepcopy(template_example), "id": example_id,
                                 "response": {"error": code}})
        shutil.copytree(REPO / "snippets" / "invalid-token", folder / "snippets" / example_id)
    with (folder / "api.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return folder / "api.yaml"


#: Budgets for the people who wait, in seconds on a quiet 2-core machine.
BUDGETS = {"validate": 0.5, "validate-1000": 2.0, "build": 5.0}


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        project = work / "project"
        project.mkdir()
        for name in PROJECT_FILES:
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        guides = Path(sys.executable).with_name("guides")
        run(str(guides), "build", cwd=project)  # warm the caches once

        spec = project / "api.yaml"
        pristine = spec.read_text(encoding="utf-8")
        edits = iter(range(2 * RUNS))

        def changed_build() -> None:
            # A new comment: a version of api.yaml that no cache has seen.
            spec.write_text(f"{pristine}# edit {next(edits)}\n", encoding="utf-8")
            run(str(guides), "build", cwd=project)

        def unchanged_build() -> None:
            run(str(guides), "build", cwd=project)

        thousand = synthetic_project(work, 1000)
        figures = {
            "validate": median_seconds(lambda: run(str(guides), "validate", cwd=project)),
            "validate-1000": median_seconds(partial(run, str(guides), "validate", "--spec",
                                                    str(thousand), cwd=project)),
            "build": median_seconds(changed_build),
        }
        spec.write_text(pristine, encoding="utf-8")
        unchanged_build()
        unchanged = median_seconds(unchanged_build)
        labels = {"validate": "guides validate, today's api.yaml",
                  "validate-1000": "guides validate, 1,000 codes",
                  "build": "guides build, api.yaml changed"}
        print(f"wall time, median of {RUNS} runs (budget on a quiet 2-core machine); "
              f"load average {os.getloadavg()[0]:.2f}:")
        for name, seconds in figures.items():
            verdict = "within" if seconds <= BUDGETS[name] else "OVER"
            print(f"  {labels[name]:36s} {seconds:6.3f} s  budget {BUDGETS[name]:.1f} s  "
                  f"{verdict}")
        print(f"  {'guides build, nothing changed':36s} {unchanged:6.3f} s")
        loaded = load_project(thousand)
        print(f"  render of 1,000 codes (in process)   "
              f"{median_seconds(partial(render_pages, loaded)):6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
