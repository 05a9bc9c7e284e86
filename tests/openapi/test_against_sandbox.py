"""A third-party view of docs against API: Schemathesis explores a real `guides sandbox`
with the docs' OpenAPI document (not the sandbox's own), so any answer the docs do not
describe fails, naming the operation and the case."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.model import load_project
from generator.openapi import openapi_json
from generator.openapi.operations import paths
from tests.conftest import REPO, copy_project
from tests.sandbox.running import RunningSandbox, start_sandbox

#: Every check but one: the docs give request bodies by example only, so a body the docs'
#: schema allows may still be one the API rightly refuses (an empty `leads`, say).
EXCLUDED_CHECKS = "positive_data_acceptance"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    # No throttling: Schemathesis sends many requests without valid credentials.
    running = start_sandbox(tmp_path_factory.mktemp("sandbox") / "sandbox.log",
                            "--failed-auth-limit", "0")
    yield running
    assert running.stop() == 0


def schemathesis(document: Path, sandbox: RunningSandbox, cwd: Path,
                 *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("schemathesis")), "run", str(document),
         "--url", sandbox.base_url, "--tls-verify", sandbox.info["ca_file"],
         "--header", f"Authorization: Bearer {sandbox.keys['pro']}",
         "--checks", "all", "--exclude-checks", EXCLUDED_CHECKS,
         "--max-examples", "25", "--seed", "20261127", "--no-color", *options],
        capture_output=True, text=True, timeout=600, check=False, cwd=cwd)


def failures(output: str) -> str:
    """The failures section: each names the operation, the check and a curl to replay it."""
    start = output.find("FAILURES")
    return output[start:output.find("SUMMARY", start)] if start >= 0 else output[-4000:]


def test_the_sandbox_answers_as_the_docs_say(sandbox: RunningSandbox, tmp_path: Path) -> None:
    document = tmp_path / "openapi.json"
    loaded = load_project(REPO / "api.yaml")
    spec = loaded.spec
    document.write_text(openapi_json(spec, loaded.recordings), encoding="utf-8")
    result = schemathesis(document, sandbox, tmp_path)
    assert result.returncode == 0, failures(result.stdout) + result.stderr[-2000:]
    operations = sum(len(set(item) - {"parameters"})
                     for item in paths(spec, loaded.recordings).values())
    assert f"{operations} selected / {operations} total" in result.stdout


def test_a_docs_message_the_api_does_not_send_is_named(sandbox: RunningSandbox,
                                                      tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "project")
    spec_file = project / "api.yaml"
    spec_file.write_text(spec_file.read_text(encoding="utf-8").replace(
        "message: No resource exists at this path.",
        "message: There is nothing at this path."), encoding="utf-8")
    document = tmp_path / "openapi.json"
    loaded = load_project(spec_file)
    document.write_text(openapi_json(loaded.spec, loaded.recordings), encoding="utf-8")
    # The path whose not-found answer the docs now word otherwise.
    result = schemathesis(document, sandbox, tmp_path, "--include-path", "/jobs/{id}")
    assert result.returncode == 1
    report = failures(result.stdout)
    assert "GET /jobs/{id}" in report
    assert "Response violates schema" in report
    assert "No resource exists at this path." in report
    assert "curl -X GET" in report
