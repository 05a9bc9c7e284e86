"""The generator's cost: its build against plain MkDocs, and how rendering grows.

Run with ``make bench``. Prints medians of several runs measured in this one process, so
the ratios compare like with like on a noisy machine.
"""

from __future__ import annotations

import copy
import resource
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

from generator.build import generate
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


def median_cpu_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median CPU time (user and system) of the processes `action` runs and waits for:
    unlike wall time, not inflated by whatever else the machine is doing."""
    timings = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        action()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        timings.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(timings)


def run(*args: str, cwd: Path) -> None:
    result = subprocess.run(args, cwd=cwd, check=False, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")


def static_twin(work: Path) -> Path:
    """The same site with the generated pages written out and the plugin removed."""
    twin = work / "static"
    shutil.copytree(REPO / "docs", twin / "docs")
    shutil.copytree(REPO / "overrides", twin / "overrides")
    # The hand-written pages too, written with the field reference in place.
    generate(REPO / "api.yaml", twin / "docs", REPO / "docs")
    yaml = YAML()
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [plugin for plugin in config["plugins"]
                         if not (isinstance(plugin, dict) and "guides" in plugin)]
    config["site_url"] = load_project(REPO / "api.yaml").spec.site.url
    with (twin / "mkdocs.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    return twin


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
        data["errors"].append({**template_error, "code": code,
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


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        project = work / "project"
        project.mkdir()
        for name in PROJECT_FILES:
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        twin = static_twin(work)
        guides = Path(sys.executable).with_name("guides")
        run(str(guides), "build", cwd=project)  # warm caches once for both

        def plain_build() -> None:
            run(sys.executable, "-m", "mkdocs", "build", "--strict", "-q", cwd=twin)

        def unchanged_build() -> None:
            run(str(guides), "build", cwd=project)

        spec = project / "api.yaml"
        pristine = spec.read_text(encoding="utf-8")
        edits = iter(range(2 * RUNS))

        def changed_build() -> None:
            # A new comment: a version of api.yaml that no cache has seen.
            spec.write_text(f"{pristine}# edit {next(edits)}\n", encoding="utf-8")
            run(str(guides), "build", cwd=project)

        for measure, unit in ((median_seconds, "wall"), (median_cpu_seconds, "CPU")):
            plain = measure(plain_build)
            cold = measure(changed_build)
            spec.write_text(pristine, encoding="utf-8")
            unchanged_build()  # the edits' records may have pushed the pristine one out
            warm = measure(unchanged_build)
            print(f"build, {unit} time, median of {RUNS} runs:")
            print(f"  mkdocs build (static Markdown)      {plain:6.3f} s")
            print(f"  guides build, unchanged inputs      {warm:6.3f} s   overhead "
                  f"{100 * (warm / plain - 1):5.1f} %  (target <= 15 %)")
            print(f"  guides build, api.yaml changed      {cold:6.3f} s   overhead "
                  f"{100 * (cold / plain - 1):5.1f} %")

        print(f"render, median of {RUNS} runs (load + validate: median of 3):")
        previous = None
        for codes in (100, 1000):
            spec_path = synthetic_project(work, codes)
            loaded = load_project(spec_path)
            seconds = median_seconds(partial(render_pages, loaded))
            validating = median_seconds(partial(load_project, spec_path), runs=3)
            growth = f"   x{seconds / previous:4.1f} for 10x the codes" if previous else ""
            print(f"  {codes:5d} codes: render {seconds:6.3f} s, load + validate "
                  f"{validating:6.3f} s{growth}")
            previous = seconds
        print("  target: 1,000 codes render in under 1 s, growing linearly (about x10)")

        print(f"guides validate, the whole command, median of {RUNS} runs:")
        today = median_seconds(lambda: run(str(guides), "validate", cwd=project))
        print(f"  today's api.yaml          {today:6.3f} s")
        for codes in (1000, 10_000):
            spec_path = (work / f"synthetic-{codes}" / "api.yaml" if codes == 1000
                         else synthetic_project(work, codes))
            seconds = median_seconds(partial(run, str(guides), "validate", "--spec",
                                             str(spec_path), cwd=project))
            print(f"  {codes:6d} codes              {seconds:6.3f} s   x{seconds / today:4.1f} "
                  "today's")
        print("  target: 1,000 codes at most x2 today's; 10,000 growing linearly from there")
    return 0


if __name__ == "__main__":
    sys.exit(main())
