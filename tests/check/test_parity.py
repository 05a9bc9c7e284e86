"""The parity corpus: tricky but legal samples end in the check as in a reader's own run.

Each case is a folder: the sample, under the name the pages give it, and the files beside
it. It runs once through the check's launcher and once as a reader runs it, by typing the
command the pages give (`LANGUAGES`) in that folder, in a plain subprocess; both must give
the outcome written here: the exit status (None: stopped by the timeout), all of stdout,
and what stderr must hold; and their stderr must be the same.
"""

from __future__ import annotations

import http.server
import json
import re
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme

from generator.check.judging.printed import printed_problems
from generator.check.running.environment import snippet_environment
from generator.check.running.exchange import Exchange
from generator.check.running.launch import Outcome, run_sample
from generator.check.running.process_group import ProcessGroup
from generator.check.running.runtimes import Runtimes, cache_variables
from generator.languages import LANGUAGES
from tests.conftest import REPO, serving

# Each case is a real program run twice: by the check and as a reader runs it.
pytestmark = pytest.mark.e2e

TIMEOUT = 3.0
#: How long a case that ends is given: its end, not its speed, is what is compared (the
#: source launcher compiles in the JVM, `go run` compiles and links, and node's fetch
#: compiles its WebAssembly parser, each slower on a loaded machine).
ENDING = 30.0


@dataclass(frozen=True)
class Case:
    language: str
    source: str
    exit_code: int | None
    stdout: str = ""
    stderr_has: str = ""
    beside: tuple[tuple[str, str], ...] = ()
    """Other files in the sample's folder: (name, text)."""


