"""The report shows readers' text as text: no markup, control sequence or formula acts."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from generator.feedback.escaping import for_csv
from generator.feedback.event import Event
from generator.feedback.report import render, summarize, svg_chart
from generator.feedback.store import Row, open_store

NOW = time.time()
HOSTILE_COMMENTS = ["[/]", "[bold red]shouting[/bold red]", "\x1b[2J\x1b]0;owned\x07",
                    "=HYPERLINK(\"https://evil.example\")", "+1", "-2+3", "@SUM(A1)",
                    "\tindented", "\rcarriage", "\u202eevil\u202c", "\x9b31m"]


def _summary(page: str = "/api-authentication/") -> dict[str, object]:
    rows = [Row(page, "=title", 0, comment, "v", NOW) for comment in HOSTILE_COMMENTS]
    return summarize(rows, now=NOW)


def test_the_table_shows_markup_and_escapes_as_text() -> None:
    summary = _summary()
    summary["pages"][0]["latest_comments"] = HOSTILE_COMMENTS  # type: ignore[index]
    table = render(summary, "table")
    assert "[/]" in table and "[bold red]shouting[/bold red]" in table
    assert "\x1b" not in table and "\x07" not in table and "\u202e" not in table
    assert "\\x1b[2J" in table and "\\u202e" in table and "\\x9b" in table


def test_csv_cells_cannot_start_a_formula_or_send_escapes() -> None:
    summary = _summary("/=cmd|' /C calc'!A0/")
    summary["pages"][0]["latest_comments"] = HOSTILE_COMMENTS  # type: ignore[index]
    text = render(summary, "csv")
    (header, row) = list(csv.reader(io.StringIO(text)))
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == "'=title"
    assert cells["page"].startswith("/")
    assert "\x1b" not in text and "\x9b" not in text
    for comment in ("=HYPERLINK", "+1", "-2+3", "@SUM", "\t"):
        assert not any(cell.startswith(comment) for cell in row)
    assert cells["latest_comments"].startswith("[/]")


def test_json_keeps_every_comment_and_sends_no_escape() -> None:
    summary = _summary()
    text = render(summary, "json")
    assert not any(char in text for char in "\x1b\x07\x9b\u202e\u202c")
    assert json.loads(text)["pages"][0]["latest_comments"] == HOSTILE_COMMENTS[::-1][:3]


@pytest.mark.parametrize(("raw", "cell"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "\\tx"),
    ("\rx", "\\rx"), ("plain", "plain")])
def test_each_formula_start_is_neutralised(raw: str, cell: str) -> None:
    assert for_csv(raw) == cell


def test_the_chart_stays_valid_xml_whatever_the_page() -> None:
    summary = _summary("/a\x00b\x1b<script>&\ufffe/")
    svg = svg_chart(summary)
    root = ElementTree.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "/a\ufffdb\ufffd<script>&\ufffd/" in texts


@pytest.mark.e2e
def test_the_report_command_prints_a_comment_of_rich_markup(tmp_path: Path) -> None:
    database = str(tmp_path / "f.sqlite3")
    store = open_store(database)

    async def add() -> None:
        for index, comment in enumerate(["[/]", "\x1b[31mred"]):
            await store.add(Event(id=f"00000000-0000-4000-8000-00000000000{index}",
                                  page="/error-catalog/", title="Errors", rating=0,
                                  comment=comment, version="v", ts=1), "client")

    asyncio.run(add())
    store.close()
    result = subprocess.run([sys.executable, "-m", "generator.cli", "feedback", "report",
                             "--db", database], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "[/]" in result.stdout and "\\x1b[31mred" in result.stdout
    assert "\x1b" not in result.stdout
