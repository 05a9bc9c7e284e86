"""Validation holds every sample to what a reader needs of it: the base URL with or without
its trailing slash, one line naming a variable it lacks, no credential through a redirect.
Each rule is tried on the spelling the samples used before it, and points at the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

BASE = "https://api.trustleads.ai/v1"


def validate(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["validate", "--spec", str(project / "api.yaml")])
    return status, capsys.readouterr().err


def edit(project: Path, sample: str, old: str, new: str) -> None:
    path = project / "snippets" / sample
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def assert_refused(project: Path, capsys: pytest.CaptureFixture[str], sample: str, old: str,
                   new: str, line: int, complaint: str) -> None:
    """`sample` with `old` written as `new` fails validation with `complaint` at `line`."""
    edit(project, sample, old, new)
    status, err = validate(project, capsys)
    assert status == 2
    assert f"snippets/{sample}:{line}: {complaint}" in err, err


@pytest.mark.parametrize(("sample", "old", "new", "line", "complaint"), [
    ("list-jobs-bearer/curl.sh", '"${base_url%/}/jobs"', '"$base_url/jobs"', 6,
     "$base_url is followed by '/' untrimmed"),
    ("list-jobs-bearer/curl.sh", '"${base_url%/}/jobs"',
     '"${TRUSTLEADS_BASE_URL:-' + BASE + '}/jobs"', 6, "$TRUSTLEADS_BASE_URL is read in place"),
    ("list-jobs-bearer/python.py", '.rstrip("/")', "", 7,
     "$TRUSTLEADS_BASE_URL is read without dropping a trailing slash"),
    ("list-jobs-bearer/node.mjs", f'(process.env.TRUSTLEADS_BASE_URL ?? "{BASE}")'
     '.replace(/\\/+$/, "")', f'process.env.TRUSTLEADS_BASE_URL ?? "{BASE}"', 2,
     "$TRUSTLEADS_BASE_URL is read without dropping a trailing slash"),
])
def test_the_base_url_must_forgive_a_trailing_slash(
        project: Path, capsys: pytest.CaptureFixture[str], sample: str, old: str, new: str,
        line: int, complaint: str) -> None:
    assert_refused(project, capsys, sample, old, new, line, complaint)


@pytest.mark.parametrize(("sample", "old", "new", "line", "complaint"), [
    ("get-job/curl.sh", "${TRUSTLEADS_JOB_ID:?set it to the id of one of your jobs}",
     "$TRUSTLEADS_JOB_ID", 6, "$TRUSTLEADS_JOB_ID is used unchecked: write "
     "`${TRUSTLEADS_JOB_ID:?set it to …}`"),
    ("get-job/python.py", 'job_id = os.environ.get("TRUSTLEADS_JOB_ID")\nif not job_id:\n'
     '    sys.exit("Set TRUSTLEADS_JOB_ID to the id of one of your jobs.")\n',
     'job_id = os.environ["TRUSTLEADS_JOB_ID"]\n', 10,
     "$TRUSTLEADS_JOB_ID is read unchecked: write `name = os.environ.get(\"TRUSTLEADS_JOB_ID\")`"),
    ("me-session-token/node.mjs", "if (!sessionToken) {", "if (sessionToken === '') {", 14,
     "$TRUSTLEADS_SESSION_TOKEN is read unchecked"),
    ("get-job/main.go", 'if jobID == "" {', "if false {", 21,
     "$TRUSTLEADS_JOB_ID is read unchecked: write `name := os.Getenv(\"TRUSTLEADS_JOB_ID\")`"),
    ("get-job/main.rb", 'abort "Set TRUSTLEADS_JOB_ID to the id of one of your jobs." if '
     "job_id.to_s.empty?\n", "", 6, "$TRUSTLEADS_JOB_ID is read unchecked: write "
     '`name = ENV["TRUSTLEADS_JOB_ID"]`, then `abort "Set TRUSTLEADS_JOB_ID to …" if '
     "name.to_s.empty?`"),
    ("get-job/main.php", '$jobId = getenv("TRUSTLEADS_JOB_ID");',
     '$jobId = $_ENV["TRUSTLEADS_JOB_ID"];', 6, "$TRUSTLEADS_JOB_ID is read unchecked"),
    ("get-job/Main.java", "if (jobId == null || jobId.isEmpty()) {", "if (jobId == null) {", 11,
     "$TRUSTLEADS_JOB_ID is read unchecked"),
])
def test_a_variable_without_a_fallback_must_be_checked(
        project: Path, capsys: pytest.CaptureFixture[str], sample: str, old: str, new: str,
        line: int, complaint: str) -> None:
    assert_refused(project, capsys, sample, old, new, line, complaint)


@pytest.mark.parametrize(("sample", "old", "new", "line", "complaint"), [
    ("list-jobs-x-api-key/node.mjs", '  redirect: "manual",\n', "", 5,
     "fetch follows redirects by default and keeps headers such as X-API-Key"),
    ("list-jobs-x-api-key/curl.sh", "--include", "--include --location", 4,
     "'--location' follows redirects while sending a credential"),
    ("list-jobs-x-api-key/curl.sh", "--silent", "-sL", 4,
     "'-sL' follows redirects while sending a credential"),
    ("list-jobs-x-api-key/python.py", 'headers={"X-API-Key": api_key}',
     'headers={"X-API-Key": api_key}, follow_redirects=True', 10,
     "follow_redirects=True may carry the credential to another host"),
    ("list-jobs-x-api-key/main.go", "CheckRedirect: func(*http.Request, []*http.Request) error {\n"
     "\treturn http.ErrUseLastResponse\n}", "", 14, "the client follows redirects"),
    ("list-jobs-x-api-key/main.go", "client.Do(request)", "http.DefaultClient.Do(request)", 34,
     "'http.DefaultClient' uses Go's default client, which follows redirects"),
    ("list-jobs-x-api-key/main.rb", 'require "net/http"', 'require "open-uri"', 2,
     "'open-uri' follows redirects"),
    ("list-jobs-x-api-key/main.php", '"follow_location" => 0', '"follow_location" => 1', 7,
     "PHP's http wrapper follows redirects by default"),
    ("list-jobs-x-api-key/Main.java", "HttpClient.newHttpClient()",
     "HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()", 13,
     "'Redirect.NORMAL' follows redirects"),
])
def test_no_sample_follows_a_redirect_with_a_credential(
        project: Path, capsys: pytest.CaptureFixture[str], sample: str, old: str, new: str,
        line: int, complaint: str) -> None:
    assert_refused(project, capsys, sample, old, new, line, complaint)


def test_a_sample_without_a_credential_may_follow_redirects(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, "missing-token/curl.sh", "--include", "--include --location")
    status, err = validate(project, capsys)
    assert status == 0, err


@pytest.mark.parametrize(("sample", "plain"), [
    ("python.py", '"http://" + '), ("main.go", '"http://" + '), ("main.rb", '"http://" + '),
    ("main.php", '"http://" . '), ("Main.java", '"http://" + ')])
def test_the_redirect_sample_must_call_plain_http(
        project: Path, capsys: pytest.CaptureFixture[str], sample: str, plain: str) -> None:
    edit(project, f"http-redirect/{sample}", plain, "")
    status, err = validate(project, capsys)
    assert status == 2
    assert f"snippet snippets/http-redirect/{sample}: does not call plain HTTP" in err, err


@pytest.mark.parametrize("sample", ["main.go", "main.rb", "main.php", "Main.java"])
def test_each_language_opens_with_its_comment_and_keys_no_literal(
        project: Path, capsys: pytest.CaptureFixture[str], sample: str) -> None:
    path = project / "snippets" / "revoked-token" / sample
    text = path.read_text()
    comment = "Call the API with a key that has been revoked."
    assert comment in text
    path.write_text(text.replace(comment, "TODO").replace(
        "lfk_sk_your_api_key", "lfk_sk_your_api_key\" + \"lfk_sk_0123456789abcdef"))
    status, err = validate(project, capsys)
    assert status == 2
    assert f"snippets/revoked-token/{sample}: its opening comment" in err, err
    assert f"snippets/revoked-token/{sample}: contains a literal API key" in err, err
