"""The parity corpus: tricky but legal snippets get the same outcome warm and cold.

Each case is a folder of files, the snippet first; it runs through the default (warm)
launchers and through a new process each (`--cold`), and both must give the outcome a
reader's own run gives: the exit status (None: stopped by the timeout), all of stdout, and
all of stderr.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from generator.check.launch import Launchers, Outcome
from generator.check.process_group import ProcessGroup

SUFFIX = {"python": ".py", "node": ".mjs", "curl": ".sh"}
TIMEOUT = 3.0


@dataclass(frozen=True)
class Case:
    language: str
    source: str
    exit_code: int | None
    stdout: str = ""
    stderr_has: str = ""
    beside: tuple[tuple[str, str], ...] = ()
    """Other files in the snippet's folder: (name, text)."""


CASES = {
    # Python: how a run ends.
    "py-exit-status": Case("python", "import sys\nprint('a')\nsys.exit(3)\n", 3, "a\n"),
    "py-exit-message": Case("python", "import sys\nsys.exit('gave up')\n", 1, "",
                            "gave up"),
    "py-uncaught-error": Case("python", "def f():\n    raise ValueError('bad')\nf()\n", 1,
                              "", 'line 3, in <module>\n    f()\n  File'),
    "py-syntax-error": Case("python", "print('never'\n", 1, "", "SyntaxError"),
    "py-custom-excepthook": Case(
        "python", "import sys\nsys.excepthook = lambda *a: print('hooked', a[1])\n"
        "raise KeyError('k')\n", 1, "hooked 'k'\n"),
    "py-thread-error-keeps-status": Case(
        "python", "import threading\nt = threading.Thread(target=lambda: 1 / 0)\nt.start()\n"
        "t.join()\nprint('main done')\n", 0, "main done\n", "ZeroDivisionError"),
    # Python: pending work, and what runs at shutdown.
    "py-non-daemon-thread": Case(
        "python", "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('late'))).start()\n"
        "print('early')\n", 0, "early\nlate\n"),
    "py-timer": Case("python", "import threading\n"
                     "threading.Timer(0.2, print, ['timer']).start()\n", 0, "timer\n"),
    "py-atexit": Case("python", "import atexit\natexit.register(print, 'bye')\nprint('hi')\n",
                      0, "hi\nbye\n"),
    "py-finalizer": Case("python", "class T:\n    def __del__(self):\n        print('freed')\n"
                         "keep = T()\nprint('made')\n", 0, "made\nfreed\n"),
    "py-unflushed-output": Case("python", "import sys\nsys.stdout.write('no newline')\n", 0,
                                "no newline"),
    "py-hangs": Case("python", "import time\ntime.sleep(60)\n", None),
    # Python: what a run sees.
    "py-imports-beside": Case("python", "import helper\nprint(helper.VALUE)\n", 0, "42\n",
                              beside=(("helper.py", "VALUE = 42\n"),)),
    "py-shadows-an-imported-module": Case(
        "python", "import json\nprint(json.MARK)\n", 0, "beside\n",
        beside=(("json.py", "MARK = 'beside'\n"),)),
    "py-shadows-a-preloaded-module": Case(
        "python", "import httpcore\nprint(httpcore.MARK)\n", 0, "beside\n",
        beside=(("httpcore.py", "MARK = 'beside'\n"),)),
    "py-no-project-internals": Case("python", "import launch\n", 1, "",
                                    "ModuleNotFoundError: No module named 'launch'"),
    "py-argv-path-main": Case(
        "python", "import os, sys\nprint(sys.argv == [__file__], sys.path[0] == "
        "os.path.dirname(__file__), __name__, __spec__, sys.modules['__main__'].__file__ "
        "== __file__)\n", 0, "True True __main__ None True\n"),
    "py-pickles-main-class": Case(
        "python", "import pickle\nclass P:\n    x = 1\n"
        "print(type(pickle.loads(pickle.dumps(P()))).__name__)\n", 0, "P\n"),
    "py-stdin-is-empty": Case("python", "import sys\nprint(repr(sys.stdin.read()))\n", 0,
                              "''\n"),
    "py-only-its-environment": Case(
        "python", "import os\nprint(sorted(os.environ))\n", 0, "['GIVEN', 'LANG', 'PATH']\n"),
    "py-only-three-descriptors": Case("python", "import os\nprint(os.listdir('/proc/self/fd'))\n",
                                      0, "['0', '1', '2', '3']\n"),
    # Node.
    "node-exit-code-without-exit": Case("node", "process.exitCode = 3;\nconsole.log('set');\n",
                                        3, "set\n"),
    "node-pending-timer": Case("node", "setTimeout(() => console.log('later'), 200);\n"
                               "console.log('now');\n", 0, "now\nlater\n"),
    "node-unhandled-rejection": Case("node", "Promise.reject(new Error('nope'));\n", 1, "",
                                     "Error: nope"),
    "node-top-level-throw": Case("node", "throw new TypeError('bad');\n", 1, "",
                                 "TypeError: bad"),
    "node-unsettled-await": Case("node", "await new Promise(() => {});\n", 13),
    "node-builtins": Case(
        "node", 'import fs from "node:fs";\nimport { randomUUID } from "node:crypto";\n'
        'fs.writeFileSync("f.txt", "kept");\nprocess.stdout.write(fs.readFileSync("f.txt", '
        '"utf8") + " " + randomUUID().length);\n', 0, "kept 36"),
    "node-imports-beside": Case("node", 'import { value } from "./helper.mjs";\n'
                                "console.log(value);\n", 0, "42\n",
                                beside=(("helper.mjs", "export const value = 42;\n"),)),
    "node-exit-handler": Case("node", "process.on('exit', (code) => console.log('bye', code));"
                              "\nprocess.exitCode = 2;\n", 2, "bye 2\n"),
    "node-exit-in-timer": Case("node", "setTimeout(() => process.exit(5), 50);\n", 5),
    "node-hangs": Case("node", "setInterval(() => {}, 1000);\n", None),
    # The default launcher's V8 options change how WebAssembly is compiled, not its results:
    # fetch parses responses with it, and a snippet may run its own.
    "node-fetch-parses": Case(
        "node", 'import http from "node:http";\n'
        'const server = http.createServer((_, res) => res.end("hi")).listen(0, "127.0.0.1");\n'
        'await new Promise((done) => server.once("listening", done));\n'
        'const response = await fetch(`http://127.0.0.1:${server.address().port}/`);\n'
        'console.log(response.status, await response.text());\nserver.close();\n',
        0, "200 hi\n"),
    "node-webassembly": Case(
        "node", "const add = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127,"
        " 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32,"
        " 1, 106, 11]);\nconst { instance } = await WebAssembly.instantiate(add);\n"
        "console.log(instance.exports.add(2 ** 31 - 1, 1));\n", 0, "-2147483648\n"),
    # curl snippets are shell scripts.
    "sh-exit-status": Case("curl", "echo a\nexit 3\n", 3, "a\n"),
    "sh-background-job": Case("curl", "(sleep 0.2; echo late) &\necho now\nwait\n", 0,
                              "now\nlate\n"),
    "sh-errexit": Case("curl", "set -e\nfalse\necho never\n", 1),
    "sh-exit-trap": Case("curl", "trap 'echo bye' EXIT\necho hi\n", 0, "hi\nbye\n"),
    "sh-file-beside": Case("curl", 'cat "$(dirname "$0")/data.txt"\n', 0, "beside\n",
                           beside=(("data.txt", "beside\n"),)),
    "sh-curl-refused": Case("curl", "curl --silent --show-error http://127.0.0.1:9/\n", 7, "",
                            "Failed to connect"),
    "sh-hangs": Case("curl", "sleep 60\n", None),
}


