"""The anchors a Markdown page will have, as the catalog's docs links are checked against."""

from __future__ import annotations

import pytest

from generator.catalog_links import anchors


@pytest.mark.parametrize(("markdown", "expected"), [
    ("# First heading\n\ntext\n## Second one ##\n", {"first-heading", "second-one"}),
    ("Intro\n\n## Errors { #errors }\n\n### Plain\n", {"errors", "plain"}),
    ("text {: #kept .x } more\n```\n{ #in-code }\n```\n", {"kept", "in-code"}),
    ("#\n# b\n", {"b"}),
    ("\n# After a blank line\n", {"after-a-blank-line"}),
    ("No heading at all.", set()),
])
def test_anchors(markdown: str, expected: set[str]) -> None:
    assert anchors(markdown) == expected
