"""Every exchange is judged: the only request, the rules of its category, what it prints.

The end-to-end case edits the real docs so that each sample breaks one rule, runs the check,
and expects each failure, named.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.judging.printed import printed_problems
from generator.check.running.exchange import Exchange
from generator.languages import LANGUAGES
from tests.check.test_drift import check, edit
from tests.conftest import REPO

RECEIVED = Exchange("GET", "/jobs", {}, b"", 401, {},
                    b'{"error": "REVOKED_TOKEN", "message": "Revoked."}')


@pytest.mark.parametrize(("printed", "problems"), [
    ('401\n{"error": "REVOKED_TOKEN", "message": "Revoked."}\n', []),
    ('HTTP/1.1 401 Unauthorized\r\n\r\n{"error": "REVOKED_TOKEN", "message": "Revoked."}',
     []),
    ('401 {"message": "Revoked.", "error": "REVOKED_TOKEN"}\n'
     '{"message": "Revoked.", "error": "REVOKED_TOKEN"}\n', []),
    ("", ["it printed nothing; it should print the status it received (401) and the body"]),
    ('200\n{"error": "REVOKED_TOKEN", "message": "Revoked."}\n',
     ["it does not print the status it received (401)"]),
    ("4010\nREVOKED_TOKEN\n", ["it does not print the status it received (401)",
                               "it does not print the response body it received"]),
    # Formatted as samples print JSON: json.dumps(body, indent=2), JSON.stringify(b, null, 2).
    ('Status: 401\n{\n  "error": "REVOKED_TOKEN",\n  "message": "Revoked."\n}\n', []),
    ('401 {\n\t"message": "Revoked.",\n\t"error": "REVOKED_TOKEN"\n}', []),
    ('401\n{\n  "error": "REVOKED_TOKEN",\n  "message": "Revoked!"\n}\n',
     ["it does not print the response body it received"]),
])
def test_a_sample_prints_what_it_received(printed: str, problems: list[str]) -> None:
    assert printed_problems(printed, RECEIVED) == problems


def test_each_rule_fails_its_snippet(project: Path) -> None:
    snippets = project / "snippets"
    # An undocumented request before the documented one.
    edit(snippets / "list-jobs-bearer" / "python.py", "response = httpx.get(",
         'httpx.delete(f"{base_url}/jobs", headers={"Authorization": f"Bearer {api_key}"})\n'
         "response = httpx.get(")
    # A sample that prints nothing, and one that prints a status it did not receive.
    edit(snippets / "not-found" / "python.py", "print(response.status_code)\n"
         "print(response.text)", "")
    edit(snippets / "revoked-token" / "node.mjs", "console.log(response.status);",
         "console.log(200);")
    # A non-zero exit status set without exiting.
    edit(snippets / "me-session-token" / "node.mjs", "console.log(response.status);",
         "console.log(response.status);\nprocess.exitCode = 3;")
    # A category's rule that the revoked-token example does not write down.
    spec = project / "api.yaml"
    line = edit(spec, 'starts_with: Bearer realm="trustleads"\n',
                'starts_with: Bearer realm="elsewhere"\n')
    result = check(project, "--no-cache", "list-jobs-bearer", "not-found", "revoked-token",
                   "me-session-token")
    assert result.returncode == 1
    failed = [out for out in result.stdout.splitlines()
              if out.startswith(("FAIL", "     "))]
    text = "\n".join(failed)
    assert "it made 2 requests where the example documents one, GET /jobs: " \
           "DELETE /jobs (405), GET /jobs (200)" in text
    assert "FAIL not-found [python]" in text and "it printed nothing" in text
    assert "FAIL revoked-token [node]" in text
    assert "it does not print the status it received (401)" in text
    assert "FAIL me-session-token [node]" in text and "exited with status 3" in text
    assert f"api.yaml:{line}: header WWW-Authenticate (every authentication error): " \
           "expected 'Bearer realm=\"elsewhere\"...'" in text
    assert "FAIL revoked-token [curl]" in text


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_sample_sends_its_request_on_a_line_its_languages_markers_find(
        language: str) -> None:
    # A failure with no line of its own points at the first line a marker finds.
    markers = LANGUAGES[language].request_markers
    samples = sorted((REPO / "snippets").glob(f"*/{LANGUAGES[language].filename}"))
    assert samples
    for sample in samples:
        found = next((line for line in sample.read_text(encoding="utf-8").splitlines()
                      if any(marker in line for marker in markers)), None)
        assert found is not None, sample
        # Reading a variable is not sending a request (Ruby's ENV.fetch, say).
        assert "ENV" not in found and "environ" not in found and "getenv" not in found, \
            (sample, found)
