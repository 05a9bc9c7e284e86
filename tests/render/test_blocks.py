"""The blocks built in Python: api.yaml's text escaped once, code and JSON verbatim."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from generator.model import LANGUAGES, Project, Snippet, load_project
from generator.model.matchers import matcher_from_tag
from generator.model.models import Threshold
from generator.render.blocks import (
    PageBlocks,
    edit_link,
    response_block,
    sample_tabs,
    threshold_sentence,
    try_it_marker,
)
from generator.render.try_it import try_it_attribute
from tests.conftest import REPO, copy_project

TEXT = "A < b & \"c\" 'd' {e | f."
"""Text with every character escaping may touch; none of it raw HTML, which api.yaml refuses."""
ESCAPED = "A &lt; b &amp; &#34;c&#34; &#39;d&#39; &#123;e &#124; f."
CODE = "if a < b && s == \"<b>\":\n    print('`x`')\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project with TEXT as INVALID_TOKEN's texts and as its example's title and
    description."""
    folder = copy_project(REPO, tmp_path_factory.mktemp("hostile"))
    spec_path = folder / "api.yaml"
    quoted = "'" + TEXT.replace("'", "''") + "'"
    text = spec_path.read_text(encoding="utf-8")
    for original, replacement in [
        ("    message: The provided API key is invalid or does not exist.\n",
         f"    message: {quoted}\n"),
        ("    title: Key not found\n", f"    title: {quoted}\n    description: {quoted}\n"),
    ]:
        assert original in text
        text = text.replace(original, replacement)
    spec_path.write_text(text, encoding="utf-8")
    return load_project(spec_path)


def test_edit_link_escapes_the_address_and_is_empty_without_one() -> None:
    assert edit_link("https://example.com/a?b=1&c=<2>") == (
        "[Edit in api.yaml](https://example.com/a?b=1&c=%3C2%3E)"
        "{ .guides-source data-search-exclude }\n")
    assert edit_link(None) == ""


def test_threshold_sentence_names_the_limit_and_is_empty_without_one() -> None:
    sentence = threshold_sentence(Threshold(attempts=30, seconds=60), "a&b.md")
    assert sentence.startswith(" It takes 30 such requests within 60 seconds; ")
    assert "[When several errors apply](a&b.md#error-precedence)" in sentence
    assert threshold_sentence(None, "a&b.md") == ""


def test_sample_tabs_show_every_language_verbatim_and_indented() -> None:
    snippets = {language: Snippet(f"{language}.txt", CODE) for language in LANGUAGES}

    tabs = sample_tabs(snippets)

    indented = "    if a < b && s == \"<b>\":\n        print('`x`')\n"
    for language in LANGUAGES.values():
        assert f'=== "{language.label}"\n\n    ```{{.{language.highlight} ' \
               f'data-search-exclude=""}}\n{indented}    ```\n\n' in tabs
    assert tabs.count("=== ") == len(LANGUAGES)


def test_response_block_escapes_text_but_not_code_or_json() -> None:
    matcher = matcher_from_tag("!regex", "^a&b$")

    block = response_block(429, {"retry-after": "<seconds> & more", "x-id": matcher},
                           {"message": TEXT}, {"on": TEXT, "against": "sandbox <1.0> {: x}"})

    assert block == (
        "Response: **429 Too Many Requests**\n"
        "\n| Header | Value |\n|--------|-------|\n"
        "| `retry-after` | `<seconds> & more` |\n"
        f"| `x-id` | `{matcher.placeholder()}` |\n"
        '\n```json\n{\n  "message": "A < b & \\"c\\" \'d\' {e | f."\n}\n```\n'
        f"\nVerified on {ESCAPED} against sandbox &lt;1.0&gt; &#123;: x&#125;: `guides check` "
        "ran the samples above and recorded this answer.{ .guides-verified }\n")


def test_response_block_without_headers_body_or_recording_is_the_status_alone() -> None:
    assert response_block(204, {}, None) == "Response: **204 No Content**\n"


