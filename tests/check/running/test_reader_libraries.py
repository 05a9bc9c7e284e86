"""The Python samples run where a reader runs them: beside the libraries "Run the samples"
names and what those require, and nothing else of the check's own environment."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.check.running.reader_libraries import reader_environment
from generator.errors import GuidesError
from generator.languages import LANGUAGES
from tests.check.test_drift import check, edit


def _imports(bin_folder: Path, module: str) -> bool:
    # From the environment's own folder, with no variable that adds to the module path.
    return subprocess.run([str(bin_folder / "python3"), "-c", f"import {module}"],
                          cwd=bin_folder, env={}, capture_output=True, check=False,
                          timeout=60).returncode == 0


def test_the_environment_holds_the_requirements_and_theirs_alone(tmp_path: Path) -> None:
    bin_folder = reader_environment(tmp_path / "env", LANGUAGES["python"].requirements)
    # httpx, and what httpx requires (h11 through httpcore), as `pip install httpx` gives.
    for module in ("httpx", "httpcore", "h11", "certifi", "idna", "anyio"):
        assert _imports(bin_folder, module), module
    # Installed beside the check, but not by that pip install: rich is only an extra of httpx.
    for module in ("rich", "pydantic", "yaml", "generator"):
        assert not _imports(bin_folder, module), module


def test_a_requirement_not_installed_is_named(tmp_path: Path) -> None:
    with pytest.raises(GuidesError, match="need no-such-library, which is not installed"):
        reader_environment(tmp_path / "env", ["no-such-library"])


def test_an_editable_install_is_refused_naming_it(tmp_path: Path) -> None:
    # The toolkit itself is installed editable here: its files are not in site-packages.
    with pytest.raises(GuidesError, match=r"trustleads-guides is installed .* editable"):
        reader_environment(tmp_path / "env", ["trustleads-guides"])


@pytest.mark.e2e
def test_a_sample_importing_what_readers_lack_fails_the_check(project: Path) -> None:
    # PyYAML is installed beside the check; a reader who followed the page has not got it.
    edit(project / "snippets" / "get-job" / "python.py", "import httpx",
         "import httpx\nimport yaml")
    failed = check(project, "get-job", languages=["python"])
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "FAIL get-job [python]" in failed.stdout
    assert "No module named 'yaml'" in failed.stdout
