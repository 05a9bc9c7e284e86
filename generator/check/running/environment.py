"""The environment every sample run starts from, whatever its language and example."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["snippet_environment"]


def snippet_environment() -> dict[str, str]:
    """The variables every sample run gets that are the same from check to check.

    Inside a virtual environment, its `bin` comes first, as activating it does: the
    `python3` a sample runs with is the one whose libraries (httpx) are installed here.
    """
    path = os.environ.get("PATH", "/usr/bin:/bin")
    if sys.prefix != sys.base_prefix:
        own = str(Path(sys.executable).parent)
        path = os.pathsep.join([own, *(p for p in path.split(os.pathsep) if p != own)])
    return {"PATH": path, "LANG": "C.UTF-8"}
