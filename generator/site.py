"""Run the site generator as a child process and publish its output atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from .errors import BuildError
from .pipeline import validate

__all__ = ["build_site", "serve_site"]


def _mkdocs(*args: str) -> list[str]:
    # A child process keeps mkdocs out of this package's imports (see DESIGN: only the
    # plugin imports it), so another site generator can replace it.
    return [sys.executable, "-m", "mkdocs", *args]


def build_site(spec_path: Path, config_file: Path, docs_dir: Path, site_dir: Path,
               log: TextIO) -> None:
    """Validate, then build into a temporary folder and swap it in for `site_dir`.

    On any failure the previous `site_dir` is left exactly as it was.
    """
    validate(spec_path, docs_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            _mkdocs("build", "--strict", "--config-file", str(config_file),
                    "--site-dir", str(staging)),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        log.write(result.stdout)
        if result.returncode != 0:
            raise BuildError(f"mkdocs build --strict failed (exit {result.returncode}); "
                             f"{site_dir.name}/ was left unchanged")
        _swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, site_dir: Path) -> None:
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        site_dir.rename(retired / "site")
    staging.rename(site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str | None) -> int:
    """Live preview until interrupted; returns mkdocs' exit status."""
    args = _mkdocs("serve", "--config-file", str(config_file), "--livereload")
    if dev_addr:
        args += ["--dev-addr", dev_addr]
    try:
        return subprocess.call(args)
    except KeyboardInterrupt:
        return 0
