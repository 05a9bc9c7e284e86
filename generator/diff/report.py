"""A comparison written out: plain lines, a pull-request comment, JSON, CI annotations."""

from __future__ import annotations

import json
from typing import TextIO

from ..render.inert_markdown import table_cell, url_text
from .compare import Comparison, ContractChange

__all__ = ["FORMATS", "write_annotations", "write_report"]

FORMATS = ("text", "markdown", "json")


def _where(change: ContractChange, file: str) -> str:
    side = " (BASE)" if change.in_base else ""
    return f"{file}:{change.line}{side}" if change.line else file


def _tail(change: ContractChange) -> str:
    """What a reader of the line must know beyond the change: why, the examples, the
    announcement."""
    parts = [change.note] if change.note else []
    if change.kind == "breaking":
        if change.examples:
            parts.append("changes the examples " + ", ".join(change.examples))
        parts.append(f"announced {change.announced_by.date}" if change.announced_by
                     else "not announced: add an entry to changes: naming "
                          + _named(change))
    return f" ({'; '.join(parts)})" if parts else ""


def _named(change: ContractChange) -> str:
    """What an announcement should name: the code, else the path, else the section."""
    codes = sorted(s for s in change.subjects if s.isupper())
    paths = sorted(s for s in change.subjects if s.startswith("/"))
    if codes:
        return f"the code {codes[0]}"
    if paths and change.section in ("endpoints", "examples"):
        return f"the path {paths[-1]}"
    return f"the section {change.section}"


def _line(change: ContractChange, file: str) -> str:
    return f"{change.kind}: {change.what}{_tail(change)} — {_where(change, file)}"


def write_report(comparison: Comparison, form: str, file: str, site_url: str,
                 out: TextIO) -> None:
    """`comparison` as `form` (one of `FORMATS`); `file` names api.yaml in its lines and
    `site_url` starts the pages' links."""
    changes = comparison.changes
    if form == "json":
        out.write(json.dumps({
            "changes": [{"kind": c.kind, "what": c.what, "note": c.note, "file": file,
                         "line": c.line, "side": "base" if c.in_base else "head",
                         "examples": list(c.examples), "concerns": sorted(c.subjects),
                         "announced": c.announced_by.anchor if c.announced_by else None,
                         "url": site_url + c.anchor if c.anchor else None}
                        for c in changes],
            "unannounced": len(comparison.unannounced),
            "unused_announcements": [c.anchor for c in comparison.unused],
        }, indent=2) + "\n")
        return
    if form == "markdown":
        out.write(_markdown(comparison, file, site_url))
        return
    for change in changes:
        out.write(_line(change, file) + "\n")
    for entry in comparison.unused:
        out.write(f"warning: the announcement of {entry.date} ({entry.summary[:50]!r}) names "
                  "nothing that changed\n")
    out.write(_summary(comparison) + "\n")


def _summary(comparison: Comparison) -> str:
    counts = {kind: sum(1 for c in comparison.changes if c.kind == kind)
              for kind in ("breaking", "additive", "editorial")}
    text = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    missing = len(comparison.unannounced)
    return f"{text}; {missing} breaking change(s) not announced" if missing else \
        f"{text}; nothing breaking is unannounced"


def _markdown(comparison: Comparison, file: str, site_url: str) -> str:
    lines = ["### Contract changes", "", _summary(comparison), ""]
    if comparison.changes:
        lines += ["| Kind | Change | Line | Examples affected | Announced |",
                  "|------|--------|------|-------------------|-----------|"]
    for c in comparison.changes:
        what = table_cell(c.what + (f" ({c.note})" if c.note else ""))
        if c.anchor:
            what = f"[{what}]({url_text(site_url + c.anchor)})"
        announced = ("yes" if c.announced_by else "**no**") if c.kind == "breaking" else ""
        lines.append(f"| {c.kind} | {what} | {table_cell(_where(c, file))} | "
                     f"{table_cell(', '.join(c.examples))} | {announced} |")
    return "\n".join(lines) + "\n"


def write_annotations(comparison: Comparison, file: str, out: TextIO) -> None:
    """GitHub Actions workflow commands: an error on each unannounced breaking change, a
    warning on each announced one and on each changed message."""
    for c in comparison.changes:
        level = "error" if c.unannounced else "warning" if (
            c.kind == "breaking" or "message" in c.what) else None
        if level and c.line:
            text = _escape(f"{c.kind}: {c.what}{_tail(c)}")
            out.write(f"::{level} file={file},line={c.line},title=guides diff::{text}\n")


def _escape(text: str) -> str:
    """Workflow commands end at a newline; GitHub's own escapes keep the message whole."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
