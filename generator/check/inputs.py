"""Everything besides api.yaml and a snippet's text that can change the verdict of its run.

Standard library only: the replay of a green check computes it before any heavy import.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..cache import PACKAGE, content_key, files_under, installed_distributions
from .options import CheckOptions
from .target import SANDBOX_SETTINGS

__all__ = ["snippet_environment", "tool_identity", "verdict_inputs"]


def snippet_environment() -> dict[str, str]:
    """The variables every snippet run gets that are the same from check to check."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}


def verdict_inputs(options: CheckOptions, package: Path = PACKAGE) -> str:
    """The mode flags, the code under `package` (runners, launchers, the sandbox and the
    command that starts it), the sandbox's settings, the tools' and libraries' versions, and
    the snippets' environment."""
    return "\n".join([
        options.cache_key(), " ".join(SANDBOX_SETTINGS),
        content_key(code=files_under(package, ".py")), tool_identity(),
        json.dumps(snippet_environment(), sort_keys=True)])


def tool_identity() -> str:
    """Which sh, curl, node, Python and libraries run the snippets and the sandbox.

    Asked of the tools themselves (``curl --version``, ``node --version``), not read off
    their files' size and time: a version manager's shim stays the same file while the tool
    behind it changes. sh has no version flag, so its bytes count; installed Python
    distributions count by their ``name-version.dist-info`` folders.
    """
    asked = {name: _start([name, "--version"]) for name in ("curl", "node")}
    parts = [sys.version, os.path.realpath(sys.executable), *installed_distributions()]
    sh = shutil.which("sh")
    parts.append(content_key(sh=Path(sh)) if sh else "sh: not found")
    for name, process in asked.items():
        if process is None:
            parts.append(f"{name}: not found")
        else:
            output, _ = process.communicate()
            parts.append(f"{name}: {process.returncode} {output.decode(errors='replace')}")
    return "|".join(parts)


def _start(command: list[str]) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    except OSError:
        return None
