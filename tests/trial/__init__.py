"""An independent Trust Leads API, written from the published pages alone.

It shares no code with the sandbox and never read api.yaml or the snippets: its behaviour is
what the API Authentication Reference, the Error Catalog and the Billing Plans Comparison
say, with data of its own. `guides check --base-url` is tried against it as a docs team
would try it against staging.
"""
