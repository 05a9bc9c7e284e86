"""A broken theme override is an editor's mistake: one line naming file and line, exit 2."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_guides

OVERRIDE = Path("overrides/partials/integrations/analytics/custom.html")


def test_a_syntax_error_in_an_override_is_one_line(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous site", encoding="utf-8")
    override = project / OVERRIDE
    lines = override.read_text(encoding="utf-8").splitlines()
    lines[9] = "  var endpoint = {{ config.extra.feedback_endpoint | tojson }"
    override.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run_guides("build", cwd=project)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: {OVERRIDE}:10: template syntax error: unexpected '}}'")
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
