"""llms-full.txt: every page's Markdown copy in one file, in the navigation's order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data; its !ENV settings as the list they hold."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def _config() -> dict[str, Any]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert isinstance(config, dict)
    return config


def _nav_pages(config: dict[str, Any]) -> list[str]:
    return [next(iter(item.values())) if isinstance(item, dict) else item
            for item in config["nav"]]


def test_the_llms_sections_list_every_page_in_navigation_order() -> None:
    config = _config()
    llmstxt = next(p["llmstxt"] for p in config["plugins"]
                   if isinstance(p, dict) and "llmstxt" in p)
    listed = [page for pages in llmstxt["sections"].values() for page in pages]
    assert listed == _nav_pages(config)
    assert llmstxt["full_output"] == "llms-full.txt"


def test_llms_full_holds_every_pages_markdown_copy_in_order(built_site: Path) -> None:
    full = (built_site / "llms-full.txt").read_text(encoding="utf-8")
    at = 0
    for page in _nav_pages(_config()):
        folder = "" if page == "index.md" else page.removesuffix(".md") + "/"
        copy = (built_site / folder / "index.md").read_text(encoding="utf-8")
        found = full.find(copy, at)
        assert found >= at, f"{page}'s Markdown is missing or out of order"
        at = found + len(copy)
