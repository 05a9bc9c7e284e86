"""The guides as the site is built from them: api.yaml validated, its pages rendered, the
hand-written pages read: the generated pages first, in the order of `paths.PAGES`."""

from __future__ import annotations

from pathlib import Path

from ..build import checked_pages, every_page
from ..render import render_field_reference
from .knowledge import Guides

__all__ = ["load_guides"]


def load_guides(spec_path: Path, docs_dir: Path | None = None) -> Guides:
    """Validate `spec_path` (raising `SpecError` as the build does) and gather every page."""
    project, pages = checked_pages(spec_path, docs_dir)
    return Guides(project, every_page(pages, docs_dir, render_field_reference()))
