"""The blocks built in Python: api.yaml's text escaped once, code and JSON verbatim."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from generator.model import Example, Project, load_project
from generator.model.models import Threshold
from generator.render import render_pages
from generator.render.blocks import (
    Answers,
    PageBlocks,
    search_terms,
    threshold_sentence,
    try_it_marker,
)
from generator.render.try_it import try_it_attribute
from tests.conftest import REPO, copy_project

TEXT = "A < b & \"c\" 'd' {e | f."
"""Text with every character escaping may touch; none of it raw HTML, which api.yaml refuses."""
ESCAPED = "A &lt; b &amp; &#34;c&#34; &#39;d&#39; &#123;e &#124; f."


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


def test_threshold_sentence_names_the_limit_and_is_empty_without_one() -> None:
    sentence = threshold_sentence(Threshold(attempts=30, seconds=60), "a&b.md")
    assert sentence.startswith(" Fewer than 30 such requests in any 60 seconds never trip it; "
                               "after 30 within 60 seconds, the next request gets this error "
                               "at the latest")
    assert "[When several errors apply](a&b.md#error-precedence)" in sentence
    assert threshold_sentence(None, "a&b.md") == ""


def test_an_answer_shows_its_headers_and_body_once_per_page() -> None:
    project = load_project(REPO / "api.yaml")
    by_id = {example.id: example for example in project.spec.examples}
    answers = Answers(project)

    first = answers.of(by_id["list-jobs-bearer"])
    again = answers.of(by_id["list-jobs-x-api-key"])
    job = answers.of(by_id["get-job"])

    assert first.same_as is None and first.headers and '"has_more"' in first.body
    assert again.same_as is by_id["list-jobs-bearer"]
    assert job.same_as is None and job.headers == [] and job.headers_as is first_of(by_id)
    # Another page counts afresh.
    assert Answers(project).of(by_id["get-job"]).headers


def first_of(by_id: dict[str, Example]) -> Example:
    return by_id["list-jobs-bearer"]


def test_try_it_marker_keeps_the_attribute_escaped_and_is_empty_without_a_request() -> None:
    request = Markup('{&#34;path&#34;: &#34;/a?b&amp;c&#34;}')
    assert try_it_marker(request) == (
        '<div class="guides-try" data-request="{&#34;path&#34;: &#34;/a?b&amp;c&#34;}" '
        "hidden></div>\n")
    assert try_it_marker(Markup("")) == ""


def test_an_example_block_escapes_its_title_and_description(hostile: Project) -> None:
    example = next(e for e in hostile.spec.examples if e.id == "invalid-token")

    catalog = render_pages(hostile)["error-catalog.md"]

    assert (f"### {ESCAPED} {{ #example-invalid-token }}\n\n{ESCAPED}\n\n"
            "**Sent with** a key that matches no active key.") in catalog
    assert try_it_marker(try_it_attribute(hostile.spec, example)) in catalog


def test_a_catalog_entry_escapes_its_texts_and_shows_the_body_verbatim(
        hostile: Project) -> None:
    error = next(e for e in hostile.spec.errors if e.code == "INVALID_TOKEN")

    entry = PageBlocks(hostile, "catalog.md").catalog_entry(error)

    assert entry.startswith("## INVALID_TOKEN { #invalid_token }\n\n**401 Unauthorized** — "
                            f"{ESCAPED}\n\nWhen it happens\n:   ")
    assert f"Can it be retried?\n:   {error.retry}\n\n" in entry
    assert entry.endswith('  "message": "A < b & \\"c\\" \'d\' {e | f.",\n'
                          '  "docs": "https://trustleads.ai/guides/api-authentication"\n}\n```')


def test_the_catalog_rows_keep_to_their_table(hostile: Project) -> None:
    blocks = PageBlocks(hostile, "catalog.md")
    error = next(e for e in hostile.spec.errors if e.code == "INVALID_TOKEN")

    assert blocks.catalog_row(error) == (
        "| [`INVALID_TOKEN`](#invalid_token) | 401 | A &lt; b &amp; &#34;c&#34; &#39;d&#39; "
        "&#123;e &#124; f. |")
    assert blocks.catalog_rows().splitlines() == [
        blocks.catalog_row(e) for e in hostile.spec.errors]


def test_search_terms_are_hidden_text() -> None:
    assert search_terms([]) == ""
    assert search_terms(["rate limit", "<b>x</b>"]) == (
        '\n\n<p class="guides-search-terms" hidden>rate limit, &lt;b&gt;x&lt;/b&gt;</p>')


def test_a_catalog_entry_names_the_headers_its_categorys_rules_promise() -> None:
    project = load_project(REPO / "api.yaml")
    catalog = render_pages(project)["error-catalog.md"]
    ruled = [(error, rule) for error in project.spec.errors
             for rule in project.spec.category_rules if rule.category == error.category]
    assert ruled
    for error, rule in ruled:
        entry = catalog.split(f"{{ #{error.anchor} }}", 1)[1].split("\n## ", 1)[0]
        carried = entry.split("Every answer carries\n:   ")[1:]
        assert any(text.startswith((f"`{rule.header}: ", f"a `{rule.header}` header"))
                   for text in carried), error.code
