"""When a page last changed: the date of the newest commit that touched its sources."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["last_changed"]


def last_changed(root: Path, sources: list[Path]) -> str | None:
    """``YYYY-MM-DD`` of the last commit touching `sources`, or None outside a git checkout
    (or before their first commit)."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *(str(p) for p in sources)],
            cwd=root, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    date = done.stdout.strip()
    return date if done.returncode == 0 and date else None
