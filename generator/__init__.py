"""Trust Leads Guides: api.yaml in, a proven documentation site out.

The package is used through the ``guides`` command (`cli`). Its parts, each with its public
names in ``__all__``: `model` (api.yaml read and validated), `render` (pages from the model),
`build` (validate → render, cached; pages for other generators), `site` (MkDocs), `openapi`,
`check` (samples run against an API), `sandbox` (the stand-in API), `feedback` (the
collector), `assistants` (the guides over MCP), `diff` (what changed in api.yaml), `web`
(HTTP plumbing the servers share); and modules each of them may use (`errors`, `cache`,
`atomic`, `paths`, `languages`, `credentials`, `settings`, `ci`, `signals`, links and
link checks, `scaffold`). Nothing is imported here, so that each command loads only what
it uses.
"""
