"""Text from api.yaml is text: raw HTML in it must not reach the page as markup."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from generator.render.markdown import escape_text, fence, table_cell
from tests.conftest import run_guides
from tests.html import main_text

HOSTILE = "Bad <script>alert('owned')</script> & <b>bold</b>."


def test_escape_text_neutralises_html_but_keeps_code_spans() -> None:
    assert escape_text("a <b> & `<key>` c") == "a &lt;b&gt; &amp; `<key>` c"
    assert escape_text(Markup("<em>kept</em>")) == "<em>kept</em>"


def test_table_cell_escapes_pipes_and_newlines() -> None:
    assert table_cell("a | b\nc") == "a \\| b c"


def test_fence_outgrows_backticks_in_the_code() -> None:
    assert fence("say ```hi```", "sh") == "````sh\nsay ```hi```\n````"


def test_hostile_message_shows_as_text_in_the_built_site(project: Path) -> None:
    spec = project / "api.yaml"
    original = "message: The provided API key is invalid or does not exist."
    text = spec.read_text(encoding="utf-8")
    assert original in text
    spec.write_text(text.replace(original, f'message: "{HOSTILE}"'), encoding="utf-8")

    result = run_guides("build", cwd=project)

    assert result.returncode == 0, result.stderr
    for page in ("api-authentication", "error-catalog"):
        html = (project / "site" / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<b>bold</b>" not in html
        assert HOSTILE in main_text(project / "site" / page / "index.html")