@pytest.fixture(scope="module")
def modes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Launchers]]:
    """The default launchers and `--cold`'s, each in its own process group."""
    processes = ProcessGroup()
    host_env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8"}
    launched = {mode: Launchers(warm=mode == "warm", host_env=host_env, group=processes.group,
                                work=tmp_path_factory.mktemp(mode))
                for mode in ("warm", "cold")}
    yield launched
    for launchers in launched.values():
        launchers.close()
    processes.close()


def run(launchers: Launchers, case: Case, folder: Path,
        env: dict[str, str] | None = None) -> Outcome:
    folder.mkdir()
    snippet = folder / f"snippet{SUFFIX[case.language]}"
    snippet.write_text(case.source, encoding="utf-8")
    for name, text in case.beside:
        (folder / name).write_text(text, encoding="utf-8")
    given = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "GIVEN": "given", **(env or {})}
    return launchers.run(case.language, snippet, given, TIMEOUT)


@pytest.mark.parametrize("name", CASES)
def test_warm_and_cold_end_as_a_readers_own_run(modes: dict[str, Launchers], tmp_path: Path,
                                                name: str) -> None:
    case = CASES[name]
    seen = {}
    for mode, launchers in modes.items():
        outcome = run(launchers, case, tmp_path / mode)
        assert outcome.problem is None
        assert (outcome.exit_code, outcome.stdout) == (case.exit_code, case.stdout), \
            f"{mode}: {outcome.stderr}"
        assert case.stderr_has in outcome.stderr, mode
        # Tracebacks name the same frames; only the folder differs.
        seen[mode] = outcome.stderr.replace(f"/{mode}/", "/MODE/")
    assert seen["warm"] == seen["cold"]