#: A Go program with `imports` (one per line) and the body of its main.
GO = "package main\n\nimport (\n\t{imports}\n)\n\nfunc main() {{\n\t{body}\n}}\n"
#: A Java program: the body of Main.main, which may throw.
JAVA = ("public class Main {{\n    public static void main(String[] args) throws Exception {{\n"
        "        {body}\n    }}\n}}\n")

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
        "python", "import os, sys\nprint(sys.argv == [os.path.basename(__file__)], sys.path[0] == "
        "os.path.dirname(__file__), __name__, __spec__, sys.modules['__main__'].__file__ "
        "== __file__)\n", 0, "True True __main__ None True\n"),
    "py-pickles-main-class": Case(
        "python", "import pickle\nclass P:\n    x = 1\n"
        "print(type(pickle.loads(pickle.dumps(P()))).__name__)\n", 0, "P\n"),
    "py-stdin-is-empty": Case("python", "import sys\nprint(repr(sys.stdin.read()))\n", 0,
                              "''\n"),
    "py-only-its-environment": Case(
        "python", "import os\nprint(sorted(os.environ))\n", 0,
        "['GIVEN', 'LANG', 'PATH', 'TMPDIR']\n"),
    "py-only-three-descriptors": Case("python", "import os\nprint(os.listdir('/proc/self/fd'))\n",
                                      0, "['0', '1', '2', '3']\n"),
    # Python: how the file is compiled, and the globals of its module (a preloaded
    # interpreter compiling with its own `from __future__ import annotations` got these wrong).
    "py-type-checking-only-import": Case(
        "python", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from decimal import Decimal\ndef total(x: Decimal) -> None:\n    pass\n"
        "print('defined')\n", 1, "", "NameError: name 'Decimal' is not defined"),
    "py-dataclass-field-types": Case(
        "python", "import dataclasses\n@dataclasses.dataclass\nclass Row:\n    n: int\n"
        "print([field.type('3') for field in dataclasses.fields(Row)])\n", 0, "[3]\n"),
    "py-module-globals": Case(
        "python", "import os\nlimit: int = 20\nprint(__annotations__, __cached__, __spec__, "
        "__file__ == os.path.join(os.getcwd(), 'python.py'), __doc__)\n", 0,
        "{'limit': <class 'int'>} None None True None\n"),
    "py-argv-as-typed": Case("python", "import sys\nprint(sys.argv)\n", 0, "['python.py']\n"),
    "py-opens-beside-by-relative-name": Case(
        "python", "print(open('data.txt').read(), end='')\n", 0, "beside\n",
        beside=(("data.txt", "beside\n"),)),
    "py-runs-its-own-interpreter": Case(
        "python", "import subprocess, sys\nsubprocess.run([sys.executable, '-c', "
        "'print(\"child\")'], check=True)\n", 0, "child\n"),
    "py-non-ascii-output": Case("python", "print('Zoë — 東京')\n", 0, "Zoë — 東京\n"),
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
    # fetch parses responses with WebAssembly, and a sample may run its own.
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
    "node-argv-and-url": Case(
        "node", "import { pathToFileURL } from 'node:url';\n"
        "console.log(process.argv.length, process.argv[1] === `${process.cwd()}/node.mjs`, "
        "import.meta.url === pathToFileURL(`${process.cwd()}/node.mjs`).href, "
        "process.execArgv.length);\n", 0, "2 true true 0\n"),
    "node-reads-beside-by-relative-name": Case(
        "node", 'import fs from "node:fs";\nprocess.stdout.write(fs.readFileSync("data.txt", '
        '"utf8"));\n', 0, "beside\n", beside=(("data.txt", "beside\n"),)),
    # curl samples are shell scripts, run by their shebang.
    "sh-exit-status": Case("curl", "echo a\nexit 3\n", 3, "a\n"),
    "sh-bash-by-shebang": Case(
        "curl", "#!/usr/bin/env bash\nset -o pipefail\n"
        "if false | cat; then echo passed; else echo failed; fi\n", 0, "failed\n"),
    "sh-options-on-the-shebang": Case(
        "curl", '#!/bin/sh -eu\necho "${UNSET_VAR}"\necho never\n', 2, "",
        "UNSET_VAR: parameter not set"),
    "sh-dollar-zero": Case("curl", 'echo "$0"\n', 0, "./curl.sh\n"),
    "sh-background-job": Case("curl", "(sleep 0.2; echo late) &\necho now\nwait\n", 0,
                              "now\nlate\n"),
    "sh-errexit": Case("curl", "set -e\nfalse\necho never\n", 1),
    "sh-exit-trap": Case("curl", "trap 'echo bye' EXIT\necho hi\n", 0, "hi\nbye\n"),
    "sh-file-beside": Case("curl", 'cat "$(dirname "$0")/data.txt"\n', 0, "beside\n",
                           beside=(("data.txt", "beside\n"),)),
    "sh-file-beside-by-relative-name": Case("curl", "cat data.txt\n", 0, "beside\n",
                                            beside=(("data.txt", "beside\n"),)),
    "sh-curl-refused": Case("curl", "curl --silent --show-error http://127.0.0.1:9/\n", 7, "",
                            "Failed to connect"),
    "sh-hangs": Case("curl", "sleep 60\n", None),
    # Go, by `go run`: the program's status is said on stderr, the command's is 1.
    "go-exit-status": Case("go", GO.format(imports='"fmt"\n\t"os"', body='fmt.Println("a")\n'
                                         "\tos.Exit(3)"), 1, "a\n", "exit status 3"),
    "go-unflushed-output": Case("go", GO.format(imports='"os"',
                                                body='os.Stdout.WriteString("no newline")'),
                                0, "no newline"),
    "go-compile-error": Case("go", GO.format(imports='"fmt"', body="fmt.Println(undefined)"), 2,
                             "", "undefined: undefined"),
    "go-goroutine-left-running": Case(
        "go", GO.format(imports='"fmt"\n\t"time"', body='go func() { time.Sleep(time.Second); '
                        'fmt.Println("late") }()\n\tfmt.Println("now")'), 0, "now\n"),
    "go-reads-beside-by-relative-name": Case(
        "go", GO.format(imports='"fmt"\n\t"os"', body='text, _ := os.ReadFile("data.txt")\n'
                        "\tfmt.Print(string(text))"), 0, "beside\n",
        beside=(("data.txt", "beside\n"),)),
    "go-hangs": Case("go", GO.format(imports='"time"', body="time.Sleep(time.Minute)"), None),
    # Ruby.
    "rb-exit-status": Case("ruby", 'puts "a"\nexit 3\n', 3, "a\n"),
    "rb-uncaught-error": Case("ruby", 'raise ArgumentError, "bad"\n', 1, "",
                              "main.rb:1:in `<main>': bad (ArgumentError)"),
    "rb-unflushed-output": Case("ruby", 'print "no newline"\n', 0, "no newline"),
    "rb-at-exit": Case("ruby", 'at_exit { puts "bye" }\nputs "hi"\n', 0, "hi\nbye\n"),
    "rb-requires-beside": Case("ruby", 'require_relative "helper"\nputs VALUE\n', 0, "42\n",
                               beside=(("helper.rb", "VALUE = 42\n"),)),
    "rb-hangs": Case("ruby", "sleep 60\n", None),
    # PHP.
    "php-exit-status": Case("php", '<?php\necho "a\\n";\nexit(3);\n', 3, "a\n"),
    "php-unflushed-output": Case("php", '<?php\necho "no newline";\n', 0, "no newline"),
    "php-fatal-error": Case("php", "<?php\nundefined_function();\n", 255, "",
                            "Call to undefined function undefined_function()"),
    "php-shutdown-function": Case(
        "php", '<?php\nregister_shutdown_function(function () { echo "bye\\n"; });\n'
        'echo "hi\\n";\n', 0, "hi\nbye\n"),
    "php-includes-beside": Case("php", '<?php\nrequire "helper.php";\necho VALUE, "\\n";\n', 0,
                                "42\n", beside=(("helper.php", '<?php\nconst VALUE = 42;\n'),)),
    "php-hangs": Case("php", "<?php\nsleep(60);\n", None),
    # Java, by the source launcher.
    "java-exit-status": Case("java", JAVA.format(body='System.out.println("a");\n'
                                                     "        System.exit(3);"), 3, "a\n"),
    "java-unflushed-output": Case("java", JAVA.format(body='System.out.print("no newline");'),
                                  0, "no newline"),
    "java-compile-error": Case("java", JAVA.format(body="undefined();"), 1, "",
                               "error: cannot find symbol"),
    "java-shutdown-hook": Case(
        "java", JAVA.format(body='Runtime.getRuntime().addShutdownHook(new Thread(() -> '
                            'System.out.println("bye")));\n        System.out.println("hi");'),
        0, "hi\nbye\n"),
    "java-hangs": Case("java", JAVA.format(body="Thread.sleep(60_000);"), None),
}


