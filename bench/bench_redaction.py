"""What the redactor costs the check: every line and every exchange it writes passes it.

Run with ``python bench/bench_redaction.py``. Each figure is the median of several rounds,
in CPU time (the machine is shared: wall-clock time measures the neighbours), with the
credentials of a sandbox (five keys and two session tokens) and a new redactor per round
(the runs it judged are forgotten; what each run decodes to is kept for the process, so
the first round, which decodes, is shown apart):

- building a redactor, in ms;
- a typical console line (``ok <example> [<language>]``), in µs, in the first round too;
- the JUnit report of a full check in which every run failed on one value, in ms;
- the run cache of a full check: every recorded exchange redacted, in ms;
- a hostile line: a key the redactor knows, hidden in gzip+base64 of base32, in µs;
- a hostile answer beyond what a text may have decoded, in ms: 20,000 distinct 24-character
  base64 runs in one value, and base64 of base64 of base64 (17.8K characters); each is
  shown only by its length.
"""

from __future__ import annotations

import base64
import gzip
import json
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.check.guarding.redaction import Redactor
from generator.check.plan import plan_runs
from generator.check.reporting.report import write_junit
from generator.check.results import Failure, Result
from generator.check.running.exchange import Exchange
from generator.model import load_project

REPO = Path(__file__).resolve().parents[1]
ROUNDS = 7


def _credentials() -> list[str]:
    keys = ["lfk_" + secrets.token_urlsafe(24) for _ in range(5)]
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    tokens = [f"{header}.{secrets.token_urlsafe(60)}.{secrets.token_urlsafe(32)}"
              for _ in range(2)]
    return keys + tokens


CREDENTIALS = _credentials()


def _rounds(work: Callable[[Redactor], object], repeat: int = 1) -> list[float]:
    """CPU seconds of one `work` in each round, each round with a new redactor."""
    times = []
    for _ in range(ROUNDS):
        redact = Redactor(CREDENTIALS, "lfk_")
        start = time.process_time()
        for _ in range(repeat):
            work(redact)
        times.append((time.process_time() - start) / repeat)
    return times


def _median(work: Callable[[Redactor], object], repeat: int = 1) -> float:
    return statistics.median(_rounds(work, repeat))


def _built() -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        Redactor(CREDENTIALS, "lfk_")
        times.append(time.process_time() - start)
    return statistics.median(times)


def _recorded_exchanges() -> list[Exchange]:
    """Every example's recording, as the exchange the check captured."""
    exchanges = []
    for recording in sorted((REPO / "snippets").glob("*/recording.json")):
        data = json.loads(recording.read_text(encoding="utf-8"))
        request, response = data["request"], data["response"]
        body = response["body"]
        exchanges.append(Exchange(
            request["method"], request["url"].split("/v1", 1)[-1], dict(request["headers"]),
            json.dumps(request["body"]).encode() if request["body"] is not None else b"",
            response["status"], dict(response["headers"]),
            (body if isinstance(body, str) else json.dumps(body, indent=2)).encode()))
    return exchanges


def main() -> None:
    project = load_project(REPO / "api.yaml")
    runs = plan_runs(project, None)
    lines = [f"ok   {run.example.id} [{run.name}]  0.41 s" for run in runs]
    failed = [Result(run.example.id, run.name, [Failure(
        "body $.message: expected 'The provided API key has been revoked.', got 'The "
        "provided API key is revoked.'", f"snippets/{run.example.id}/curl.sh:4", 188)])
        for run in runs]
    exchanges = _recorded_exchanges() * 3  # each example runs in three languages
    hidden = base64.b64encode(gzip.compress(base64.b32encode(CREDENTIALS[0].encode())))

    def console(redact: Redactor) -> None:
        for line in lines:
            redact(line)

    hostile_line = ("body $.message: expected 'The provided API key has been revoked.', "
                    f"got 'Revoked: {hidden.decode()}'")

    def hostile(redact: Redactor) -> None:
        redact(hostile_line)

    many_runs = json.dumps({"message": " ".join(
        base64.b64encode(secrets.token_bytes(18)).decode() for _ in range(20_000))})
    triple = base64.b64encode(base64.b64encode(base64.b64encode(
        secrets.token_bytes(7_500)))).decode()

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.xml"
        console_rounds = _rounds(console)
        figures = {
            "redactor built (ms)": _built() * 1e3,
            "console line, first round (µs)": console_rounds[0] / len(lines) * 1e6,
            "console line (µs)": statistics.median(console_rounds) / len(lines) * 1e6,
            f"JUnit report, {len(failed)} failures (ms)":
                _median(lambda r: write_junit(failed, report, "api.yaml", r)) * 1e3,
            f"run cache, {len(exchanges)} exchanges (ms)":
                _median(lambda r: [e.redacted(r) for e in exchanges]) * 1e3,
            "hostile line (µs)": _median(hostile, 3) * 1e6,
            "20,000 base64 runs in one value (ms)": _median(lambda r: r(many_runs)) * 1e3,
            f"triple base64, {len(triple)} characters (ms)":
                _median(lambda r: r(triple)) * 1e3,
        }
    for name, value in figures.items():
        print(f"{name:<40} {value:10.1f}")
    caught = hidden.decode() not in Redactor(CREDENTIALS, "lfk_")(hostile_line)
    print(f"{'hostile line redacted':<40} {'yes' if caught else 'NO':>10}")


if __name__ == "__main__":
    main()
