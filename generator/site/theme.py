"""What the build does for Material's templates: compiles them once into the project's
cache, and escapes the page fields the theme writes without escaping."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from markupsafe import escape

from ..cache import CACHE_DIR

__all__ = ["compiled_templates", "escape_title_and_description"]


def compiled_templates(root: Path) -> BytecodeCache | None:
    """Jinja's own cache of compiled templates, beside the project's other caches."""
    folder = root / CACHE_DIR / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # templates are then compiled on every build, as MkDocs does
    return FileSystemBytecodeCache(str(folder))


def escape_title_and_description(meta: MutableMapping[str, Any]) -> None:
    """The theme writes a page's title and description into <title>, the navigation and
    <meta content="…"> without escaping them; escaped here once, as Markup, they reach
    every one of those places as text (and templates that escape leave Markup alone)."""
    for name in ("title", "description"):
        value = meta.get(name)
        if isinstance(value, str):
            meta[name] = escape(value)
