"""Every language is named where a reader or a tool meets the samples: the tabs, the
Markdown copies of the pages, llms.txt, and the OpenAPI document's x-codeSamples."""

from __future__ import annotations

import json
from pathlib import Path

from generator.languages import LANGUAGES
from generator.model import load_project
from tests.conftest import REPO


def test_each_page_with_samples_names_every_language(built_site: Path) -> None:
    project = load_project(REPO / "api.yaml")
    copy = (built_site / "error-catalog" / "index.md").read_text(encoding="utf-8")
    page = (built_site / "error-catalog" / "index.html").read_text(encoding="utf-8")
    # One block per example of the catalog, in the Markdown copy (under its tab's label
    # line, with the file name) as on the page (under its tab).
    shown = sum(1 for e in project.spec.examples if e.response.error)
    for language in LANGUAGES.values():
        labelled = (f"\n**{language.label}** (`{language.filename}`)\n\n"
                    f"```{language.highlight}\n")
        assert copy.count(labelled) >= shown, labelled
        assert page.count(f">{language.label}</label>") >= shown, language.label
        # The name to save it under, above the code.
        assert page.count(f'<span class="filename">{language.filename}</span>') >= shown


def test_llms_txt_names_every_language(built_site: Path) -> None:
    text = (built_site / "llms.txt").read_text(encoding="utf-8")
    for language in LANGUAGES.values():
        assert language.label in text.split("\n\n")[1], language.label


def test_the_openapi_document_carries_every_sample(built_site: Path) -> None:
    project = load_project(REPO / "api.yaml")
    document = json.loads((built_site / "openapi.json").read_text(encoding="utf-8"))
    carried = {sample["source"] for item in document["paths"].values()
               for operation in item.values() if isinstance(operation, dict)
               for sample in operation.get("x-codeSamples", [])}
    for example in project.spec.examples:
        # The redirect over plain HTTP, and methods only shown refused, are no operations.
        if example.request.transport != "https" or project.spec.response_status(example) == 405:
            continue
        for key, language in LANGUAGES.items():
            assert project.snippets[example.id][key].text in carried, \
                f"{example.id}/{language.filename}"
