"""`--base-url`: proving the docs against a sandbox that runs elsewhere (`drifted_api`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import QUICK_LANGUAGES, REPO, installed, language_options


def check_remote(project: Path, api: dict[str, str], *args: str,
                 languages: Iterable[str] = QUICK_LANGUAGES) -> subprocess.CompletedProcess[str]:
    """`guides check --base-url … ARGS` against `api` (a `drifted_api`), as a user runs it,
    in `languages`."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env |= {k: v for k, v in api.items() if k.startswith("GUIDES_")}
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--base-url", api["base_url"],
         "--http-url", api["http_url"], "--ca-file", api["ca_file"], *language_options(languages),
         *args],
        cwd=project, capture_output=True, text=True, timeout=600, check=False, env=env)


def test_a_drifted_api_fails_the_check(project: Path, drifted_api: dict[str, str]) -> None:
    # The whole check against it is `make check-staging`'s test, below. One language: the
    # drift is in the API's answer, which the check judges alike whichever sample asked.
    result = check_remote(project, drifted_api, "revoked-token", "invalid-token",
                          languages=["curl"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL revoked-token [curl]" in result.stdout
    assert "got 'The provided API key is revoked.'" in result.stdout
    assert "FAIL invalid-token" not in result.stdout
    assert "lfk_sk_" not in result.stdout


def test_remote_credentials_must_be_given(project: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDES_SANDBOX_")}
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--base-url", "https://127.0.0.1:9/v1"],
        cwd=project, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert result.returncode == 2
    assert "GUIDES_SANDBOX_PRO_KEY" in result.stderr


def test_make_check_staging_proves_the_docs_without_writing_or_leaking(
        drifted_api: dict[str, str], tmp_path: Path) -> None:
    before = (REPO / "api.yaml").read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env |= {k: v for k, v in drifted_api.items() if k.startswith("GUIDES_")}
    env |= {"GUIDES_STAGING_URL": drifted_api["base_url"],
            "GUIDES_STAGING_HTTP_URL": drifted_api["http_url"],
            "GUIDES_STAGING_CA_FILE": drifted_api["ca_file"]}
    report = tmp_path / "staging-report.xml"
    # A language group of the staging job, as small as one may be: what is proven here is
    # make's (the variables it passes, no write, no leak). The whole check of the quick
    # languages against a remote API is the trial's (tests/trial/test_trial.py); the others
    # are proven against the sandbox. The checkout's .venv is installed already: make must
    # not reinstall it.
    result = subprocess.run(["make", "-s", *installed(), "check-staging",
                             "STAGING_LANGUAGES=curl",
                             f"STAGING_REPORT={report}"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode != 0, result.stdout
    assert "FAIL revoked-token [curl]" in result.stdout
    assert "[java]" not in result.stdout, result.stdout
    everything = result.stdout + result.stderr + report.read_text(encoding="utf-8")
    assert "lfk_sk_" not in everything and "eyJ" not in everything
    assert (REPO / "api.yaml").read_bytes() == before


@pytest.mark.e2e
def test_make_check_staging_without_a_url_says_what_to_set() -> None:
    env = {k: v for k, v in os.environ.items() if k != "GUIDES_STAGING_URL"}
    result = subprocess.run(["make", "-s", *installed(), "check-staging"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode != 0
    assert "set GUIDES_STAGING_URL and the GUIDES_SANDBOX_* credentials" in result.stderr


@pytest.mark.e2e  # make
def test_make_check_staging_passes_every_language_of_its_group() -> None:
    """The staging job's groups name several languages each; make gives the check each of
    them (the whole run above takes one language, to stay quick). What make would run,
    printed without running it."""
    result = subprocess.run(
        ["make", "-n", "-s", *installed(), "check-staging", "STAGING_LANGUAGES=curl python node"],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "GUIDES_STAGING_URL": "https://staging.trustleads.example/v1"})
    assert result.returncode == 0, result.stderr
    assert "--language curl --language python --language node" in result.stdout, result.stdout
