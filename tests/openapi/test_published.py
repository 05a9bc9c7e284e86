"""The built site publishes the OpenAPI document, and the authentication page links it."""

from __future__ import annotations

from pathlib import Path

from generator.linkcheck import page_links
from generator.model import load_project
from generator.openapi import openapi_json
from tests.conftest import REPO


def test_the_site_serves_the_document_at_its_root(built_site: Path) -> None:
    published = (built_site / "openapi.json").read_text(encoding="utf-8")
    loaded = load_project(REPO / "api.yaml")
    assert published == openapi_json(loaded.spec, loaded.recordings, loaded.snippets)


def test_the_endpoints_page_links_the_document(built_site: Path) -> None:
    ids, hrefs = page_links(built_site / "endpoints" / "index.html")
    assert "openapi" in ids
    assert "../openapi.json" in hrefs
