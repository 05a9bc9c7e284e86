"""The build publishes only the repository: links leaving it, fifos, assets from other origins
and the build's environment are refused before anything is read or written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import PAGES_ONLY, REPO, copy_project, run_guides

Plant = Callable[[Path, Path], str]
"""Puts something foreign into a project (root, a folder outside it); returns its path."""


def _link(relative: str, target: str) -> Plant:
    def plant(root: Path, outside: Path) -> str:
        path = root / relative
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target.replace("OUTSIDE", str(outside)))
        return relative
    return plant


def _fifo(relative: str) -> Plant:
    def plant(root: Path, outside: Path) -> str:
        os.mkfifo(root / relative)
        return relative
    return plant


FOREIGN: dict[str, Plant] = {
    "docs-to-environ": _link("docs/x.txt", "/proc/self/environ"),
    "page-to-environ": _link("docs/env.md", "/proc/self/environ"),
    "snippet-outside": _link("snippets/revoked-token/curl.sh", "OUTSIDE/curl.sh"),
    "recording-outside": _link("snippets/revoked-token/recording.json",
                               "OUTSIDE/recording.json"),
    "override-outside": _link("overrides/partials/leak.html", "/etc/hostname"),
    "docs-folder-to-root": _link("docs/everything", "/"),
    "relative-escape": _link("docs/stylesheets/up.css", "../../../outside/curl.sh"),
    "api-yaml-outside": _link("api.yaml", "OUTSIDE/api.yaml"),
    "fifo-page": _fifo("docs/pipe.md"),
    "fifo-snippet": _fifo("snippets/pipe.sh"),
    "hook-outside": _link("hooks/markdown_copies.py", "OUTSIDE/curl.sh"),
    # Inside the repository, but hidden: git's config may hold the CI's token.
    "git-config": _link("docs/gitcfg.txt", "../.git/config"),
    "cache-folder": _link("docs/cachedir", "../.cache"),
}


def _plant(folder: Path) -> tuple[Path, Path]:
    """A copy of the project in `folder` with a git config holding a secret, a cache and a
    previously published site, and a folder outside it; (root, outside)."""
    root = copy_project(REPO, folder / "project")
    outside = folder / "outside"
    outside.mkdir()
    (outside / "curl.sh").write_text((root / "snippets/revoked-token/curl.sh").read_text())
    (outside / "recording.json").write_text("{}")
    (outside / "api.yaml").write_bytes((root / "api.yaml").read_bytes())
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text('[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n')
    (root / ".cache").mkdir()
    # What a previous build published: it must stay exactly as it is.
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("previous site\n")
    return root, outside


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, Path]:
    return _plant(tmp_path)


@pytest.mark.parametrize("case", sorted(FOREIGN))
def test_a_foreign_file_stops_build_and_validate(
        planted: tuple[Path, Path], case: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root, outside = planted
    path = FOREIGN[case](root, outside)
    # The commands in this process: they stop before MkDocs runs, and a child process each
    # would cost more than the refusal.
    monkeypatch.chdir(root)
    for command in ("validate", "build"):
        status = main([command])
        err = capsys.readouterr().err
        assert status == 2, (command, err)
        assert "Traceback" not in err
        assert f"{path}:" in err.replace("error: ", ""), (command, err)
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]
    assert (root / "site" / "index.html").read_text() == "previous site\n"
    assert not [p for p in root.iterdir() if p.name.startswith(".site-new-")]


#: Settings the documentation names, set for a build.
DOCUMENTED = {"GUIDES_FEEDBACK_ENDPOINT": "http://127.0.0.1:8090/v1/feedback",
              "GUIDES_TRY_IT_URL": "https://sandbox.example.net/v1"}


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """The planted project, with links that stay in the repository, built once by the real
    command with the documented settings: what neither may refuse (a build costs seconds,
    and each is the other's bystander); (root, exit status, stderr)."""
    root, _ = _plant(tmp_path_factory.mktemp("accepted"))
    (root / "docs" / "sample.sh").symlink_to("../snippets/revoked-token/curl.sh")
    (root / "docs" / "styles").symlink_to("stylesheets", target_is_directory=True)
    result = run_guides("build", cwd=root, env={**DOCUMENTED, **PAGES_ONLY})
    return root, result.returncode, result.stderr


@pytest.mark.e2e  # a whole build
def test_links_that_stay_in_the_repository_are_published(
        accepted: tuple[Path, int, str]) -> None:
    root, status, stderr = accepted
    assert status == 0, stderr
    assert (root / "site" / "sample.sh").read_text() == \
        (root / "snippets" / "revoked-token" / "curl.sh").read_text()


def _edit(root: Path, old: str, new: str) -> int:
    """Replace `old` in mkdocs.yml; the line `new` starts on."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


SETTINGS: dict[str, tuple[str, str, str]] = {
    "script-from-cdn": ("  - javascripts/guides.js",
                        "  - https://cdn.example.net/x.js", "from another origin"),
    "style-without-scheme": ("  - stylesheets/guides.css",
                             "  - //cdn.example.net/x.css", "from another origin"),
    "script-as-mapping": ("  - javascripts/guides.js",
                          "  - path: https://cdn.example.net/x.js\n    type: module",
                          "from another origin"),
    "logo-from-elsewhere": ("  custom_dir: overrides", "  custom_dir: overrides\n  logo: "
                            "https://img.example.net/logo.png", "theme.logo"),
    "google-fonts": ("  font: false", "  font: {text: Roboto}", "Google Fonts"),
    "site-name-from-env": ("site_name: Trust Leads Guides",
                           "site_name: !ENV [HOME, Guides]", "!ENV HOME"),
    "copyright-from-env": ("site_name: Trust Leads Guides", "site_name: Trust Leads Guides\n"
                           "copyright: !ENV AWS_SECRET_ACCESS_KEY", "!ENV AWS_SECRET"),
    "extra-from-env": ("extra:\n", "extra:\n  token: !ENV [GITHUB_TOKEN, none]\n",
                       "!ENV GITHUB_TOKEN"),
    "inherited-settings": ("site_name: Trust Leads Guides",
                           "INHERIT: base.yml\nsite_name: Trust Leads Guides", "INHERIT"),
    "file-including-extension": ("  - admonition", "  - pymdownx.snippets:\n      "
                                 "base_path: [\"/\"]\n  - admonition", "pymdownx.snippets"),
    "endpoint-literal-javascript": (
        'feedback_endpoint: !ENV [GUIDES_FEEDBACK_ENDPOINT, "https://feedback.trustleads.ai'
        '/v1/feedback"]', 'feedback_endpoint: "javascript:alert(1)"', "not an http(s) URL"),
    "third-party-analytics": ("    provider: custom", "    provider: google", "third party"),
}


@pytest.mark.e2e
@pytest.mark.parametrize("case", sorted(SETTINGS))
def test_a_setting_from_elsewhere_is_refused_with_its_line(
        planted: tuple[Path, Path], case: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = planted
    old, new, complaint = SETTINGS[case]
    line = _edit(root, old, new)
    if new.startswith(old):
        line += 1  # the line added after the one kept
    # In this process, as the foreign files: refused before MkDocs runs, in a fraction of
    # what starting a child process costs.
    monkeypatch.chdir(root)
    status = main(["validate"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert f"mkdocs.yml:{line}:" in err and complaint in err
    assert "Traceback" not in err


@pytest.mark.e2e
@pytest.mark.parametrize(("variable", "value", "complaint"), [
    ("GUIDES_FEEDBACK_ENDPOINT", "javascript:alert(document.cookie)", "not an http(s) URL"),
    ("GUIDES_FEEDBACK_ENDPOINT", "http://collector.example.net/v1/feedback", "uses http"),
    ("GUIDES_FEEDBACK_ENDPOINT", "https://user:pass@collector.example.net/", "credentials"),
    ("GUIDES_TRY_IT_URL", "https://sandbox.example.net/v1?\"><script>", "quote"),
    ("GUIDES_FULL_SITE", "maybe", "not true or false"),
])
def test_a_build_time_setting_is_checked_not_published(
        planted: tuple[Path, Path], variable: str, value: str, complaint: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = planted
    # In this process too: the setting is refused before MkDocs builds anything.
    monkeypatch.chdir(root)
    monkeypatch.setenv(variable, value)
    status = main(["build"])
    stderr = capsys.readouterr().err
    assert status == 2, stderr
    assert "mkdocs.yml:" in stderr and variable in stderr and complaint in stderr
    assert (root / "site" / "index.html").read_text() == "previous site\n"


@pytest.mark.e2e  # a whole build
def test_documented_settings_still_build(accepted: tuple[Path, int, str]) -> None:
    root, status, stderr = accepted
    assert status == 0, stderr
    page = (root / "site" / "error-catalog" / "index.html").read_text()
    assert "http://127.0.0.1:8090/v1/feedback" in page
