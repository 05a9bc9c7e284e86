"""The site as MkDocs builds it, and the only package that imports mkdocs.

`plugin` turns MkDocs' hooks into calls of `generator.build`; `publish` builds into a staging
folder and swaps it in; `preview` is the live preview; `mkdocs_log` is what they share.
"""
