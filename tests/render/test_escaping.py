"""Text from api.yaml is text: raw HTML in it must not reach the page as markup."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import markdown
import pytest
from markupsafe import Markup

from generator.render import _ENV
from generator.render.inert_markdown import escape_text, fence, markdown_cell, table_cell
from tests.conftest import PAGES_ONLY, run_guides

HOSTILE = "Bad <script>alert('owned')</script> & <b>bold</b>."


def test_escape_text_neutralises_html_but_keeps_code_spans() -> None:
    assert escape_text("a <b> & `<key>` c") == "a &lt;b&gt; &amp; `<key>` c"
    assert escape_text(Markup("<em>kept</em>")) == "<em>kept</em>"


def test_table_cell_escapes_pipes_and_newlines() -> None:
    assert table_cell("a | b\nc") == "a &#124; b c"


def test_markdown_cell_keeps_inert_markdown_and_flattens_it() -> None:
    assert markdown_cell("[a](b.md#c) &amp; d|e\nf") == "[a](b.md#c) &amp; d\\|e f"


def test_helpers_reach_templates_marked_safe_so_their_markdown_is_not_escaped_again() -> None:
    rendered = _ENV.from_string("{{ text | fence('sh') }} {{ text | code }} {{ text | cell }}")
    assert rendered.render(text="a<b") == "```sh\na<b\n``` `a<b` a&lt;b"


def test_fence_outgrows_backticks_in_the_code() -> None:
    assert fence("say ```hi```", "sh") == "````sh\nsay ```hi```\n````"


def test_an_indented_fence_indents_every_line_but_the_empty_ones() -> None:
    assert fence("a\n\n  b\n \n\nc\n", "sh", indent=4) == (
        "    ```sh\n    a\n\n      b\n     \n\n    c\n    ```")


@pytest.mark.parametrize("text", [
    HOSTILE,
    "Click [here](javascript:alert(1)).",
    "Click [here](JaVaScRiPt:alert(1)) or [there]( data:text/html,x).",
    "Heading text {: onclick=\"alert(1)\" }",
    "Para {onclick=alert(1)}",
    "Look ![x](https://tracker.example/pixel.png) here.",
    "[ref]: javascript:alert(1)\n\nUse [ref].",
    # Character references a browser decodes in the href Markdown writes.
    "[a](javascript&#58;window.x=2)",
    "[x](&#106;avascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](javascript&amp;#58;alert(1))",
])
def test_what_validation_refuses_is_inert_when_rendered(text: str) -> None:
    html = markdown.markdown(str(escape_text(text)), extensions=["attr_list"]).lower()
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert not re.search(r"<[^>]*\sonclick", html)
    hrefs = [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]
    assert not [href for href in hrefs
                if re.match(r"(javascript|data):", re.sub(r"[\x00-\x20]", "", href))]


def test_allowed_links_stay_links() -> None:
    html = markdown.markdown(str(escape_text(
        "See [the catalog](../error-catalog/#invalid_token) and [RFC 6750]"
        "(https://www.rfc-editor.org/rfc/rfc6750), `{: kept }`.")))
    assert '<a href="../error-catalog/#invalid_token">' in html
    assert '<a href="https://www.rfc-editor.org/rfc/rfc6750">' in html
    assert "<code>{: kept }</code>" in html


def test_hostile_message_is_refused_with_its_position(project: Path) -> None:
    spec = project / "api.yaml"
    original = "message: The provided API key is invalid or does not exist."
    text = spec.read_text(encoding="utf-8")
    assert original in text
    spec.write_text(text.replace(original, f'message: "{HOSTILE}"'), encoding="utf-8")

    result = run_guides("build", cwd=project)

    assert result.returncode == 2
    line = text[:text.index(original)].count("\n") + 1
    assert result.stderr.splitlines() == [
        f"error: api.yaml:{line}:14: raw HTML is not allowed here; write Markdown, or put code in "
        "`backticks` (at errors[1].message)"]
    assert "Traceback" not in result.stderr


def test_titles_and_descriptions_are_escaped_in_the_page_head(project: Path) -> None:
    spec = project / "api.yaml"
    text = spec.read_text(encoding="utf-8")
    title = 'Errors & "fixes" \'quoted\''
    text = text.replace("    title: Error Catalog\n", f"    title: {json.dumps(title)}\n")
    text = text.replace("    description: Every error code the Trust Leads API returns",
                        f"    description: {title[:-1]} Every error code the API returns")
    spec.write_text(text, encoding="utf-8")

    result = run_guides("build", cwd=project, env=PAGES_ONLY)

    assert result.returncode == 0, result.stderr
    html = (project / "site" / "error-catalog" / "index.html").read_text(encoding="utf-8")
    escaped = "Errors &amp; &#34;fixes&#34; &#39;quoted"
    assert f"<title>{escaped}&#39; - " in html
    assert f'<meta name="description" content="{escaped} Every error code' in html
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert escaped in home and 'Errors & "fixes"' not in home
