"""The built site, read as a reader would: every fact of the seed page, every link alive."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.linkcheck import broken_links, page_links
from generator.model import load_project
from tests.conftest import PAGES_ONLY, REPO, run_guides
from tests.page_text import main_text

SITE_URL = "https://trustleads.ai/guides/"

#: The facts of today's hand-written page, in the words a reader must find.
SEED_FACTS = [
    "API Authentication Reference",
    "Complete reference for authenticating with the Trust Leads REST API — headers, error "
    "codes, and token scopes.",
    "supports two authentication methods",
    "API key (recommended) server-to-server integrations",
    "JWT session token browser-based access, automatically managed by the dashboard frontend",
    "For all programmatic access, use API key authentication.",
    "API keys are long-lived credentials that do not expire unless you revoke them.",
    "JWT session tokens expire after 1 hour and are automatically refreshed by the dashboard.",
    "Never use JWT session tokens in server-side code — they are tied to user sessions and "
    "will cause authentication failures when the session expires.",
    "Pass your API key in the Authorization header as a Bearer token.",
    "Alternatively, use the X-API-Key header.",
    "Both headers accept the same lfk_ prefixed key.",
    "All API requests must be made over HTTPS — HTTP requests will be redirected to HTTPS. "
    "It is best practice to always use the HTTPS endpoint directly.",
    "# Bearer token (recommended) Authorization: Bearer lfk_sk_your_api_key",
    "# X-API-Key header (alternative) X-API-Key: lfk_sk_your_api_key",
    "Base URL for all API requests: https://api.trustleads.ai/v1/",
    "MISSING_TOKEN 401 Unauthorized: No Authorization or X-API-Key header was provided.",
    "INVALID_TOKEN 401 Unauthorized: The key does not match any active key",
    "REVOKED_TOKEN 401 Unauthorized: The key existed but has been revoked.",
    "A 403 Forbidden response means the key is valid but lacks permission for the requested "
    "action.",
    "a Starter-plan key (read-only API) submitting a new enrichment job.",
    "Upgrade your plan to Pro or Agency to gain full API write access.",
    "401 Unauthorized — Key not found",
    '"error": "INVALID_TOKEN", "message": "The provided API key is invalid or does not '
    'exist.", "docs": "https://trustleads.ai/guides/api-authentication"',
    "403 Forbidden — A Starter key submits a job",
    '"error": "INSUFFICIENT_PLAN", "message": "Job submission via API requires a Pro or '
    'Agency plan.", "docs": "https://trustleads.ai/guides/billing-plans-comparison"',
    "Token scopes",
]


def _flat(text: str) -> str:
    return " ".join(text.split()).replace("{ ", "{").replace(" }", "}")


@pytest.mark.parametrize("fact", SEED_FACTS)
def test_authentication_page_carries_every_seed_fact(built_site: Path, fact: str) -> None:
    text = _flat(main_text(built_site / "api-authentication" / "index.html"))
    assert _flat(fact) in text


def test_the_contract_urls_exist(built_site: Path) -> None:
    for page in ("", "api-authentication/", "error-catalog/", "billing-plans-comparison/"):
        assert (built_site / page / "index.html").is_file(), page


def test_home_links_every_guide(built_site: Path) -> None:
    _ids, hrefs = page_links(built_site / "index.html")
    for page in ("api-authentication/", "error-catalog/", "billing-plans-comparison/"):
        assert page in hrefs


def test_every_link_anchor_and_docs_url_resolves(built_site: Path) -> None:
    spec = load_project(REPO / "api.yaml").spec
    assert list(broken_links(built_site, SITE_URL, [e.docs for e in spec.errors])) == []


def test_a_broken_anchor_is_found(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "api-authentication" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        'href="../error-catalog/#invalid_token"', 'href="../error-catalog/#no_such_code"'),
        encoding="utf-8")
    assert list(broken_links(site, SITE_URL)) == [
        f"{SITE_URL}api-authentication/: {SITE_URL}error-catalog/#no_such_code leads to no "
        "#no_such_code on its page"]


def test_each_catalog_code_has_its_anchor_status_and_body(built_site: Path) -> None:
    page = built_site / "error-catalog" / "index.html"
    ids, _hrefs = page_links(page)
    text = _flat(main_text(page))
    for error in load_project(REPO / "api.yaml").spec.errors:
        assert error.code.lower() in ids
        assert f"{error.status} {error.reason} — {error.message}" in text
        assert _flat(json.dumps(error.body(), indent=2, ensure_ascii=False)) in text


def test_code_samples_are_linked_tabs_with_copy_buttons(built_site: Path) -> None:
    html = (built_site / "api-authentication" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="tabbed-set tabbed-alternate"') >= 4
    for label in ("curl", "Python", "JavaScript"):
        assert f">{label}</label>" in html
    config = json.loads(html.split('id="__config" type="application/json">')[1]
                        .split("</script>")[0])
    assert {"content.code.copy", "content.tabs.link"} <= set(config["features"])


def test_plans_page_shows_access_and_scopes(built_site: Path) -> None:
    text = _flat(main_text(built_site / "billing-plans-comparison" / "index.html"))
    assert "API access Read-only Full (read and write) Full (read and write)" in text
    assert "jobs:write — ✓ ✓" in text


def test_the_editing_guide_documents_every_field(built_site: Path) -> None:
    from generator.model.models import Spec
    from generator.render.reference import model_sections

    ids, _hrefs = page_links(built_site / "editing-the-guides" / "index.html")
    sections = model_sections(Spec)
    assert len(sections) >= 14
    anchors = {s.anchor for s in sections} | {f.anchor for s in sections for f in s.fields}
    assert anchors - ids == set()


def test_the_add_an_error_code_steps_render_as_one_numbered_list(built_site: Path) -> None:
    html = (built_site / "editing-the-guides" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="add-an-error-code-end-to-end"'):
                   html.index('id="what-lives-where"')]
    steps = section[section.index("<ol>"):section.rindex("</ol>")]
    assert section.count("<ol>") == 1
    assert steps.count("<li>") == 7
    assert "make check" in steps and "WRITE_JOBS" in steps


PAGES = ["", "api-authentication/", "error-catalog/", "billing-plans-comparison/",
         "editing-the-guides/"]


def test_every_page_has_a_markdown_copy_listed_in_llms_txt(built_site: Path) -> None:
    index = (built_site / "llms.txt").read_text(encoding="utf-8")
    for path in PAGES:
        copy = built_site / path / "index.md"
        title = main_text(built_site / path / "index.html").split("\n")[0].strip()
        assert copy.read_text(encoding="utf-8").startswith("# "), path
        assert f"({SITE_URL}{path}index.md)" in index
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert '<a href="index.md" type="text/markdown">View as Markdown</a>' in html, title


def test_each_page_and_section_links_to_its_source(built_site: Path) -> None:
    project = load_project(REPO / "api.yaml")
    repository = project.spec.site.repository
    catalog = (built_site / "error-catalog" / "index.html").read_text(encoding="utf-8")
    # Reader pages link their source once, in the header; sections carry no tooling links.
    assert f'href="{repository}/blob/main/api.yaml#L' in catalog
    assert "Edit in api.yaml" not in catalog
    line = project.source.position(("pages", "error_catalog"))[0]
    assert f'<a href="{repository}/blob/main/api.yaml#L{line}">Edit this page</a>' in catalog
    editing = (built_site / "editing-the-guides" / "index.html").read_text(encoding="utf-8")
    assert (f'<a href="{repository}/edit/main/docs/editing-the-guides.md">Edit this page</a>'
            in editing)


def test_a_page_says_when_it_last_changed(project: Path) -> None:
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "guides",
                    "--date", "2026-03-04T05:06:07Z"], cwd=project, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2026-03-04T05:06:07Z"})
    assert run_guides("build", cwd=project, env=PAGES_ONLY).returncode == 0
    for path in ("error-catalog/", "editing-the-guides/"):
        html = (project / "site" / path / "index.html").read_text(encoding="utf-8")
        assert 'Last changed on <time datetime="2026-03-04">2026-03-04</time>' in html


def test_no_page_shows_a_matcher_or_an_entity_escaped_twice(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5, pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"&amp;(?:lt|gt|amp|quot|#\d+);", html), page
        text = main_text(page)
        for placeholder in ("<text matching", "<ISO 8601", "<uuid>"):
            assert placeholder not in text, f"{page}: {placeholder}"
        # The editing guide teaches the matcher tags; the generated pages never show them.
        if page.parent.name != "editing-the-guides":
            assert "!regex" not in text and "!iso8601" not in text, page


def test_each_response_is_the_recorded_one_with_when_it_was_verified(built_site: Path) -> None:
    project = load_project(REPO / "api.yaml")
    catalog = _flat(main_text(built_site / "error-catalog" / "index.html"))
    recording = project.recordings["revoked-token"]
    assert (f"Recorded on {recording['verified']['on']} by running the samples above against "
            "a sandbox of the API.") in catalog
    # Recordings are made against the check's own sandbox alone, as the page says.
    assert {tuple(r["verified"]["against"].split()[:2]) for r in project.recordings.values()} \
        == {("guides", "sandbox")}
    authentication = _flat(main_text(built_site / "api-authentication" / "index.html"))
    job = project.recordings["list-jobs-bearer"]["response"]["body"]["data"][0]
    assert f'"id": "{job["id"]}"' in authentication
    assert f'"created_at": "{job["created_at"]}"' in authentication


def test_search_finds_prose_and_codes_not_samples(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert re.split(index["config"]["separator"], "REVOKED_TOKEN") == ["REVOKED", "TOKEN"]
    texts = [doc["text"] for doc in index["docs"]]
    assert not [text for text in texts if "#!/bin/sh" in text or "import httpx" in text]
    assert not [text for text in texts if "Edit in api.yaml" in text]
    assert any(doc["location"] == "error-catalog/#revoked_token" for doc in index["docs"])
