"""Whether we run under continuous integration, as every CI service announces it."""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["in_ci", "on_github_actions"]

_YES = {"true", "1", "yes"}


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """True when ``CI`` is true, 1 or yes (in any case), or GitHub Actions is running."""
    env = os.environ if environ is None else environ
    return any(env.get(name, "").strip().lower() in _YES for name in ("CI", "GITHUB_ACTIONS"))


def on_github_actions(environ: Mapping[str, str] | None = None) -> bool:
    """True on GitHub Actions (which sets ``GITHUB_ACTIONS=true``), where annotations
    (``::error file=…``) in the output mark the lines they name."""
    env = os.environ if environ is None else environ
    return env.get("GITHUB_ACTIONS") == "true"
