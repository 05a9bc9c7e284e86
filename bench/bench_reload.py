"""Edit-to-reload latency of `guides serve`, measured in a real browser.

Run with ``make bench``. Opens the API Authentication Reference in headless Chromium under
`guides serve` (search index and field reference included), leaves it alone for a while
(what an open preview costs while nobody edits), then edits the page title in api.yaml
several times, timing from the write to the moment the open page shows the new title
(MkDocs rebuilds, live reload refreshes it). Target: at most 1.0 s. Once told of changes
by the system, once polling for them (`--poll`).
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.paths import PROJECT_FILES

REPO = Path(__file__).resolve().parents[1]
EDITS = 7
TITLE = "title: API Authentication Reference"


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process `pid` and its children so far (Linux): a figure
    that other load on the machine does not inflate."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = " ".join(path.read_text() for path in Path(f"/proc/{pid}/task").glob(
        "*/children")).split()
    return own + sum(cpu_seconds(int(child)) for child in children)


#: Seconds an open preview is left alone to measure what it costs while nobody edits.
IDLE = 10.0


def main() -> int:
    for flags in ((), ("--poll",)):
        timings, cpu_per_edit, idle_share = measure(flags)
        print(f"guides serve {' '.join(flags)}".rstrip() + f": edit-to-reload in Chromium, "
              f"{EDITS} edits of api.yaml:")
        print(f"  median {statistics.median(timings):.2f} s, min {min(timings):.2f} s, "
              f"max {max(timings):.2f} s   (target <= 1.0 s)")
        print(f"  CPU time of guides serve per edit (rebuild and change watching): "
              f"{cpu_per_edit:.2f} s")
        print(f"  CPU while idle: {idle_share:.1%} of a core")
    return 0


def measure(flags: tuple[str, ...]) -> tuple[list[float], float, float]:
    """Each edit's seconds to the reload, the preview's CPU seconds per edit, and the share
    of a core it keeps busy while nobody edits."""
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary)
        for name in PROJECT_FILES:
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("guides")), "serve", "--dev-addr",
             f"127.0.0.1:{port}", *flags], cwd=project, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        spec = project / "api.yaml"
        pristine = spec.read_text(encoding="utf-8")
        timings = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                page = browser.new_page()
                deadline = time.monotonic() + 60
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}/api-authentication/")
                        break
                    except Exception:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.2)
                idle_before = cpu_seconds(server.pid)
                time.sleep(IDLE)
                idle_share = (cpu_seconds(server.pid) - idle_before) / IDLE
                cpu_before = cpu_seconds(server.pid)
                for edit in range(EDITS):
                    marker = f"API Authentication Reference, edit {edit}"
                    time.sleep(1.0)  # let the previous rebuild settle
                    start = time.perf_counter()
                    spec.write_text(pristine.replace(TITLE, f"title: {marker}"),
                                    encoding="utf-8")
                    page.wait_for_function(
                        "marker => document.querySelector('h1')?.textContent.includes(marker)",
                        arg=marker, timeout=30_000)
                    timings.append(time.perf_counter() - start)
                cpu_per_edit = (cpu_seconds(server.pid) - cpu_before) / EDITS
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return timings, cpu_per_edit, idle_share


if __name__ == "__main__":
    sys.exit(main())
