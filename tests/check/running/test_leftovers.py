"""A check leaves nothing in the temporary folder: not the sandbox's CA and server key (the
sandbox is killed, so it cannot remove a folder of its own), not what a run ended at its
timeout was building (`go run` compiles into the samples' TMPDIR, which the check gives
them inside its own folder, and is killed with its program)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_a_check_whose_run_is_killed_leaves_no_file_behind(project: Path,
                                                           tmp_path: Path) -> None:
    # The Go sample outlives the check's timeout: `go run` has built it, and waits for it.
    sample = project / "snippets" / "create-job" / "main.go"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace('"strings"\n', '"strings"\n\t"time"\n', 1).replace(
        "func main() {\n", "func main() {\n\ttime.Sleep(time.Minute)\n", 1), encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # Go's build cache stays where the project keeps it, so only a run's own files are at
    # stake; CI: the check never replays, and runs the sample.
    env = {**os.environ, "TMPDIR": str(scratch), "CI": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--language", "go", "--timeout", "8",
         "create-job"], cwd=project, env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "the snippet did not finish before its timeout" in done.stdout, done.stdout
    assert sorted(path.name for path in scratch.iterdir()) == []
