"""Status lines' reason phrases, as RFC 9110 names them."""

from __future__ import annotations

import pytest

from generator.model import reason_phrase


@pytest.mark.parametrize(("status", "phrase"), [
    (200, "OK"), (401, "Unauthorized"), (429, "Too Many Requests"),
    (413, "Content Too Large"), (422, "Unprocessable Content"), (499, ""), (0, ""),
])
def test_reason_phrase(status: int, phrase: str) -> None:
    assert reason_phrase(status) == phrase
