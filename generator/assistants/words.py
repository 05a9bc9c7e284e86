"""A query's and a text's words as the ranking compares them: lower-cased, stemmed, without
the words every question has ("what", "how", "the")."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

__all__ = ["terms"]

# Codes are words joined by _ (REVOKED_TOKEN): split there too, as the site's search does.
_WORD = re.compile(r"[a-z0-9]+")
# The words of a question ("what does … mean"), which tell no entry from another; not "no",
# "not" or "both", which the catalog's keywords use ("not found", "both headers").
_STOP = frozenset(["a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do",
    "does", "did", "for", "from", "get", "got", "getting", "give", "gives", "have", "has", "how",
    "i", "if", "in", "into", "is", "it", "its", "me", "mean", "means", "my", "of", "on", "or",
    "our", "so", "than", "that", "the", "their", "them", "then", "there", "these", "this",
    "those", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
    "with", "would", "you", "your", "about", "after", "before", "any", "am", "been", "being",
    "each", "few", "more", "most", "other", "some", "such", "only", "own", "same", "very", "s",
    "t", "just", "don", "should", "now", "please", "tell", "show", "explain", "sample",
    "example"])
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def terms(text: str) -> list[str]:
    """The stemmed words of `text` that can tell one entry from another, in order."""
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOP]
