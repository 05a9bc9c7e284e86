"""The plugin under a plain ``mkdocs build``: it validates api.yaml itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.build import FIELD_REFERENCE_MARKER


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", "plain-site"], cwd=project,
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDES_FULL_SITE": "false"})


def test_mkdocs_build_renders_the_generated_pages(project: Path) -> None:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = project / "plain-site" / "api-authentication" / "index.html"
    assert "API Authentication Reference" in page.read_text(encoding="utf-8")


def test_mkdocs_build_reports_an_invalid_api_yaml_with_its_position(project: Path) -> None:
    spec = project / "api.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("    status: 403", "    status: 99"),
                    encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "ERROR   -  api.yaml:" in result.stderr
    assert "(at errors[5].status)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "plain-site").exists()


def test_mkdocs_build_puts_the_field_reference_in_its_page(project: Path) -> None:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "plain-site" / "editing-the-guides" / "index.html").read_text(
        encoding="utf-8")
    assert '<dt id="errors.status">' in html
    assert FIELD_REFERENCE_MARKER not in html
