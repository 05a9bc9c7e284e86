"""Everything besides api.yaml and a snippet's text that can change the verdict of its run.

Standard library only: the replay of a green check computes it before any heavy import.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..fingerprint import PACKAGE, digest_files, files_under, tool_identity
from .options import CheckOptions
from .target import SANDBOX_SETTINGS

__all__ = ["snippet_environment", "verdict_inputs"]


def snippet_environment() -> dict[str, str]:
    """The variables every snippet run gets that are the same from check to check."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}


def verdict_inputs(options: CheckOptions, package: Path = PACKAGE) -> str:
    """The mode flags, the code under `package` (runners, launchers, the sandbox and the
    command that starts it), the sandbox's settings, the tools' and libraries' versions, and
    the snippets' environment."""
    return "\n".join([
        options.cache_key(), " ".join(SANDBOX_SETTINGS),
        digest_files(files_under(package, ".py")), tool_identity(),
        json.dumps(snippet_environment(), sort_keys=True)])
