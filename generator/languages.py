"""The languages every example is shown in, and how a reader runs each.

Standard library only: the replay of a green check reads it before any heavy import.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["LANGUAGES", "Language"]


class Language(NamedTuple):
    label: str
    """Tab label shown to readers."""
    filename: str
    """File name under ``snippets/<example id>/``."""
    highlight: str
    """Pygments lexer for the code block."""
    command: tuple[str, ...]
    """How the pages tell a reader to run the file, from its folder; the check runs it so."""
    ca_variable: str
    """The variable a reader sets to trust another certificate authority (a sandbox's)."""

    @property
    def runs_itself(self) -> bool:
        """Whether the file is run by its shebang, and so must be executable."""
        return self.command == (f"./{self.filename}",)


#: Every example is shown in these languages, in this order.
LANGUAGES: dict[str, Language] = {
    "curl": Language("curl", "curl.sh", "sh", ("./curl.sh",), "CURL_CA_BUNDLE"),
    "python": Language("Python", "python.py", "python", ("python3", "python.py"),
                       "SSL_CERT_FILE"),
    "node": Language("JavaScript", "node.mjs", "js", ("node", "node.mjs"),
                     "NODE_EXTRA_CA_CERTS"),
}
