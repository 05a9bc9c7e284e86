"""What `make test` sets up: Debian packages, installed when missing or named when it cannot."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import REPO

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


def test_nothing_is_said_when_everything_is_there() -> None:
    result = _as_someone_without_root("sh=/bin/sh", "coreutils=/usr/bin/ls*")
    assert (result.returncode, result.stderr) == (0, "")