@pytest.fixture(scope="module")
def processes() -> Iterator[ProcessGroup]:
    group = ProcessGroup()
    yield group
    group.close()


def given(language: str, env: dict[str, str] | None = None) -> dict[str, str]:
    # The caches a reader's runtime keeps in their home (Go's build cache), as the check
    # gives them; a reader has them already.
    caches = cache_variables(REPO, language, LANGUAGES[language])
    return {**snippet_environment(), **caches, "GIVEN": "given", **(env or {})}


def lay_out(case: Case, folder: Path) -> Path:
    folder.mkdir()
    # Where the run's temporary files go (TMPDIR, see `scratch`): a Go run ended at its
    # timeout leaves its build folder behind.
    (folder.parent / f"{folder.name}.tmp").mkdir()
    sample = folder / LANGUAGES[case.language].filename
    source = case.source
    if case.language == "curl" and not source.startswith("#!"):
        source = "#!/bin/sh\n" + source
    sample.write_text(source, encoding="utf-8")
    sample.chmod(0o755)
    for name, text in case.beside:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def by_the_check(processes: ProcessGroup, case: Case, folder: Path,
                 env: dict[str, str] | None = None) -> Outcome:
    return run_sample(processes, LANGUAGES[case.language].command, lay_out(case, folder),
                      given(case.language, scratch(folder, env)), _timeout(case))


def by_a_reader(case: Case, folder: Path, env: dict[str, str] | None = None) -> Outcome:
    """The command the page gives, typed in the sample's folder."""
    lay_out(case, folder)
    try:
        done = subprocess.run(LANGUAGES[case.language].command, cwd=folder,
                              env=given(case.language, scratch(folder, env)),
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=_timeout(case),
                              start_new_session=True, check=False)
    except subprocess.TimeoutExpired as stopped:
        return Outcome(None, _text(stopped.stdout), _text(stopped.stderr), _timeout(case))
    return Outcome(done.returncode, _text(done.stdout), _text(done.stderr), 0.0)


