"""mkdocs.yml's llmstxt `preprocess` hook: the Markdown copies of the pages.

The plugin loads this file by its path, which must lie in the project; the code is in
`generator.site.markdown_copies`. MkDocs does not publish a theme folder's .py files.
"""

from generator.site.markdown_copies import preprocess

__all__ = ["preprocess"]