def test_try_it_marker_keeps_the_attribute_escaped_and_is_empty_without_a_request() -> None:
    request = Markup('{&#34;path&#34;: &#34;/a?b&amp;c&#34;}')
    assert try_it_marker(request) == (
        '<div class="guides-try" data-request="{&#34;path&#34;: &#34;/a?b&amp;c&#34;}" '
        "hidden></div>\n")
    assert try_it_marker(Markup("")) == ""


def test_an_example_block_escapes_its_title_and_description(hostile: Project) -> None:
    example = next(e for e in hostile.spec.examples if e.id == "invalid-token")

    block = PageBlocks(hostile, "catalog.md").example(example, 3)

    assert block.startswith(f"### {ESCAPED} {{ #example-invalid-token }}\n\n{ESCAPED}\n\n"
                            "[Edit in api.yaml](")
    assert try_it_marker(try_it_attribute(hostile.spec, example)) in block


def test_a_catalog_entry_escapes_its_texts_and_shows_the_body_verbatim(
        hostile: Project) -> None:
    index, error = next((i, e) for i, e in enumerate(hostile.spec.errors)
                        if e.code == "INVALID_TOKEN")

    entry = PageBlocks(hostile, "catalog.md").catalog_entry(error, index)

    assert entry.startswith("## INVALID_TOKEN { #invalid_token }\n\n[Edit in api.yaml](")
    assert f"**401 Unauthorized** — {ESCAPED}\n\nWhen it happens\n:   " in entry
    assert entry.endswith('  "message": "A < b & \\"c\\" \'d\' {e | f.",\n'
                          '  "docs": "https://trustleads.ai/guides/api-authentication"\n}\n```')


def test_the_rows_of_a_code_keep_to_their_table(hostile: Project) -> None:
    blocks = PageBlocks(hostile, "catalog.md")
    error = next(e for e in hostile.spec.errors if e.code == "INVALID_TOKEN")
    throttled = next(e for e in hostile.spec.errors if e.threshold is not None)

    assert blocks.catalog_row(error) == (
        "| [`INVALID_TOKEN`](#invalid_token) | 401 | A &lt; b &amp; &#34;c&#34; &#39;d&#39; "
            "&#123;e &#124; f. |")
    row = blocks.error_row(throttled)
    assert row.startswith(f"| [`{throttled.code}`](catalog.md#{throttled.anchor}) | "
                          f"{throttled.status} {throttled.reason} | ")
    assert "\n" not in row and row.endswith("and then the client starts afresh. |")


def test_an_error_response_has_its_heading_and_json(hostile: Project) -> None:
    example = next(e for e in hostile.spec.examples if e.id == "invalid-token")

    shown = PageBlocks(hostile, "catalog.md").error_response(example)

    assert shown.startswith(f"### 401 Unauthorized — {ESCAPED} {{ #response-invalid-token }}"
                            '\n\n```json\n{\n  "error": "INVALID_TOKEN",\n')


def test_the_tables_have_a_line_for_each_code(hostile: Project) -> None:
    blocks = PageBlocks(hostile, "catalog.md")
    errors = hostile.spec.errors

    assert blocks.catalog_rows().splitlines() == [blocks.catalog_row(e) for e in errors]
    assert blocks.error_rows().splitlines() == [blocks.error_row(e) for e in errors]


def test_each_code_is_followed_by_its_examples(hostile: Project) -> None:
    blocks = PageBlocks(hostile, "catalog.md")
    sections = blocks.catalog_sections()

    for index, error in enumerate(hostile.spec.errors):
        # Joined as plain text: adding str to Markup would escape the str.
        entry = f"{blocks.catalog_entry(error, index)}\n\n" + "".join(
            f"{blocks.example(example, 3)}\n"
            for example in hostile.spec.examples_by_error.get(error.code, []))
        assert entry in sections
    assert blocks.error_responses().count("\n### ") + 1 == sum(
        1 for example in hostile.spec.examples if example.response.error)