def scratch(folder: Path, env: dict[str, str] | None) -> dict[str, str]:
    """`env` with TMPDIR in the test's own folder (which `lay_out` makes), not /tmp."""
    return {"TMPDIR": str(folder.parent / f"{folder.name}.tmp"), **(env or {})}


def _timeout(case: Case) -> float:
    """A case that hangs is ended at `TIMEOUT` in any language, compiling or not yet."""
    return TIMEOUT if case.exit_code is None else ENDING


def _text(output: bytes | str | None) -> str:
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output or ""


@pytest.mark.parametrize("name", CASES)
def test_the_check_ends_as_a_readers_own_run(processes: ProcessGroup, tmp_path: Path,
                                            name: str) -> None:
    case = CASES[name]
    seen = {}
    for who, outcome in (("check", by_the_check(processes, case, tmp_path / "check")),
                         ("reader", by_a_reader(case, tmp_path / "reader"))):
        assert outcome.problem is None
        assert (outcome.exit_code, outcome.stdout) == (case.exit_code, case.stdout), \
            f"{who}: {outcome.stderr}"
        assert case.stderr_has in outcome.stderr, who
        # Tracebacks name the same frames; only the folder differs, and the milliseconds
        # curl says a refused connection took.
        seen[who] = re.sub(r"after \d+ ms", "after N ms",
                           outcome.stderr.replace(f"/{who}/", "/FOLDER/"))
    if case.exit_code is not None:  # a reader's timeout cuts stderr anywhere
        assert seen["check"] == seen["reader"]


#: JSON as samples print it: indented over lines, in another key order, other spacing.
BODY = {"error": "INVALID_TOKEN", "message": "The key is not valid.", "docs": ["a", 1]}
PRINTS_JSON = {
    "python-indented": Case(
        "python", f"import json\nbody = json.loads({json.dumps(json.dumps(BODY))})\n"
        "print(401)\nprint(json.dumps(body, indent=2))\n", 0),
    "python-sorted-compact": Case(
        "python", f"import json\nbody = json.loads({json.dumps(json.dumps(BODY))})\n"
        "print('status', 401)\nprint(json.dumps(body, sort_keys=True, separators=(',', ':')))\n",
        0),
    "node-indented": Case(
        "node", f"const b = {json.dumps(BODY)};\nconsole.log(401);\n"
        "console.log(JSON.stringify(b, null, 2));\n", 0),
    "node-tab-indented": Case(
        "node", f"const b = {json.dumps(BODY)};\n"
        "console.log(401, JSON.stringify(b, null, '\\t'));\n", 0),
    "curl-jq": Case(
        "curl", f"printf '%s' '{json.dumps(BODY)}' > body.json\necho 401\njq . body.json\n", 0),
}


@pytest.mark.parametrize("name", PRINTS_JSON)
def test_formatted_json_is_the_body_it_received(processes: ProcessGroup, tmp_path: Path,
                                                name: str) -> None:
    case = PRINTS_JSON[name]
    received = Exchange("GET", "/jobs", {}, b"", 401, {}, json.dumps(BODY).encode())
    for who, outcome in (("check", by_the_check(processes, case, tmp_path / "check")),
                         ("reader", by_a_reader(case, tmp_path / "reader"))):
        assert outcome.exit_code == 0, f"{who}: {outcome.stderr}"
        assert "\n  " in outcome.stdout or "\t" in outcome.stdout or ":" in outcome.stdout
        assert printed_problems(outcome.stdout, received) == [], who
    other = Exchange("GET", "/jobs", {}, b"", 401, {}, json.dumps({**BODY, "docs": []}).encode())
    assert printed_problems(by_a_reader(case, tmp_path / "again").stdout, other) == [
        "it does not print the response body it received"]


