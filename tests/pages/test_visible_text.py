"""No Markdown syntax in what the built pages show: every page, as `guides build` wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PAGES_ONLY, run_guides
from tests.page_text import MARKDOWN_LEFT, prose_lines


def markdown_left(site: Path) -> list[str]:
    """Each line of a page's text that still holds Markdown syntax, with its page."""
    return [f"{page.relative_to(site)}: {line[:160]!r}"
            for page in sorted(site.rglob("*.html"))
            for line in prose_lines(page.read_text(encoding="utf-8"))
            if MARKDOWN_LEFT.search(line)]


def test_no_page_shows_markdown_syntax(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) >= 7
    assert markdown_left(built_site) == []


def test_nor_with_the_sandbox_and_try_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The reader's test mode adds its own blocks (demo credentials per shell, Try it).
    monkeypatch.setenv("GUIDES_TRY_IT_URL", "https://sandbox.trustleads.example/v1")
    result = run_guides("build", cwd=project, env=PAGES_ONLY)
    assert result.returncode == 0, result.stderr
    assert markdown_left(project / "site") == []


@pytest.mark.parametrize("html", [
    "<p>Verified { .guides-verified }</p>",
    "<p>{: #anchor }</p>",
    "<li>See [the catalog](../error-catalog/)</li>",
    "<td>**401** Unauthorized</td>",
    "<p>__Note__</p>",
    "<p>Run `sh sample.sh`</p>",
    '<div>=== "curl"</div>',
    '<p>!!! warning "Keys"</p>',
    "<title>**Home** - Guides</title>",
])
def test_markdown_left_as_text_is_found(html: str) -> None:
    assert [line for line in prose_lines(html) if MARKDOWN_LEFT.search(line)]


def test_code_may_show_markdown() -> None:
    html = ('<p>Set <code>**kwargs</code> and</p><pre><code>=== "sh"\n{ .x }'
            "</code></pre><script>a = b ** 2</script><p>plain text</p>")
    assert prose_lines(html) == ["Set and", "plain text"]
