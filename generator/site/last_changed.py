"""When a page last changed: the date of the newest commit that touched its sources."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["LastChanged"]


def _last_changed(root: Path, sources: list[Path]) -> str | None:
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


class LastChanged:
    """`_last_changed` for one build: git is asked once per set of sources (the generated
    pages share theirs)."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._dates: dict[tuple[Path, ...], str | None] = {}

    def of(self, sources: tuple[Path, ...]) -> str | None:
        if sources not in self._dates:
            self._dates[sources] = _last_changed(self._root, list(sources))
        return self._dates[sources]