# A sample trusts the authority in its language's CA variable, as a plain run does, and
# refuses one it was not given.
SERVE_AND_FETCH = (
    'import https from "node:https";\nimport fs from "node:fs";\n'
    'const server = https.createServer({ key: fs.readFileSync("key.pem"), '
    'cert: fs.readFileSync("cert.pem") }, (_, res) => res.end("hi"));\n'
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
def test_node_trusts_as_a_readers_run(processes: ProcessGroup, tmp_path: Path,
                                      name: str) -> None:
    trusted, exit_code, stdout = TRUST_CASES[name]
    authority = trustme.CA()
    issued = authority.issue_cert("127.0.0.1")
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    env = {LANGUAGES["node"].ca_variable: str(tmp_path / "ca.pem")} if trusted else {}
    case = Case("node", SERVE_AND_FETCH, exit_code, stdout, beside=(
        ("key.pem", issued.private_key_pem.bytes().decode()),
        ("cert.pem", issued.cert_chain_pems[0].bytes().decode())))
    for who, outcome in (("check", by_the_check(processes, case, tmp_path / "check", env)),
                         ("reader", by_a_reader(case, tmp_path / "reader", env))):
        assert (outcome.exit_code, outcome.stdout) == (exit_code, stdout), \
            f"{who}: {outcome.stderr}"


#: In each language, a GET of $SERVER_URL over HTTPS, which prints the status and body, or
#: "refused" (exit status 1) when the server's authority is not trusted.
FETCH_OVER_TLS = {
    "go": GO.format(imports='"fmt"\n\t"io"\n\t"net/http"\n\t"os"', body=(
        'response, err := http.Get(os.Getenv("SERVER_URL"))\n\tif err != nil {\n'
        '\t\tfmt.Println("refused")\n\t\treturn\n\t}\n'
        "\tbody, _ := io.ReadAll(response.Body)\n"
        "\tfmt.Println(response.StatusCode, string(body))")).replace(
            "return\n", "os.Exit(1)\n"),
    "ruby": 'require "net/http"\nbegin\n  response = Net::HTTP.get_response(URI(ENV["SERVER_URL"]))'
            '\n  puts "#{response.code} #{response.body}"\nrescue OpenSSL::SSL::SSLError\n'
            '  puts "refused"\n  exit 1\nend\n',
    "php": '<?php\n$body = @file_get_contents(getenv("SERVER_URL"));\nif ($body === false) {\n'
           '    echo "refused\\n";\n    exit(1);\n}\n'
           'echo explode(" ", $http_response_header[0])[1], " ", $body, "\\n";\n',
    "java": "import java.net.URI;\nimport java.net.http.HttpClient;\n"
            "import java.net.http.HttpRequest;\nimport java.net.http.HttpResponse;\n\n"
            + JAVA.format(body=(
                "try {\n            HttpResponse<String> response = "
                "HttpClient.newHttpClient().send("
                'HttpRequest.newBuilder(URI.create(System.getenv("SERVER_URL"))).build(), '
                "HttpResponse.BodyHandlers.ofString());\n"
                '            System.out.println(response.statusCode() + " " + response.body());\n'
                "        } catch (java.io.IOException refused) {\n"
                '            System.out.println("refused");\n            System.exit(1);\n'
                "        }")),
}


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on loopback answering "hi", and its authority's PEM file."""
    authority = trustme.CA()
    folder = tmp_path_factory.mktemp("tls")
    authority.cert_pem.write_to_path(str(folder / "ca.pem"))

    class Hi(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"hi")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hi)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with serving(server):
        yield f"https://127.0.0.1:{server.server_address[1]}/", folder / "ca.pem"


@pytest.mark.parametrize("trusted", [True, False], ids=["trusted", "unknown-authority"])
@pytest.mark.parametrize("language", FETCH_OVER_TLS)
def test_each_language_trusts_the_authority_as_a_reader_sets_it(
        processes: ProcessGroup, tmp_path: Path, tls_server: tuple[str, Path], language: str,
        trusted: bool) -> None:
    """The CA variable in the form the check gives it (for Java, a trust store keytool
    made) is what the language honours; without it, the authority is refused."""
    url, ca_file = tls_server
    env = {"SERVER_URL": url}
    if trusted:
        env.update(Runtimes(ca_file, tmp_path, REPO).environment(language, LANGUAGES[language]))
    case = Case(language, FETCH_OVER_TLS[language], 0 if trusted else 1,
                "200 hi\n" if trusted else "refused\n")
    for who, outcome in (("check", by_the_check(processes, case, tmp_path / "check", env)),
                         ("reader", by_a_reader(case, tmp_path / "reader", env))):
        assert (outcome.exit_code, outcome.stdout) == (case.exit_code, case.stdout), \
            f"{who}: {outcome.stderr}"
