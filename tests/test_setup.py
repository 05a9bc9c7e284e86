"""What `make test` sets up: Debian packages, installed when missing or named when it cannot;
and how it spreads the suite over its test processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.languages import LANGUAGES
from tests.conftest import REPO, installed

SCRIPT = REPO / "scripts" / "debian-packages"


def _as_someone_without_root(*args: str) -> subprocess.CompletedProcess[str]:
    # As root the script would install; an unprivileged user can only be told what to do.
    # The script goes in on stdin, from / : a clone may sit in a folder only its owner reads.
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] \
        if os.geteuid() == 0 else []
    return subprocess.run([*prefix, "sh", "-s", "--", *args], input=SCRIPT.read_text(),
                          capture_output=True, text=True, check=False, timeout=60, cwd="/")


def test_a_missing_package_is_named_in_one_line() -> None:
    result = _as_someone_without_root("no-such-package=/nonexistent/*/bin/tool",
                                      "sh=/bin/sh")
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("make test: install the Debian packages no-such-package "
                               "(sudo apt-get install no-such-package);")


def test_a_program_missing_from_path_names_its_package() -> None:
    result = _as_someone_without_root("no-such-runtime=no-such-program", "coreutils=ls")
    assert result.stderr.startswith("make test: install the Debian packages no-such-runtime "
                                    "(sudo apt-get install no-such-runtime);")


def test_nothing_is_said_when_everything_is_there() -> None:
    result = _as_someone_without_root("sh=/bin/sh", "coreutils=/usr/bin/ls*", "coreutils=ls")
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.e2e
def test_make_test_installs_every_sample_languages_runtime() -> None:
    # What `make test` would run, the venv taken as installed: the packages it asks for.
    dry_run = subprocess.run(["make", "-n", *installed(), "test"], cwd=REPO, capture_output=True,
                             text=True, check=True, timeout=60).stdout
    asked = next(line for line in dry_run.splitlines()
                 if line.startswith("scripts/debian-packages")).split()[1:]
    for language in LANGUAGES.values():
        assert f"{language.package}={language.runtime}" in asked
    assert {"chromium", "postgresql", "nginx"} <= {pair.split("=")[0] for pair in asked}


def _make_test_options() -> list[str]:
    """The options `make test` gives pytest, read from the recipe of its `suite`."""
    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\nsuite:", 1)[1]
    line = next(line for line in recipe.splitlines() if line.startswith("\t$(PYTEST)"))
    return line.split()[1:]


_PROBE = """
import os

import pytest


@pytest.fixture(scope="module")
def made() -> str:
    # Once per module and process: what a site built for a sandbox, or a browser, costs.
    with open(os.environ["PROBE_LOG"], "a") as log:
        log.write(f"{__name__} {os.environ['PYTEST_XDIST_WORKER']}\\n")
    return "made"


@pytest.mark.parametrize("n", range(6))
def test_uses_it(made: str, n: int) -> None:
    assert made == "made"
"""


@pytest.mark.e2e
def test_make_test_makes_a_modules_fixtures_once(tmp_path: Path) -> None:
    # xdist's loadgroup stopped grouping silently on pytest 9.2 (pytest-xdist#1386): the
    # distribution `make test` uses is held to what the suite's costs rely on.
    for name in ("test_first", "test_second"):
        (tmp_path / f"{name}.py").write_text(_PROBE, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    log = tmp_path / "made.log"
    # Only xdist of the plugins installed: each process starts in a fraction of the time.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "xdist.plugin",
         *_make_test_options()],
        # Five processes start beside the suite's own: on a loaded host that took minutes.
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "PROBE_LOG": str(log), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "12 passed" in result.stdout
    assert sorted(line.split()[0] for line in log.read_text().splitlines()) == [
        "test_first", "test_second"]
