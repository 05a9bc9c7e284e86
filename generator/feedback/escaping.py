"""Readers' text made safe for each place the report writes it to.

Comments, titles and page paths are whatever a reader sent, so each output escapes them
for its own context: a terminal must not receive control sequences, a spreadsheet must
not run a formula, an SVG must stay well-formed XML.
"""

from __future__ import annotations

import json
import re
import unicodedata
from xml.sax.saxutils import escape

__all__ = ["for_csv", "for_terminal", "for_xml", "json_for_terminal"]

#: Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list; its
#: tab and carriage return are already written out as ``\\t`` and ``\\r``).
_FORMULA_START = ("=", "+", "-", "@")


def _shown(char: str) -> str:
    return char.encode("unicode_escape").decode("ascii")


def for_terminal(text: str) -> str:
    """Control and format characters (ESC, CSI, bidi overrides…) written out as ``\\x1b``
    so they show instead of acting on the terminal."""
    return "".join(_shown(char) if unicodedata.category(char) in ("Cc", "Cf") else char
                   for char in text)


def json_for_terminal(document: str) -> str:
    """A JSON document whose control and format characters (which can only stand inside
    its strings) are ``\\u`` escapes: the same JSON, inert on a terminal."""
    return "".join(json.dumps(char)[1:-1] if unicodedata.category(char) in ("Cc", "Cf")
                   and char != "\n" else char for char in document)


def for_csv(text: str) -> str:
    """A cell a spreadsheet shows as text: control characters written out, and a leading
    formula character kept from acting by a ``'`` before it."""
    shown = for_terminal(text)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def for_xml(text: str) -> str:
    """Text content for XML: markup escaped, characters XML forbids replaced by U+FFFD."""
    return escape(_NOT_XML.sub("\ufffd", text))
