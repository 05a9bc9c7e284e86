"""The site's content from api.yaml: validated once per state of its inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import (
    FIELD_REFERENCE_MARKER,
    checked_pages,
    error_content,
    site_content,
    with_field_reference,
)
from generator.cache import CACHE_DIR
from generator.errors import GuidesError, SpecError
from generator.render import render_field_reference


def test_cached_content_equals_a_fresh_validation(project: Path) -> None:
    spec = project / "api.yaml"
    first = site_content(spec, project / "docs")
    assert list((project / CACHE_DIR / "pages").glob("*.json"))
    again = site_content(spec, project / "docs")
    fresh_project, fresh_pages = checked_pages(spec, project / "docs")
    assert first == again
    assert again.pages == fresh_pages
    assert again.digest == fresh_project.digest
    assert again.field_reference == render_field_reference()


@pytest.mark.parametrize("changed", ["api.yaml", "snippets/invalid-token/node.mjs",
                                     "docs/editing-the-guides.md"])
def test_any_input_change_invalidates(project: Path, changed: str) -> None:
    spec = project / "api.yaml"
    before = site_content(spec, project / "docs")
    path = project / changed
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Key not found", "Unknown key").replace("// ", "// Note: ", 1).replace(
        "# Editing the guides", "# Editing these guides"), encoding="utf-8")
    after = site_content(spec, project / "docs")
    assert after.pages == checked_pages(spec, project / "docs")[1]
    if changed != "docs/editing-the-guides.md":
        assert after.pages != before.pages


def test_a_library_upgrade_invalidates(project: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """pydantic, Jinja2 or Markdown of another version can render other pages."""
    records = project / CACHE_DIR / "pages"
    site_content(project / "api.yaml", project / "docs")
    libraries = tmp_path / "site-packages"
    (libraries / "jinja2-99.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(libraries))
    site_content(project / "api.yaml", project / "docs")
    site_content(project / "api.yaml", project / "docs")
    assert len(list(records.glob("*.json"))) == 2
    (libraries / "jinja2-99.0.dist-info").rename(libraries / "jinja2-99.1.dist-info")
    site_content(project / "api.yaml", project / "docs")
    assert len(list(records.glob("*.json"))) == 3


def test_an_invalid_spec_is_never_served_from_the_cache(project: Path) -> None:
    spec = project / "api.yaml"
    site_content(spec, project / "docs")
    spec.write_text(spec.read_text(encoding="utf-8").replace("status: 403", "status: 99"),
                    encoding="utf-8")
    with pytest.raises(SpecError, match=r"errors\[5\]\.status"):
        site_content(spec, project / "docs")


def test_a_corrupt_record_is_ignored(project: Path) -> None:
    site_content(project / "api.yaml", project / "docs")
    (record,) = (project / CACHE_DIR / "pages").glob("*.json")
    record.write_text("{not json", encoding="utf-8")
    content = site_content(project / "api.yaml", project / "docs")
    assert content.pages == checked_pages(project / "api.yaml", project / "docs")[1]


def test_the_field_reference_takes_the_place_of_its_marker_line() -> None:
    page = f"# Editing\n\nIntro.\n\n  {FIELD_REFERENCE_MARKER}\n\nAfter.\n"
    assert with_field_reference(page, "### `Spec`\n") == \
        "# Editing\n\nIntro.\n\n### `Spec`\n\nAfter.\n"
    unmarked = f"Mentions {FIELD_REFERENCE_MARKER} within a line.\n"
    assert with_field_reference(unmarked, "### `Spec`\n") == unmarked


def test_the_field_reference_stays_while_api_yaml_has_an_error() -> None:
    assert error_content(GuidesError("api.yaml:1: bad")).field_reference == \
        render_field_reference()
