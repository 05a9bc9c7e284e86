"""The second guard against spellings a hostile API may choose to get past it.

A key the redactor does not know, written in look-alike letters of other scripts (which NFKC
does not fold) or cut into chunks shorter than a run (base32 in groups, five characters at
a time reversed, bytes in octal, binary or ``0x6c, ``), is shown only by its length; prose
in any language, with its numbers and dates, is shown as it is.
"""

# The look-alike letters are the point of these tests.
# ruff: noqa: RUF001

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.check.guarding.opaque import OPAQUE_RUN, Documented, guarded, opaque_runs, shown
from generator.check.guarding.redaction import REDACTED, Redactor
from generator.check.judging.compare import Divergence
from generator.model import load_project
from tests.conftest import REPO

KNOWN = Documented(load_project(REPO / "api.yaml").spec)

# Letters of Cyrillic, Greek and small capitals that look like Latin ones, and that NFKC
# leaves as they are.
LOOK_ALIKES = {
    "A": "АΑ", "B": "ВΒ", "C": "С", "E": "ЕΕ", "H": "НΗ", "I": "ІΙ", "K": "КΚ", "M": "МΜ",
    "N": "Ν", "O": "ОΟ", "P": "РΡ", "T": "ТΤ", "X": "ХΧ", "Y": "Υ", "Z": "Ζ", "a": "а",
    "c": "с", "e": "е", "i": "і", "j": "ј", "o": "оο", "p": "р", "s": "ѕ", "x": "х",
    "y": "у", "v": "ν", "z": "ᴢ", "u": "ᴜ", "w": "ᴡ",
}
_MARK = re.compile(r"\[opaque, \d+ characters\]")

# A key's bytes vary (bytes of one value encode to a run of one letter, which reads as a word).
KEYS = st.lists(st.integers(0, 255), min_size=18, max_size=30, unique=True).map(
    lambda data: "lfk_" + base64.urlsafe_b64encode(bytes(data)).decode().rstrip("="))


def _visible(text: str) -> int:
    """Letters and digits of `text` outside the guard's marks."""
    return sum(char.isalnum() for char in _MARK.sub("", text))


@given(KEYS, st.data())
def test_a_key_in_look_alike_letters_is_opaque(key: str, data: st.DataObject) -> None:
    spelled = "".join(
        data.draw(st.sampled_from([char, *LOOK_ALIKES[char]])) if char in LOOK_ALIKES
        else char for char in key)
    out = guarded(f"Key {spelled} was revoked.")
    assert out == f"Key [opaque, {len(spelled)} characters] was revoked."
    assert opaque_runs(f"Key {spelled} was revoked.", "", KNOWN, ("body", "message")) == \
        [spelled]


def _chunks(text: str, size: int) -> list[str]:
    return [text[at:at + size] for at in range(0, len(text), size)]


SPELLINGS: dict[str, Callable[[str], str]] = {
    "base32 in groups of 8": lambda key: " ".join(
        _chunks(base64.b32encode(key.encode()).decode(), 8)),
    "5-character chunks, reversed": lambda key: " ".join(_chunks(key, 5))[::-1],
    "octal bytes": lambda key: " ".join(f"{byte:o}" for byte in key.encode()),
    "binary bytes": lambda key: " ".join(f"{byte:08b}" for byte in key.encode()),
    "0x bytes": lambda key: ", ".join(f"0x{byte:02x}" for byte in key.encode()),
    "hex bytes": lambda key: ":".join(f"{byte:02x}" for byte in key.encode()),
    "decimal bytes": lambda key: "; ".join(str(byte) for byte in key.encode()),
}


# A chunk whose letters and digits are four or five letters of one case, or capitalised,
# reads as a word.
_WORDS = re.compile(r"[a-z]{4,}|[A-Z][a-z]{3,}")


