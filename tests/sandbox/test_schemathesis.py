"""Schemathesis explores the running sandbox from its own OpenAPI document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sandbox.running import RunningSandbox


def test_sandbox_conforms_to_its_openapi_document(sandbox: RunningSandbox,
                                                  tmp_path: Path) -> None:
    origin = sandbox.base_url.removesuffix("/v1")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("schemathesis")), "run",
         sandbox.base_url + "/openapi.json", "--url", origin,
         "--tls-verify", sandbox.info["ca_file"],
         "--header", f"Authorization: Bearer {sandbox.keys['pro']}",
         "--checks", "all", "--max-examples", "25", "--seed", "20261127",
         "--no-color"],
        capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
