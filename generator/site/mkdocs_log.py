"""What the build and the preview share: MkDocs' log on a stream, and a broken template
reported in one line (and, in a preview, on a page of its own)."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from jinja2 import TemplateSyntaxError
from markupsafe import escape

from ..errors import GuidesError

__all__ = ["error_page", "mkdocs_log", "report_error", "template_error"]

_LOG_FORMAT = "%(levelname)-7s -  %(message)s"


@contextlib.contextmanager
def mkdocs_log(stream: TextIO) -> Iterator[None]:
    """MkDocs' messages of level INFO and above to `stream`, as its own command shows them."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    logger = logging.getLogger("mkdocs")
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def report_error(error: GuidesError) -> None:
    """`error` on standard error as MkDocs' log shows one, from a preview that keeps running."""
    sys.stderr.write(_LOG_FORMAT % {"levelname": "ERROR", "message": error} + "\n")


def error_page(error: GuidesError) -> str:
    """A page without the theme, which is what cannot be rendered."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>A template has an error</title></head><body><main>"
            "<h1>A template has an error</h1><p>The guides cannot be built until it is fixed; "
            "this page comes back by itself once the file is valid.</p>"
            f"<pre>{escape(str(error))}</pre></main></body></html>\n")


def template_error(err: TemplateSyntaxError, config_file: Path) -> GuidesError:
    """A theme override (overrides/…) an editor broke: where, and what, in one line."""
    root = config_file.resolve().parent
    where = Path(err.filename or err.name or "template")
    if where.is_absolute() and where.is_relative_to(root):
        where = where.relative_to(root)
    return GuidesError(f"{where}:{err.lineno}: template syntax error: {err.message}")