@given(KEYS, st.sampled_from(sorted(SPELLINGS)))
def test_a_key_in_chunks_is_opaque(key: str, spelling: str) -> None:
    spelled = SPELLINGS[spelling](key)
    assume(not any(_WORDS.fullmatch(re.sub(r"[\W_]", "", chunk)) for chunk in spelled.split()))
    out = guarded(f"Your key is {spelled} now.")
    assert spelled not in out
    # What stays visible of it (a chunk that happens to read as a word) is below a run.
    assert _visible(out) - _visible("Your key is now.") < OPAQUE_RUN, out


@pytest.mark.parametrize("prose", [
    "Retry after 60 seconds.",
    "Created 2026-12-06 15:21:07 UTC; created_at 2026-12-06T15:21:07.123456+00:00.",
    "Le jeton a été révoqué le 6 décembre 2026 à 15 h 30, réessayez dans 60 secondes.",
    "Ключ API отозван 6 декабря 2026 года; повторите попытку через 60 секунд.",
    "Το κλειδί ανακλήθηκε στις 6 Δεκεμβρίου 2026· δοκιμάστε ξανά σε 60 δευτερόλεπτα.",
    "Der Zugangsberechtigungsschlüssel ist seit 2026-12-06 ungültig (Fehler 401).",
    "APIキーは2026年12月6日に失効しました。",
    "Page 1 of 3, 20 of 60 items, 10 per page: https://trustleads.ai/guides/error-catalog",
    "TOO_MANY_FAILED_ATTEMPTS_PER_MINUTE: 5 attempts in 60 s, retry at 15:22:07.",
    # Tokens of one length, none a letter with a digit or a sign: prices, names.
    "Plans cost $10.00 $20.00 $50.00 or $99.00 a month.",
    "Send job_id and acc_id or org_id, not all of them.",
])
def test_prose_in_any_language_is_shown(prose: str) -> None:
    assert guarded(prose) == prose
    assert guarded(repr(prose)) == repr(prose)


WORDS = ["after", "seconds", "retry", "jobs", "leads", "réessayez", "секунд", "δευτερόλεπτα",
         "Webinar", "queued", "minutes"]


@given(st.lists(st.tuples(st.integers(0, 99999), st.sampled_from(WORDS)), max_size=12))
def test_numbers_between_words_are_shown(parts: list[tuple[int, str]]) -> None:
    prose = " ".join(f"{number} {word}" for number, word in parts) + "."
    assert guarded(prose) == prose


@given(st.binary(min_size=8, max_size=8))
def test_a_documented_job_and_its_status_are_shown(raw: bytes) -> None:
    """The answer to a submission, judged against api.yaml (a job id its matcher accepts)."""
    body = {"id": f"job_{raw.hex()}", "status": "queued", "lead_count": 140}
    line = f"{body!r} 201"
    assert shown(line, body, {}, KNOWN) == line
    divergence = Divergence("status", 202, 201, ("examples", 0, "response", "status"))
    assert divergence.describe(KNOWN) == "status: expected 202, got 201"


@given(KEYS)
def test_a_divergence_line_hides_a_chunked_key(key: str) -> None:
    message = f"Key {SPELLINGS['base32 in groups of 8'](key)} revoked."
    divergence = Divergence("body $.message", "The provided API key was revoked.", message,
                            ("examples", 0, "response", "body", "message"))
    line = divergence.describe(KNOWN)
    assert "[opaque, " in line and message not in line


@given(KEYS, st.data())
@settings(max_examples=50, deadline=None)
def test_a_known_key_in_look_alike_letters_is_redacted(key: str, data: st.DataObject) -> None:
    """The redactor folds Unicode's confusables before seeking the keys it knows."""
    spelled = "".join(
        data.draw(st.sampled_from([char, *LOOK_ALIKES[char]])) if char in LOOK_ALIKES
        else char for char in key)
    out = Redactor([key], "xyz_")(f"Key: {spelled}!")
    # The redactor matches a key's letters and digits: a `-` or `_` it ends with (urlsafe
    # base64 may) carries nothing of it and may stay.
    assert re.fullmatch(rf"Key: {re.escape(REDACTED)}[-_]?!", out), out
