"""The generated Markdown of the real api.yaml, compared with committed golden files.

Regenerate them with ``make golden`` after an intended change, and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.languages import LANGUAGES
from generator.model import load_project
from generator.paths import PAGES
from generator.render import render_pages
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(load_project(REPO / "api.yaml"))


@pytest.mark.parametrize("page", sorted(PAGES))
def test_rendered_page_matches_golden(page: str, pages: dict[str, str],
                                      update_golden: bool) -> None:
    golden = GOLDEN / page
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert golden.exists(), f"no golden file for {page}: run `make golden`"
    assert pages[page] == golden.read_text(encoding="utf-8"), (
        f"{page} changed; if intended, run `make golden` and review the diff")


def test_render_is_pure(pages: dict[str, str]) -> None:
    assert render_pages(load_project(REPO / "api.yaml")) == pages


def test_every_snippet_is_shown_verbatim(pages: dict[str, str]) -> None:
    shown = "\n".join(pages.values())
    samples = {language.filename for language in LANGUAGES.values()}
    for path in sorted(p for p in (REPO / "snippets").rglob("*.*") if p.name in samples):
        text = path.read_text(encoding="utf-8")
        indented = "\n".join(("    " + line) if line else "" for line in text.splitlines())
        assert indented in shown, f"{path.relative_to(REPO)} is not shown verbatim"
