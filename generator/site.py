"""Build the site into a staging folder and publish it atomically; run the live preview."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from .atomic import publish_folder, staging_folder
from .cache import prefetch
from .errors import BuildError

__all__ = ["build_site", "serve_site"]


def build_site(config_file: Path, site_dir: Path, log: TextIO) -> None:
    """Validate and build into a temporary folder, then swap it in for `site_dir`.

    On any failure the previous `site_dir` is left exactly as it was.
    """
    # Validation of the usual layout (api.yaml and docs/ beside mkdocs.yml) runs in a
    # child process while MkDocs loads; the plugin then finds its result in the cache.
    prefetch(config_file.parent / "api.yaml", config_file.parent / "docs")
    # Imported here: the plugin module is the one place that imports MkDocs.
    from .plugin import build_strict

    site_dir = site_dir.resolve()
    staging = staging_folder(site_dir, ".site-new-")
    try:
        build_strict(config_file, staging, log)
        publish_folder(staging, site_dir)
    except BuildError as err:
        raise BuildError(f"{err}\n{site_dir.name}/ was left unchanged") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str | None, *, full: bool = False) -> int:
    """Live preview until interrupted; returns mkdocs' exit status."""
    args = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config_file),
            "--livereload"]
    if dev_addr:
        args += ["--dev-addr", dev_addr]
    env = {**os.environ, "GUIDES_FULL_SITE": "true" if full else "false",
           "NO_MKDOCS_2_WARNING": "1"}
    try:
        return subprocess.call(args, env=env)
    except KeyboardInterrupt:
        return 0