# The default launcher leaves Node's certificates to OpenSSL (`node_trust`): a server whose
# authority is in NODE_EXTRA_CA_CERTS is trusted and one whose authority is not is refused,
# as by a plain `node` (tests/check/test_node_trust.py: Node's bundled roots are found).
SERVE_AND_FETCH = (
    'import https from "node:https";\nimport fs from "node:fs";\n'
    'const beside = (name) => fs.readFileSync(new URL(name, import.meta.url));\n'
    'const server = https.createServer({ key: beside("key.pem"), cert: beside("cert.pem") },'
    ' (_, res) => res.end("hi"));\n'
    'server.listen(0, "127.0.0.1");\nawait new Promise((done) => server.once("listening", done));\n'
    "try {\n  const response = await fetch(`https://127.0.0.1:${server.address().port}/`);\n"
    "  console.log(response.status, await response.text());\n"
    "} catch (error) {\n  console.log(error.cause.code);\n  process.exitCode = 1;\n"
    "} finally {\n  server.close();\n}\n")
TRUST_CASES = {
    "node-trusts-its-extra-authority": (True, 0, "200 hi\n"),
    "node-refuses-an-unknown-authority": (False, 1, "UNABLE_TO_VERIFY_LEAF_SIGNATURE\n"),
}


@pytest.mark.parametrize("name", TRUST_CASES)
def test_node_trusts_alike_warm_and_cold(modes: dict[str, Launchers], tmp_path: Path,
                                         name: str) -> None:
    trusted, exit_code, stdout = TRUST_CASES[name]
    authority = trustme.CA()
    issued = authority.issue_cert("127.0.0.1")
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    env = {"NODE_EXTRA_CA_CERTS": str(tmp_path / "ca.pem")} if trusted else {}
    case = Case("node", SERVE_AND_FETCH, exit_code, stdout, beside=(
        ("key.pem", issued.private_key_pem.bytes().decode()),
        ("cert.pem", issued.cert_chain_pems[0].bytes().decode())))
    for mode, launchers in modes.items():
        outcome = run(launchers, case, tmp_path / mode, env)
        assert (outcome.exit_code, outcome.stdout) == (exit_code, stdout), \
            f"{mode}: {outcome.stderr}"

