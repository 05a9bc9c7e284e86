"""The cache of validated pages: reused only when no input changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import SpecError, validate
from generator.cache import CACHE_FILE, validate_cached


def test_cached_result_equals_a_fresh_validation(project: Path) -> None:
    spec = project / "api.yaml"
    first = validate_cached(spec, project / "docs")
    assert (project / CACHE_FILE).is_file()
    again = validate_cached(spec, project / "docs")
    fresh_project, fresh_pages = validate(spec, project / "docs")
    assert first == again
    assert again.pages == fresh_pages
    assert again.digest == fresh_project.digest


@pytest.mark.parametrize("changed", ["api.yaml", "snippets/invalid-token/node.mjs",
                                     "docs/editing-the-guides.md"])
def test_any_input_change_invalidates(project: Path, changed: str) -> None:
    spec = project / "api.yaml"
    before = validate_cached(spec, project / "docs")
    path = project / changed
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Key not found", "Unknown key").replace("// ", "// Note: ", 1).replace(
        "# Editing the guides", "# Editing these guides"), encoding="utf-8")
    after = validate_cached(spec, project / "docs")
    assert after.pages == validate(spec, project / "docs")[1]
    if changed != "docs/editing-the-guides.md":
        assert after.pages != before.pages


def test_an_invalid_spec_is_never_served_from_the_cache(project: Path) -> None:
    spec = project / "api.yaml"
    validate_cached(spec, project / "docs")
    spec.write_text(spec.read_text(encoding="utf-8").replace("status: 403", "status: 99"),
                    encoding="utf-8")
    with pytest.raises(SpecError, match=r"errors\[5\]\.status"):
        validate_cached(spec, project / "docs")


def test_a_corrupt_cache_file_is_ignored(project: Path) -> None:
    cache = project / CACHE_FILE
    cache.parent.mkdir(parents=True)
    cache.write_text("{not json", encoding="utf-8")
    rendered = validate_cached(project / "api.yaml", project / "docs")
    assert rendered.pages == validate(project / "api.yaml", project / "docs")[1]
