"""Each bad document names its expected error on its first lines (``# expect: ...``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import MINIMAL

BAD = Path(__file__).parent / "bad"


def expectations(document: bytes) -> list[str]:
    lines = document.split(b"\n")
    return [line.decode("utf-8")[len("# expect: "):] for line in lines
            if line.startswith(b"# expect: ")]


@pytest.mark.parametrize("case", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_document_is_reported_with_its_position(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(MINIMAL / "snippets", tmp_path / "snippets")
    document = case.read_bytes()
    (tmp_path / "api.yaml").write_bytes(document)

    status = main(["validate", "--spec", str(tmp_path / "api.yaml"),
                   "--docs-dir", str(tmp_path / "docs")])

    captured = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in captured.err
    reported = [line.removeprefix("error: ") for line in captured.err.splitlines()]
    assert reported == expectations(document)


def test_the_corpus_covers_every_required_case() -> None:
    required = {"yaml_syntax", "tab_indentation", "duplicate_key", "unknown_field",
                "missing_field", "wrong_type", "duplicate_error_code", "status_out_of_range",
                "missing_snippet", "docs_link_to_no_page", "docs_link_to_no_anchor",
                "empty_file", "not_utf8", "code_not_upper_snake_case", "message_not_a_sentence",
                "docs_link_not_https", "two_codes_share_a_message",
                "unauthorized_is_not_a_permission", "forbidden_is_not_authentication",
                # Hostile documents: refused before anything walks or renders them.
                "anchor_and_alias", "merge_key", "python_tag", "alias_bomb", "deep_nesting",
                "script_in_title", "attribute_list", "javascript_link", "third_party_image",
                "example_id_too_long"}
    assert required <= {case.stem for case in BAD.glob("*.yaml")}


def test_a_python_tag_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "api.yaml").write_bytes((BAD / "python_tag.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--spec", "api.yaml"]) == 2
    assert not (tmp_path / "pwned").exists()


def test_minimal_fixture_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--spec", str(MINIMAL / "api.yaml"),
                 "--docs-dir", str(MINIMAL / "docs")]) == 0
    assert "valid" in capsys.readouterr().out


def test_snippet_with_a_literal_key_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(MINIMAL / "snippets", tmp_path / "snippets")
    shutil.copy(MINIMAL / "api.yaml", tmp_path / "api.yaml")
    curl = tmp_path / "snippets" / "list-jobs" / "curl.sh"
    curl.write_text(curl.read_text().replace("${TRUSTLEADS_API_KEY:-lfk_sk_example}",
                                             "lfk_sk_live_123"))

    assert main(["validate", "--spec", str(tmp_path / "api.yaml")]) == 2

    err = capsys.readouterr().err
    assert "snippets/list-jobs/curl.sh: contains a literal API key" in err
    assert "does not read its credential from $TRUSTLEADS_API_KEY" in err
    assert "does not fall back to the placeholder key 'lfk_sk_example'" in err


def test_a_conflicting_header_needs_the_second_keys_kind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINIMAL / "snippets", tmp_path / "snippets")
    document = (MINIMAL / "api.yaml").read_text(encoding="utf-8").replace(
        "credential: starter}", "credential: starter,\n              "
        "conflicting_header: Authorization}")
    (tmp_path / "api.yaml").write_text(document, encoding="utf-8")

    assert main(["validate", "--spec", str(tmp_path / "api.yaml")]) == 2
    assert ("a conflicting header sends a second key: name its kind as credentials.second_key "
            "(at examples[0].request.conflicting_header)") in capsys.readouterr().err
