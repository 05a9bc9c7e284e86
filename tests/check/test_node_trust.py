"""The folder that holds Node's trust for OpenSSL holds exactly Node's roots, each found."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.check.node_trust import node_environment, write_node_roots


def test_the_folder_holds_node_s_bundled_roots_each_found_by_openssl(tmp_path: Path) -> None:
    roots = tmp_path / "roots"
    assert write_node_roots(roots, 0)
    listed = subprocess.run(
        ["node", "-e", "console.log(JSON.stringify(require('tls').rootCertificates))"],
        capture_output=True, check=True, text=True).stdout
    pems = sorted(roots.glob("root-*.pem"))
    assert {path.read_text(encoding="ascii") for path in pems} == set(json.loads(listed))
    # Each root verifies only if OpenSSL's lookup by issuer finds it in the folder.
    verified = subprocess.run(
        ["openssl", "verify", "-no-CAfile", "-no_check_time", "-CApath", str(roots),
         *map(str, pems)], capture_output=True, text=True, check=False)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.count(": OK\n") == len(pems)


def test_without_openssl_there_is_no_folder_to_rely_on(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    node = shutil.which("node")
    assert node is not None
    (tmp_path / "node").symlink_to(node)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not write_node_roots(tmp_path / "roots", 0)


def test_a_node_run_trusts_its_extra_authority_and_node_s_roots(tmp_path: Path) -> None:
    given = {"PATH": "/bin", "NODE_EXTRA_CA_CERTS": "/ca.pem"}
    assert node_environment(given, tmp_path) == {
        **given, "SSL_CERT_FILE": "/ca.pem", "SSL_CERT_DIR": str(tmp_path)}
    assert node_environment({"PATH": "/bin"}, tmp_path)["SSL_CERT_FILE"] == os.devnull
