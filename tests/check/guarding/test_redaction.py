"""A key reaches no report, whatever form a sample printed it in."""

from __future__ import annotations

import base64
from collections.abc import Callable
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.check.guarding.redaction import MIN_RUN, REDACTED, Redactor
from tests.check.guarding.test_hidden_spellings import OUTER

KEY = "lfk_sk_Q3vN8xT2pLw9RmZ4aK7yHc1d"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJwbGFuIjoicHJvIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
KEY_PREFIX = "lfk_"
REDACT = Redactor([KEY, TOKEN], KEY_PREFIX)


def percent_all(text: str) -> str:
    return "".join(f"%{ord(c):02X}" for c in text)


@pytest.mark.parametrize("printed", [
    KEY,
    base64.b64encode(KEY.encode()).decode(),
    base64.b64encode(f"user:{KEY}".encode()).decode(),
    base64.b64encode(f"ab:{KEY}".encode()).decode(),
    base64.urlsafe_b64encode(f"x{KEY}".encode()).decode().rstrip("="),
    percent_all(KEY),
    quote(f"key={KEY}", safe=""),
    KEY.encode().hex(),
    KEY[::-1],
    KEY[:10],
    f"{KEY[:12]}\n{KEY[12:20]}\n{KEY[20:]}",
    f'"{KEY[:15]}" + "{KEY[15:]}"',
    " ".join(KEY),
    TOKEN,
    TOKEN.split(".")[2],
], ids=["whole", "base64", "basic-auth", "basic-auth-offset", "urlsafe-offset", "percent",
        "query", "hex", "reversed", "first-10", "lines", "concatenated", "spaced", "jwt",
        "jwt-signature"])
def test_every_form_of_a_secret_is_redacted(printed: str) -> None:
    report = REDACT(f"the snippet printed: {printed} (end)")
    assert report.startswith("the snippet printed: ") and report.endswith(" (end)")
    assert "[REDACTED]" in report and printed not in report
    for piece in (KEY[7:17], KEY[-10:], KEY[::-1][:10], KEY.encode().hex()[:20]):
        assert piece not in report


ESCAPED: dict[str, Callable[[str], str]] = {"as is": str, "percent": percent_all,
                                            "\\x": OUTER["\\x"]}


# What one round of escapes hides may itself read as escapes (`%ad` in a key, `%d3` in a
# base85 run): it is read before the next round spoils it.
@given(st.lists(st.sampled_from(["de", "%ad", "%be", "ef", "%01", "x9", "%d3"]), min_size=10,
                max_size=16).map("".join),
       st.sampled_from(sorted(ESCAPED)), st.booleans())
def test_a_secret_that_reads_as_escapes_is_redacted(secret: str, escape: str,
                                                    in_base85: bool) -> None:
    printed = base64.b85encode(secret.encode()).decode() if in_base85 else secret
    assert REDACTED in Redactor([secret])(f"Key {ESCAPED[escape](printed)} revoked")


# A key that repeats itself holds each piece at many places: every piece is redacted,
# the first ones too.
@given(st.text("01", min_size=3, max_size=12), st.integers(2, 4))
def test_a_repeating_key_in_pieces_is_redacted_whole(motif: str, size: int) -> None:
    secret = (motif * 60)[:48]
    pieces = [secret[at:at + size] for at in range(0, len(secret), size)]
    query = "&".join(f"k{n}={piece}" for n, piece in enumerate(pieces))
    assert Redactor([secret])(f"/jobs?{query}") == "/jobs?" + "&".join(
        f"k{n}={REDACTED}" for n in range(len(pieces)))


def test_ordinary_text_is_left_alone() -> None:
    text = ("body $.message: expected 'The provided API key was revoked.', got "
            "'The provided API key has been revoked.' lfk_sk_ 100% done")
    assert REDACT(text) == text


def test_a_key_shape_is_redacted_even_when_unknown() -> None:
    assert Redactor([], KEY_PREFIX)("key lfk_sk_unknown123456") == "key [REDACTED]"


def test_the_key_shape_is_api_yaml_s_prefix() -> None:
    other = Redactor([], "acme_")
    assert other("key acme_live_123456") == "key [REDACTED]"
    assert other("key lfk_sk_unknown123456") == "key lfk_sk_unknown123456"


def test_only_the_secret_is_replaced_with_the_separators_inside_it() -> None:
    assert REDACT(f"key={KEY}; next") == "key=[REDACTED]; next"
    assert REDACT(f'k = "{KEY[:12]}" + "{KEY[12:]}";') == 'k = "[REDACTED]";'


def test_fewer_characters_than_a_run_are_left_alone() -> None:
    short = KEY[7:7 + MIN_RUN - 1]
    assert REDACT(f"tail {short} end") == f"tail {short} end"
    assert REDACT(f"tail {KEY[7:7 + MIN_RUN]} end") == "tail [REDACTED] end"


def test_two_secrets_in_one_text_are_redacted_apart() -> None:
    assert REDACT(f"{KEY} and {TOKEN}") == "[REDACTED] and [REDACTED]"


def test_an_unknown_token_shape_is_redacted() -> None:
    unknown = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig"
    assert Redactor([])(f"Bearer {unknown}.") == "Bearer [REDACTED]."


def test_without_secrets_text_passes_through() -> None:
    text = "percent %41%42 stays, and so do 'quotes'"
    assert Redactor([])(text) == text
