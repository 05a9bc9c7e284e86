"""Every promise the pages state is proven: the trial API breaking one of them fails the
check, naming the example that caught it and the api.yaml line that states it.

One trial server per broken promise, and only the examples that prove it, in one language,
to stay quick.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import load_project

from .api import Broken
from .staging import staging_api
from .test_trial import LOCKOUT_SECONDS, check

#: Broken promise -> (the example that proves it, where api.yaml states it).
PROVEN_BY: dict[Broken, tuple[str, tuple[str | int, ...]]] = {
    Broken.NO_HSTS: ("list-jobs-bearer", ("https_headers", 0, "starts_with")),
    Broken.ALLOW_WITHOUT_HEAD: ("method-not-allowed", ("api", "head_with_get")),
    Broken.CONFLICT_AS_INVALID_REQUEST: ("conflicting-credentials",
                                         ("errors", "CONFLICTING_CREDENTIALS", "headers",
                                          "WWW-Authenticate")),
    Broken.NEWEST_FIRST: ("list-jobs-bearer", ("paging", "oldest_first_by")),
    Broken.TWENTY_A_PAGE: ("list-jobs-bearer", ("paging", "default_limit")),
    Broken.CREDENTIALS_BEFORE_ROUTE: ("method-before-credentials",
                                      ("errors", "METHOD_NOT_ALLOWED", "status")),
}

#: Every check here runs the curl samples alone: a broken promise is in the API's answer,
#: which the check judges alike whichever sample asked. The unbroken check below runs the
#: same runs, so that a failure above is the broken promise's; test_trial's whole check runs
#: these examples' other samples against the unbroken API.
LANGUAGES = ("curl",)


def _line(project: Path, loc: tuple[str | int, ...]) -> int:
    """api.yaml's line for `loc`, an error named by its code rather than its index."""
    loaded = load_project(project / "api.yaml")
    if loc[0] == "errors":
        codes = [error.code for error in loaded.spec.errors]
        loc = ("errors", codes.index(str(loc[1])), *loc[2:])
    line = loaded.source.position(loc)[0]
    assert line is not None, loc
    return line


@pytest.mark.parametrize("broken", list(Broken), ids=lambda broken: broken.name.lower())
def test_a_broken_promise_fails_the_check_at_its_line(
        project: Path, tmp_path: Path, broken: Broken) -> None:
    example, loc = PROVEN_BY[broken]
    with staging_api(tmp_path, lockout=LOCKOUT_SECONDS, broken=broken) as staging:
        result = check(project, staging.served, staging.credentials, example,
                       languages=LANGUAGES)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"FAIL {example} [curl]" in result.stdout, output
    assert f"api.yaml:{_line(project, loc)}:" in result.stdout, output


def test_the_same_examples_pass_when_nothing_is_broken(project: Path, tmp_path: Path) -> None:
    examples = sorted({example for example, _ in PROVEN_BY.values()})
    with staging_api(tmp_path, lockout=LOCKOUT_SECONDS) as staging:
        result = check(project, staging.served, staging.credentials, *examples,
                       languages=LANGUAGES)

    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout
