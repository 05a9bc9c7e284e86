"""The guides as the site is built from them: api.yaml validated, its pages rendered, the
hand-written pages read, in the order of the site's navigation."""

from __future__ import annotations

from pathlib import Path

from ..build import (
    FIELD_REFERENCE_MARKER,
    checked_pages,
    hand_written_pages,
    with_field_reference,
)
from ..render import render_field_reference
from .knowledge import Guides

__all__ = ["load_guides"]


def load_guides(spec_path: Path, docs_dir: Path | None = None) -> Guides:
    """Validate `spec_path` (raising `SpecError` as the build does) and gather every page."""
    project, pages = checked_pages(spec_path, docs_dir)
    every = dict(pages)
    reference = ""
    for name in hand_written_pages(docs_dir):
        text = Path(docs_dir or ".", name).read_text(encoding="utf-8")
        if FIELD_REFERENCE_MARKER in text:
            reference = reference or render_field_reference()
            text = with_field_reference(text, reference)
        every[name] = text
    return Guides(project, every)
