"""What a sample must do to be safe to copy: readers paste samples as they are, so each one
takes the base URL with or without its trailing slash, stops with one line naming a
variable it needs and lacks, and never carries a credential through a redirect.

Each rule accepts one idiomatic spelling per language, the one the scaffold writes, and
names it in its message; problems point at the sample's own line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..errors import Problem
from .models import Samples

__all__ = ["sample_problems"]

Finding = tuple[int, str]


def sample_problems(samples: Samples, language: str, relative: str, text: str, *,
                    sends_credential: bool) -> list[Problem]:
    """The rules' findings for the sample at `relative` (``snippets/<id>/<file>``)."""
    rules = _RULES[language]
    required = [name for name in (samples.other_key_variable, samples.session_token_variable,
                                  samples.job_id_variable)
                if name is not None and name in text]
    findings = [*rules.base_url(text, samples.base_url_variable),
                *(found for name in required for found in rules.required(text, name))]
    if sends_credential:
        findings += rules.redirects(text)
    return [Problem(relative, message, line) for line, message in sorted(findings)]


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _lines_reading(text: str, read: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line where the pattern `read` (a variable read) is
    found; a message naming the variable is no read of it."""
    pattern = re.compile(read)
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            yield number, line


def _sh_read(variable: str) -> str:
    return rf"\$\{{?{variable}\b"


def _python_read(variable: str) -> str:
    return rf'os\.(?:environ(?:\.get)?|getenv)\W*"{variable}"'


def _node_read(variable: str) -> str:
    return rf"process\.env\.{variable}\b"


def _go_read(variable: str) -> str:
    return rf'(?:os\.(?:Getenv|LookupEnv)|envOr)\("{variable}"'


def _ruby_read(variable: str) -> str:
    return rf'ENV(?:\.fetch\(|\[)\s*"{variable}"'


def _php_read(variable: str) -> str:
    return rf'(?:getenv\(|\$_ENV\[|\$_SERVER\[)\s*"{variable}"'


def _java_read(variable: str) -> str:
    return rf'(?:System\.getenv|envOr)\("{variable}"'


# --- sh + curl -----------------------------------------------------------------------------

def _sh_base_url(text: str, variable: str) -> list[Finding]:
    form = (f'read the base URL as `base_url="${{{variable}:-…}}"` and write URLs as '
            '`"${base_url%/}/jobs"`, so that it works with or without a trailing slash')
    findings = []
    names = []
    for number, line in _lines_reading(text, _sh_read(variable)):
        assigned = re.fullmatch(rf'\s*(\w+)="\$\{{{variable}:-[^}}]*\}}"\s*', line)
        if assigned is None:
            findings.append((number, f"${variable} is read in place: {form}"))
        else:
            names.append(assigned[1])
    for name in names:
        for found in re.finditer(rf"\$(?:{name}|\{{{name}\}})/", text):
            findings.append((_line(text, found.start()),
                             f"${name} is followed by '/' untrimmed: {form}"))
    if names and "%/}" not in text:
        findings.append((_line(text, text.index(names[0])),
                         f"the base URL is never trimmed of its trailing slash: {form}"))
    return findings


def _sh_required(text: str, variable: str) -> list[Finding]:
    first = re.search(rf"\$\{{?{variable}\b", text)
    if first is None or text.startswith(f"${{{variable}:?", first.start()):
        return []
    return [(_line(text, first.start()),
             f"${variable} is used unchecked: write `${{{variable}:?set it to …}}` the first "
             "time, so that a reader who has not set it gets one line naming it, not a "
             "request to a bogus path")]


def _sh_redirects(text: str) -> list[Finding]:
    return [(_line(text, found.start()),
             f"{found[0]!r} follows redirects while sending a credential, which may carry it "
             "to another host; leave it out, and curl shows the redirect instead")
            for found in re.finditer(r"--location(?:-trusted)?\b|(?<![\w-])-[A-Za-z]*L\w*",
                                     text)]


# --- The languages read the same way: one tolerant spelling, one checked read ---------------

def _tolerant_base_url(read: Callable[[str], str], tolerant: str, form: str
                       ) -> Callable[[str, str], list[Finding]]:
    """The rule that the base URL is read only in the one form that drops a trailing slash:
    `tolerant` and `form` hold ``{variable}`` (and `form` is what the message shows)."""
    def rule(text: str, variable: str) -> list[Finding]:
        pattern = re.compile(tolerant.format(variable=re.escape(variable)))
        shown = form.format(variable=variable)
        return [(number, f"${variable} is read without dropping a trailing slash: write "
                         f"`{shown}`")
                for number, line in _lines_reading(text, read(variable))
                if not pattern.search(line)]
    return rule


def _checked_read(read: Callable[[str], str], defaulted: str, assigned: str, check: str,
                  form: str, following: int) -> Callable[[str, str], list[Finding]]:
    """The rule that a variable without a fallback is read as `assigned` (a pattern with
    one group, the name it is held in), then checked by `check` (formatted with that name)
    within the `following` lines; a read matching `defaulted` has a fallback."""
    def rule(text: str, variable: str) -> list[Finding]:
        lines = text.splitlines()
        shown = form.format(variable=variable)
        findings = []
        for number, line in _lines_reading(text, read(variable)):
            if re.search(defaulted.format(variable=variable), line):
                continue  # it has a default
            held = re.fullmatch(assigned.format(variable=variable), line)
            after = "\n".join(lines[number:number + following])
            if held is None or not re.match(check.format(name=re.escape(held[1])), after):
                findings.append((number, f"${variable} is read unchecked: {shown}, so that a "
                                         "reader who has not set it gets one line naming "
                                         "it, not a request with an empty value"))
        return findings
    return rule


def _forbidden(spellings: str, why: str) -> Callable[[str], list[Finding]]:
    """The rule that none of `spellings` (a pattern) is written where a credential is sent."""
    def rule(text: str) -> list[Finding]:
        return [(_line(text, found.start()), f"{found[0]!r} {why}")
                for found in re.finditer(spellings, text)]
    return rule


# --- Python + httpx ------------------------------------------------------------------------

_python_base_url = _tolerant_base_url(
    _python_read, r'os\.environ\.get\("{variable}", "[^"]*"\)\.rstrip\("/"\)',
    'os.environ.get("{variable}", "…").rstrip("/")')
_python_required = _checked_read(
    _python_read, r'os\.environ\.get\("{variable}", ',
    r'\s*(\w+) = os\.environ\.get\("{variable}"\)\s*', r"\s*if not {name}:\s*\n\s*sys\.exit\(",
    'write `name = os.environ.get("{variable}")`, then `if not name:` and '
    '`sys.exit("Set {variable} to …")`', 2)


def _python_redirects(text: str) -> list[Finding]:
    return [(_line(text, found.start()),
             "follow_redirects=True may carry the credential to another host; httpx does "
             "not follow redirects unless asked, so leave it out")
            for found in re.finditer(r"follow_redirects\s*=\s*True", text)]


# --- JavaScript (fetch) --------------------------------------------------------------------

_node_base_url = _tolerant_base_url(
    _node_read, r'\(process\.env\.{variable} \?\? "[^"]*"\)\.replace\(/\\/\+\$/, ""\)',
    '(process.env.{variable} ?? "…").replace(/\\/+$/, "")')
_node_required = _checked_read(
    _node_read, r"process\.env\.{variable} (?:\?\?|\|\|) ",
    r"\s*const (\w+) = process\.env\.{variable};\s*",
    r"\s*if \(!{name}\) {{\n(?:.*\n)?\s*process\.exit\(",
    'write `const name = process.env.{variable};`, then `if (!name) {{` with '
    '`console.error("Set {variable} to …")` and `process.exit(1)`', 3)


def _node_redirects(text: str) -> list[Finding]:
    findings = []
    for found in re.finditer(r"\bfetch\(", text):
        call = text[found.end():_closing(text, found.end())]
        if not re.search(r"""\bredirect:\s*["']manual["']""", call):
            findings.append((_line(text, found.start()),
                             'fetch follows redirects by default and keeps headers such as '
                             'X-API-Key on the way to another host: pass '
                             '`redirect: "manual"` with a credential'))
    return findings


#: What opens or closes a call, a string or an escape; the rest of a call is skipped.
_BRACKETS_AND_QUOTES = re.compile(r"""[\\"'`()\[\]{}]""")


def _closing(text: str, start: int) -> int:
    """The position of the parenthesis closing the call whose arguments begin at `start`."""
    depth, quote, escaped = 1, "", -1
    for found in _BRACKETS_AND_QUOTES.finditer(text, start):
        character, position = found[0], found.start()
        if position == escaped:
            continue
        if quote:
            if character == "\\":
                escaped = position + 1
            elif character == quote:
                quote = ""
        elif character in "\"'`":
            quote = character
        elif character in "([{":
            depth += 1
        elif character in ")]}":
            depth -= 1
            if depth == 0:
                return position
    return len(text)


# --- Go (net/http) ---------------------------------------------------------------------------

_go_base_url = _tolerant_base_url(
    _go_read, r'strings\.TrimRight\(envOr\("{variable}", "[^"]*"\), "/"\)',
    'strings.TrimRight(envOr("{variable}", "…"), "/")')
_go_required = _checked_read(
    _go_read, r'envOr\("{variable}", ', r'\s*(\w+) := os\.Getenv\("{variable}"\)\s*',
    r'\s*if {name} == "" {{\n.*\n\s*os\.Exit\(',
    'write `name := os.Getenv("{variable}")`, then `if name == "" {{` with '
    '`fmt.Fprintln(os.Stderr, "Set {variable} to …")` and `os.Exit(1)`', 3)


def _go_redirects(text: str) -> list[Finding]:
    """Go's client follows redirects by default and keeps headers such as X-API-Key on the
    way to another host: every request goes through a client that returns
    http.ErrUseLastResponse from CheckRedirect."""
    followed = _forbidden(
        r"\bhttp\.(?:Get|Head|Post|PostForm|DefaultClient)\b",
        "uses Go's default client, which follows redirects and keeps headers such as "
        "X-API-Key on the way to another host: send through a client whose CheckRedirect "
        "returns http.ErrUseLastResponse")(text)
    clients = list(re.finditer(r"&?http\.Client\{", text))
    if not clients and "client.Do(" not in text:
        return followed
    if "CheckRedirect" not in text or "http.ErrUseLastResponse" not in text:
        where = clients[0].start() if clients else text.index("client.Do(")
        followed.append((_line(text, where),
                         "the client follows redirects, which may carry the credential to "
                         "another host: give it `CheckRedirect: func(*http.Request, "
                         "[]*http.Request) error { return http.ErrUseLastResponse }`"))
    return followed


# --- Ruby (Net::HTTP) ------------------------------------------------------------------------

_ruby_base_url = _tolerant_base_url(
    _ruby_read, r'ENV\.fetch\("{variable}", "[^"]*"\)\.sub\(%r\{{/\+\\z\}}, ""\)',
    'ENV.fetch("{variable}", "…").sub(%r{{/+\\z}}, "")')
_ruby_required = _checked_read(
    _ruby_read, r'ENV\.fetch\("{variable}", ', r'\s*(\w+) = ENV\["{variable}"\]\s*',
    r'\s*abort[ (]"Set .*\bif {name}\.to_s\.empty\?',
    'write `name = ENV["{variable}"]`, then `abort "Set {variable} to …" if '
    'name.to_s.empty?`', 1)
#: Net::HTTP never follows a redirect; open-uri does, with every header it was given.
_ruby_redirects = _forbidden(
    r"\bopen-uri\b|\bURI\.open\b",
    "follows redirects, which may carry the credential to another host: use Net::HTTP, "
    "which shows a redirect instead")


# --- PHP (https stream wrapper) --------------------------------------------------------------

_php_base_url = _tolerant_base_url(
    _php_read, r'rtrim\(getenv\("{variable}"\) \?: "[^"]*", "/"\)',
    'rtrim(getenv("{variable}") ?: "…", "/")')
_php_required = _checked_read(
    _php_read, r'getenv\("{variable}"\) \?: ', r'\s*(\$\w+) = getenv\("{variable}"\);\s*',
    r'\s*if \(!{name}\) {{\n.*\n\s*exit\(',
    'write `$name = getenv("{variable}");`, then `if (!$name) {{` with '
    '`fwrite(STDERR, "Set {variable} to …\\n");` and `exit(1);`', 3)


def _php_redirects(text: str) -> list[Finding]:
    """PHP's http wrapper follows redirects by default, with every header it was given."""
    findings = _forbidden(r"CURLOPT_FOLLOWLOCATION\s*(?:=>|,)\s*(?:true|1)\b",
                          "follows redirects, which may carry the credential to another "
                          "host: leave it out")(text)
    for found in re.finditer(r"\bstream_context_create\(", text):
        call = text[found.end():_closing(text, found.end())]
        if not re.search(r"""["']follow_location["']\s*=>\s*(?:0|false)\b""", call):
            findings.append((_line(text, found.start()),
                             "PHP's http wrapper follows redirects by default, with every "
                             'header, to any host: pass `"follow_location" => 0`'))
    return findings


# --- Java (java.net.http.HttpClient) ---------------------------------------------------------

_java_base_url = _tolerant_base_url(
    _java_read, r'envOr\("{variable}", "[^"]*"\)\.replaceAll\("/\+\$", ""\)',
    'envOr("{variable}", "…").replaceAll("/+$", "")')
_java_required = _checked_read(
    _java_read, r'envOr\("{variable}", ', r'\s*String (\w+) = System\.getenv\("{variable}"\);\s*',
    r'\s*if \({name} == null \|\| {name}\.isEmpty\(\)\) {{\n.*\n\s*System\.exit\(',
    'write `String name = System.getenv("{variable}");`, then `if (name == null || '
    'name.isEmpty()) {{` with `System.err.println("Set {variable} to …");` and '
    '`System.exit(1);`', 3)
#: HttpClient follows no redirect unless built with a policy that does.
_java_redirects = _forbidden(
    r"\bRedirect\.(?:NORMAL|ALWAYS)\b",
    "follows redirects, which may carry the credential to another host: leave the "
    "client's policy at its default, Redirect.NEVER")


class _Rules(NamedTuple):
    base_url: Callable[[str, str], list[Finding]]
    required: Callable[[str, str], list[Finding]]
    redirects: Callable[[str], list[Finding]]


#: Language key (as in `LANGUAGES`) -> its rules.
_RULES = {
    "curl": _Rules(_sh_base_url, _sh_required, _sh_redirects),
    "python": _Rules(_python_base_url, _python_required, _python_redirects),
    "node": _Rules(_node_base_url, _node_required, _node_redirects),
    "go": _Rules(_go_base_url, _go_required, _go_redirects),
    "ruby": _Rules(_ruby_base_url, _ruby_required, _ruby_redirects),
    "php": _Rules(_php_base_url, _php_required, _php_redirects),
    "java": _Rules(_java_base_url, _java_required, _java_redirects),
}
