"""The data of "Decode a response" on the Error Catalog: each code's status, anchor, message
and fix, carried in the page for its script (docs/javascripts/decode.js), which decodes
what a reader pastes in the page itself and sends nothing."""

from __future__ import annotations

import json

from markupsafe import escape

from ..model import ErrorCode

__all__ = ["decoder_marker"]


def decoder_marker(errors: list[ErrorCode]) -> str:
    """The marker the script turns into the decoder: hidden, and empty without scripts."""
    entries = [{"code": e.code, "status": e.status, "reason": e.reason, "anchor": e.anchor,
                "message": e.message, "fix": e.fix} for e in errors]
    data = escape(json.dumps(entries, ensure_ascii=False, separators=(",", ":")))
    return f'<div class="guides-decode" data-entries="{data}" hidden></div>\n'
