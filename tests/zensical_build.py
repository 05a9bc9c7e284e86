"""The site as `make zensical` builds it, in a copy of the project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, copy_project, installed

#: The virtual environment running the tests: `make` uses its tools and never reinstalls.
VENV = Path(sys.executable).parent.parent


def zensical_project(target: Path) -> Path:
    """A copy of the project with what `make zensical` reads."""
    project = copy_project(REPO, target)
    for name in ("Makefile", "zensical.toml"):
        shutil.copy2(REPO / name, project / name)
    return project


def make_zensical(project: Path) -> Path:
    """Run `make zensical` in `project`; return the built site."""
    result = subprocess.run(
        ["make", "--no-print-directory", *installed(VENV), f"VENV={VENV}",
         "zensical"],
        cwd=project, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "site-zensical"
