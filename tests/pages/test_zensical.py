"""`make zensical`: the same guides built with Zensical carry the tabs, anchors, links,
field reference and feedback widget of the MkDocs site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.linkcheck import broken_links, page_links
from generator.model import Spec, load_project
from generator.openapi import openapi_json
from tests.conftest import REPO
from tests.zensical_build import make_zensical, zensical_project

# A whole site built by Zensical.
pytestmark = pytest.mark.e2e

TABS = 'class="tabbed-set tabbed-alternate"'


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_project(REPO / "api.yaml").spec


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_zensical(zensical_project(tmp_path_factory.mktemp("zensical") / "project"))


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_page_is_built(zensical_site: Path, built_site: Path) -> None:
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(zensical_site).as_posix()
                           for p in zensical_site.rglob("*.html"))


def test_the_error_catalog_has_an_anchor_per_code(zensical_site: Path, built_site: Path,
                                                  spec: Spec) -> None:
    ids, _hrefs = page_links(zensical_site / "error-catalog" / "index.html")
    assert {error.anchor for error in spec.errors} <= ids
    mkdocs_ids, _ = page_links(built_site / "error-catalog" / "index.html")
    assert {i for i in mkdocs_ids if not i.startswith("__")} <= ids


@pytest.mark.parametrize("page", ["error-catalog", "api-authentication"])
def test_code_samples_are_tabs_as_in_the_mkdocs_site(zensical_site: Path, built_site: Path,
                                                     page: str) -> None:
    html, mkdocs_html = _html(zensical_site, page), _html(built_site, page)
    assert html.count(TABS) == mkdocs_html.count(TABS) > 0
    for label in ("curl", "Python", "JavaScript", "Your account (sh)", "Your account (PowerShell)"):
        assert html.count(f">{label}</label>") == mkdocs_html.count(f">{label}</label>") > 0
    config = json.loads(html.split('id="__config" type="application/json">')[1]
                        .split("</script>")[0])
    assert {"content.code.copy", "content.tabs.link"} <= set(config["features"])


def test_every_link_anchor_and_docs_url_resolves(zensical_site: Path, spec: Spec) -> None:
    assert list(broken_links(zensical_site, spec.site.url, [e.docs for e in spec.errors])) == []


def test_a_broken_anchor_would_be_found(zensical_site: Path, spec: Spec) -> None:
    assert list(broken_links(zensical_site, spec.site.url,
                             [spec.site.url + "error-catalog#no_such_code"]))


def test_the_field_reference_carries_over(zensical_site: Path, built_site: Path) -> None:
    ids, _ = page_links(zensical_site / "editing-the-guides" / "index.html")
    mkdocs_ids, _ = page_links(built_site / "editing-the-guides" / "index.html")
    reference = {i for i in mkdocs_ids
                 if i.startswith(("model-", "errors.", "examples.", "site.", "pages."))}
    assert len(reference) > 50
    assert reference <= ids


def test_the_feedback_widget_and_its_provider_are_on_every_guide(zensical_site: Path) -> None:
    for page in ("api-authentication", "error-catalog", "billing-plans-comparison"):
        html = _html(zensical_site, page)
        assert '<form class="md-feedback"' in html
        assert "Was this guide helpful?" in html
        assert "https://feedback.trustleads.ai/v1/feedback" in html  # our provider's script


def test_the_openapi_document_is_published(zensical_site: Path, spec: Spec) -> None:
    loaded = load_project(REPO / "api.yaml")
    assert (zensical_site / "openapi.json").read_text(encoding="utf-8") == openapi_json(
        spec, loaded.recordings, loaded.snippets)
    _ids, hrefs = page_links(zensical_site / "endpoints" / "index.html")
    assert "../openapi.json" in hrefs
