"""The guides for AI assistants: the catalog, examples and pages as typed answers, served by
`guides mcp` (`server`, the only module importing the MCP SDK)."""

from __future__ import annotations

from .decoding import Decoded, decode_response
from .knowledge import Guides, page_url
from .loading import load_guides
from .ranking import Ranked, rank_errors, rank_sections
from .sections import Section, reader_markdown, sections_of
from .tools import AssistantError, explain_response, get_example, lookup_error, search_guides
from .words import terms

__all__ = [
    "AssistantError",
    "Decoded",
    "Guides",
    "Ranked",
    "Section",
    "decode_response",
    "explain_response",
    "get_example",
    "load_guides",
    "lookup_error",
    "page_url",
    "rank_errors",
    "rank_sections",
    "reader_markdown",
    "search_guides",
    "sections_of",
    "terms",
]
