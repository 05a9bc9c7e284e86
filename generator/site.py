"""Build the site into a staging folder and publish it atomically; run the live preview."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TextIO

from .atomic import publish_folder, staging_folder
from .errors import BuildError
from .settings import FULL_SITE_VARIABLE
from .signals import sigterm_as_interrupt
from .site_inputs import check_site_inputs

__all__ = ["build_site", "serve_site"]


def build_site(config_file: Path, site_dir: Path, log: TextIO) -> None:
    """Validate and build into a temporary folder, then swap it in for `site_dir`.

    On any failure the previous `site_dir` is left exactly as it was.
    """
    # Imported here: the plugin module is the one place that imports MkDocs.
    from .plugin import build_strict

    # Before anything is read for the pages or written: only the repository is published.
    check_site_inputs(config_file)
    site_dir = site_dir.resolve()
    staging = staging_folder(site_dir, ".site-new-")
    try:
        build_strict(config_file, staging, log)
        publish_folder(staging, site_dir)
    except BuildError as err:
        raise BuildError(f"{err}\n{site_dir.name}/ was left unchanged") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str | None, *, full: bool = False,
               poll: bool = False) -> None:
    """Live preview until interrupted."""
    from .plugin import serve_preview

    # The setting is read by mkdocs.yml itself, when the preview loads it for each rebuild.
    os.environ[FULL_SITE_VARIABLE] = "true" if full else "false"
    with sigterm_as_interrupt():
        serve_preview(config_file, dev_addr, poll=poll)
