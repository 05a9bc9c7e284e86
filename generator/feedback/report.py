"""What readers said, per page: votes, helpful %, trend, latest comments; as a table, JSON,
CSV or an SVG chart."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable
from typing import Any

from .escaping import for_csv, for_terminal, for_xml, json_for_terminal
from .store import Row

__all__ = ["render", "summarize", "svg_chart"]

_WEEK = 7 * 24 * 3600
_LATEST_COMMENTS = 3


def _helpful_pct(rows: list[Row]) -> float | None:
    return round(100 * sum(r.rating > 0 for r in rows) / len(rows), 1) if rows else None


def summarize(rows: Iterable[Row], now: float | None = None) -> dict[str, Any]:
    """Per page, most voted first. Trend: helpful % this week minus the week before."""
    now = time.time() if now is None else now
    by_page: dict[str, list[Row]] = {}
    for row in rows:
        by_page.setdefault(row.page, []).append(row)
    pages: list[dict[str, Any]] = []
    for page, page_rows in by_page.items():
        this_week = [r for r in page_rows if r.received_at >= now - _WEEK]
        last_week = [r for r in page_rows if now - 2 * _WEEK <= r.received_at < now - _WEEK]
        recent, before = _helpful_pct(this_week), _helpful_pct(last_week)
        comments = [r for r in page_rows if r.comment]
        pages.append({
            "page": page,
            "title": page_rows[-1].title,
            "votes": len(page_rows),
            "helpful": sum(r.rating > 0 for r in page_rows),
            "not_helpful": sum(r.rating <= 0 for r in page_rows),
            "helpful_pct": _helpful_pct(page_rows),
            "trend": None if recent is None or before is None else round(recent - before, 1),
            "latest_comments": [r.comment for r in reversed(comments[-_LATEST_COMMENTS:])],
        })
    pages.sort(key=lambda p: (-p["votes"], p["page"]))
    return {"pages": pages, "votes": sum(p["votes"] for p in pages)}


def render(summary: dict[str, Any], form: str) -> str:
    if form == "json":
        return json_for_terminal(json.dumps(summary, indent=2, ensure_ascii=False)) + "\n"
    if form == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["page", "title", "votes", "helpful", "not_helpful", "helpful_pct",
                         "trend", "latest_comments"])
        for p in summary["pages"]:
            writer.writerow([for_csv(p["page"]), for_csv(p["title"]), p["votes"], p["helpful"],
                             p["not_helpful"], p["helpful_pct"],
                             "" if p["trend"] is None else p["trend"],
                             for_csv(" | ".join(p["latest_comments"]))])
        return buffer.getvalue()
    return _table(summary)


def _table(summary: dict[str, Any]) -> str:
    # rich only for the table a terminal shows: the CSV and JSON reports start without it.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Was this guide helpful? ({summary['votes']} votes)")
    for column, justify in (("Page", "left"), ("Votes", "right"), ("Helpful", "right"),
                            ("Trend", "right"), ("Latest comments", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for p in summary["pages"]:
        trend = "" if p["trend"] is None else f"{p['trend']:+.1f} pts"
        # Text, not str: rich would read "[bold]" or "[/]" in a comment as its markup.
        comments = "\n".join(for_terminal(c) for c in p["latest_comments"])
        table.add_row(Text(for_terminal(p["page"])), str(p["votes"]),
                      f"{p['helpful_pct']:.0f}%", trend, Text(comments))
    console = Console(file=io.StringIO(), width=120, color_system=None, record=True)
    console.print(table)
    return console.export_text()


def svg_chart(summary: dict[str, Any]) -> str:
    """Helpful % per page as horizontal bars, with the vote counts beside them."""
    pages = summary["pages"]
    label_width, bar_width, row = 260, 360, 30
    height = 60 + row * max(1, len(pages))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 160}" '
        f'height="{height}" font-family="sans-serif" font-size="13">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="24" font-size="16" font-weight="bold">Was this guide helpful? '
        f'Helpful % per page ({summary["votes"]} votes)</text>',
    ]
    if not pages:
        parts.append('<text x="10" y="60">No votes yet.</text>')
    for index, p in enumerate(pages):
        y = 44 + index * row
        pct = p["helpful_pct"] or 0.0
        colour = "#2e7d32" if pct >= 70 else "#f9a825" if pct >= 40 else "#c62828"
        width = round(bar_width * pct / 100)
        parts += [
            f'<text x="10" y="{y + 15}">{for_xml(p["page"])}</text>',
            f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="20" fill="#eeeeee"/>',
            f'<rect x="{label_width}" y="{y}" width="{width}" height="20" fill="{colour}"/>',
            f'<text x="{label_width + bar_width + 8}" y="{y + 15}">{pct:.0f}% of '
            f'{p["votes"]} vote{"s" if p["votes"] != 1 else ""}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
