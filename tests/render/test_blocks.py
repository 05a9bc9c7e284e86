"""The example blocks built in Python: api.yaml's text escaped once, code and JSON verbatim."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from generator.render.blocks import (
    ExampleBlocks,
    edit_link,
    response_block,
    sample_tabs,
    try_it_marker,
)
from generator.render.try_it import try_it_attribute
from generator.spec import LANGUAGES, Snippet, load_project
from generator.spec.matchers import matcher_from_tag

TEXT = "a < b & \"c\" 'd' {e"
"""Text with every character escaping may touch; none of it raw HTML, which api.yaml refuses."""
ESCAPED = "a &lt; b &amp; \"c\" 'd' {e"
CODE = "if a < b && s == \"<b>\":\n    print('`x`')\n"


def test_edit_link_escapes_the_address_and_is_empty_without_one() -> None:
    assert edit_link("https://example.com/a?b=1&c=<2>") == (
        "[Edit in api.yaml](https://example.com/a?b=1&amp;c=&lt;2&gt;)"
        "{ .guides-source data-search-exclude }\n")
    assert edit_link(None) == ""
    assert isinstance(edit_link(None), Markup)


def test_sample_tabs_show_every_language_verbatim_and_indented() -> None:
    snippets = {language: Snippet(f"{language}.txt", CODE) for language in LANGUAGES}

    tabs = sample_tabs(snippets)

    indented = "    if a < b && s == \"<b>\":\n        print('`x`')\n"
    for language in LANGUAGES.values():
        assert f'=== "{language.label}"\n\n    ```{{.{language.highlight} ' \
               f'data-search-exclude=""}}\n{indented}    ```\n\n' in tabs
    assert tabs.count("=== ") == len(LANGUAGES)


def test_response_block_escapes_text_but_not_code_or_json() -> None:
    block = response_block(
        429, {"retry-after": "<seconds> & more", "x-id": matcher_from_tag("!regex", "^a&b$")},
        {"message": TEXT}, {"on": TEXT, "against": "sandbox <1.0> {: x}"})

    assert block == (
        "Response: **429 Too Many Requests**\n"
        "\n| Header | Value |\n|--------|-------|\n"
        "| `retry-after` | `<seconds> & more` |\n"
        f"| `x-id` | `{matcher_from_tag('!regex', '^a&b$').placeholder()}` |\n"
        '\n```json\n{\n  "message": "a < b & \\"c\\" \'d\' {e"\n}\n```\n'
        f"\nVerified on {ESCAPED} against sandbox &lt;1.0&gt; &#123;: x}}: `guides check` ran the "
        "samples above and recorded this answer.{ .guides-verified }\n")


def test_response_block_without_headers_body_or_recording_is_the_status_alone() -> None:
    assert response_block(204, {}, None) == "Response: **204 No Content**\n"


def test_try_it_marker_keeps_the_attribute_escaped_and_is_empty_without_a_request() -> None:
    request = Markup('{&#34;path&#34;: &#34;/a?b&amp;c&#34;}')
    assert try_it_marker(request) == (
        '<div class="guides-try" data-request="{&#34;path&#34;: &#34;/a?b&amp;c&#34;}" '
        "hidden></div>\n")
    assert try_it_marker(Markup("")) == ""


def test_an_example_block_escapes_its_title_and_description(project: Path) -> None:
    spec_path = project / "api.yaml"
    text = spec_path.read_text(encoding="utf-8")
    original = "    title: Key not found\n"
    assert original in text
    spec_path.write_text(text.replace(
        original, f"    title: '{TEXT.replace(chr(39), chr(39) * 2)}'\n"
                  f"    description: '{TEXT.replace(chr(39), chr(39) * 2)}'\n"),
        encoding="utf-8")
    loaded = load_project(spec_path)
    example = next(e for e in loaded.spec.examples if e.id == "invalid-token")

    block = ExampleBlocks(loaded).block(example, 3)

    assert block.startswith(f"### {ESCAPED} {{ #example-invalid-token }}\n\n{ESCAPED}\n\n"
                            "[Edit in api.yaml](")
    assert try_it_marker(try_it_attribute(loaded.spec, example)) in block
