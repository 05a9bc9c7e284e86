"""`guides check`: the snippets the docs show, run against the API and compared with api.yaml.

Modules: `plan` (which runs), `launch` (running a sample as a reader does), `proxy` (capturing
the wire), `compare` (docs against exchange), `report`/`console` (output), `cache` and
`fastpath` (not redoing work), `update` (writing answers back), `runner` and `command`.
"""
