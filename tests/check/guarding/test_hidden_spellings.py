"""A credential an API hides in an encoding, or in several, or in pieces, reaches no writer.

Hypothesis composes the encodings a hostile API was seen to use (base32, base64 of gzip or
zlib, base85, Ascii85, hex, base64 of base64; then ROT13, upper case, characters joined by
punctuation or zero-width spaces, HTML entities, ``\\xNN``, octal, ``\\U`` escapes, double
percent-encoding, full-width characters, decimal bytes) or cuts the key into pieces over
JSON fields or a query, and hands the answer to every writer and to ``--update``.
"""

from __future__ import annotations

import base64
import codecs
import gzip
import json
import zlib
from collections.abc import Callable

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.check.guarding.opaque import Documented, opaque_runs, shown
from generator.check.guarding.redaction import REDACTED, Redactor
from generator.check.plan import plan_runs
from generator.check.storing.update import apply_updates
from generator.model import Project, load_project
from tests.check.guarding.test_redaction_everywhere import (
    KEY_PREFIX,
    _writers,
    copied,  # noqa: F401 (a fixture)
    secrets,
)
from tests.check.judging.test_compare import recorded_body
from tests.check.storing.test_update_plan import diverging
from tests.conftest import REPO

Encode = Callable[[bytes], bytes]
KNOWN = Documented(load_project(REPO / "api.yaml").spec)

#: Byte encodings, any of which may wrap another.
INNER: dict[str, Encode] = {
    "base32": base64.b32encode,
    "gzip+base64": lambda b: base64.b64encode(gzip.compress(b)),
    "zlib+base64": lambda b: base64.b64encode(zlib.compress(b)),
    "base85": base64.b85encode,
    "ascii85": base64.a85encode,
    "base64": base64.b64encode,
    "urlsafe base64": lambda b: base64.urlsafe_b64encode(b).rstrip(b"="),
    "hex": lambda b: b.hex().encode(),
}


def _joined(joiner: str) -> Callable[[str], str]:
    return joiner.join


#: Spellings of the resulting text, outermost.
OUTER: dict[str, Callable[[str], str]] = {
    "as is": lambda t: t,
    "rot13": lambda t: codecs.encode(t, "rot13"),
    "dots": _joined("."), "dashes": _joined("-"), "colons": _joined(":"),
    "zero-width": _joined("\u200b"),
    "entities": lambda t: "".join(f"&#{ord(c)};" for c in t),
    "hex entities": lambda t: "".join(f"&#x{ord(c):x};" for c in t),
    "named entities": lambda t: t.replace("_", "&lowbar;").replace("=", "&equals;"),
    "\\x": lambda t: "".join(f"\\x{ord(c):02x}" for c in t),
    "octal": lambda t: "".join(f"\\{ord(c):03o}" for c in t),
    "\\U": lambda t: "".join(f"\\U{ord(c):08x}" for c in t),
    "double percent": lambda t: "".join(f"%25{ord(c):02X}" for c in t),
    "full-width": lambda t: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c
                                    for c in t),
    "decimal bytes": lambda t: ", ".join(str(b) for b in t.encode()),
}
#: Only the key itself is spelled upper-case: an upper-cased encoding is no longer one.
RAW_ONLY = {"upper": str.upper}


@st.composite
def hidden(draw: st.DrawFn, secret: str) -> tuple[str, list[str]]:
    """`secret` as a hostile API hides it, and the texts none of the writers may show."""
    if draw(st.integers(0, 5)) == 0:
        size = draw(st.integers(3, 9))
        pieces = [secret[i:i + size] for i in range(0, len(secret), size)]
        # A piece of fewer than two letters or digits is too common to follow.
        assume(all(sum(c.isalnum() for c in piece) >= 2 for piece in pieces))
        if draw(st.booleans()):
            fields = {f"part{n}": piece for n, piece in enumerate(pieces)}
            return json.dumps(fields), [json.dumps(p) for p in pieces]
        query = "&".join(f"k{n}={piece}" for n, piece in enumerate(pieces))
        return f"/jobs?{query}", [f"={p}&" for p in pieces[:-1]]
    layers = draw(st.lists(st.sampled_from(sorted(INNER)), max_size=2))
    data = secret.encode()
    for layer in layers:
        data = INNER[layer](data)
    outer = {**OUTER, **RAW_ONLY} if not layers else OUTER
    spelled = outer[draw(st.sampled_from(sorted(outer)))](data.decode())
    return spelled, [spelled]


@st.composite
def echoes(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """(secret, a message holding it hidden, the texts no writer may show)."""
    secret = draw(secrets)
    spelled, forbidden = draw(hidden(secret))
    before = draw(st.text("abcdefghij ", max_size=20))
    return secret, f"{before}{spelled} revoked", [*forbidden, secret]


def _shows(text: str, forbidden: list[str]) -> list[str]:
    unescaped = text.replace("\\\\", "\\")
    return [f for f in forbidden if f in text or f in unescaped]


@given(echo=echoes())
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_no_writer_shows_a_hidden_credential(echo: tuple[str, str, list[str]],
                                             copied: Project) -> None:  # noqa: F811
    secret, message, forbidden = echo
    redact = Redactor([secret], KEY_PREFIX)
    assert REDACTED in redact(message), (secret, message)
    for writer, text in _writers(copied, redact, message).items():
        assert not _shows(text, forbidden), (writer, text)


@given(echo=echoes())
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_update_writes_no_hidden_credential(echo: tuple[str, str, list[str]],
                                            copied: Project) -> None:  # noqa: F811
    secret, message, forbidden = echo
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    runs = plan_runs(copied, {"revoked-token"})
    answer = {"body": recorded_body("revoked-token") | {"message": message}}
    divergences = [pair for run in runs for pair in diverging(copied, run, **answer)]
    plan = apply_updates(copied, runs, divergences, Redactor([secret], KEY_PREFIX))
    assert plan.changes == [] and plan.refusals, plan
    assert not [r for r in plan.refusals if _shows(r, forbidden)], plan.refusals
    assert spec.read_bytes() == before


@given(st.lists(st.integers(0, 255), min_size=16, max_size=60, unique=True).map(bytes),
       st.sampled_from(sorted(INNER)))
def test_the_second_guard_hides_any_encoded_run(data: bytes, layer: str) -> None:
    """What the redactor cannot know (an unknown key, encrypted) is shown by length only,
    though api.yaml documents messages and ids: a message is not an id."""
    encoded = INNER[layer](data).decode()
    message = f"Your key {encoded} is revoked."
    documented = "Your key is revoked."
    assert encoded not in shown(message, message, documented, KNOWN, ("body", "message"))
    assert opaque_runs({"message": message}, documented, KNOWN, None)
    assert opaque_runs(message, documented, KNOWN, ("body", "message"))
