"""Paths: the project's folders and files, and the generated pages' files (URLs: a contract).

Kept free of heavy imports so the MkDocs plugin can consult it cheaply.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "FEED_FILE", "OPENAPI_FILE", "PAGES", "PROJECT_FILES", "SNIPPETS_DIR", "TEMPLATES_DIR"]

#: Folder of the code samples, next to api.yaml: ``snippets/<example id>/<file>``.
SNIPPETS_DIR = "snippets"

#: The Jinja2 templates of the generated pages.
TEMPLATES_DIR = Path(__file__).parent / "render" / "templates"

#: Generated page file -> the `pages` entry of api.yaml that titles it. The URLs are a
#: contract: API error bodies link to them.
PAGES: dict[str, str] = {
    "index.md": "home",
    "api-authentication.md": "api_authentication",
    "error-catalog.md": "error_catalog",
    "billing-plans-comparison.md": "billing_plans_comparison",
    "endpoints.md": "endpoints",
    "changelog.md": "changelog",
}

#: The OpenAPI document of api.yaml, published at the root of the site.
OPENAPI_FILE = "openapi.json"

#: The Atom feed of the announced changes (``changes:``), published at the root of the site.
FEED_FILE = "changelog.xml"


#: What a guides project is made of, beside the generator: what a copy of one must hold.
PROJECT_FILES = ("api.yaml", "mkdocs.yml", "docs", "snippets", "overrides", "hooks")
