"""mkdocs.yml's llmstxt `preprocess` hook: the Markdown copies of the pages.

The plugin loads this file by its path, which must lie in the project (not in a folder a
site generator publishes: Zensical copies every file of overrides/); the code is in
`generator.site.markdown_copies`.
"""

from generator.site.markdown_copies import preprocess

__all__ = ["preprocess"]
