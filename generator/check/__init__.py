"""`guides check`: the snippets the docs show, run as readers run them against the API and
compared with api.yaml.

`command` is the entry point (options in, report and exit status out; `--update` runs
until a pass writes nothing); `plan` chooses the runs; `one_pass` runs those the cache does
not hold and has every run judged. The stages, each a package: `running` (the sandbox or a
remote API, the capturing proxy, a sample's process), `judging` (the wire and the printed
output against api.yaml), `storing` (runs kept, recordings, `--update`'s writes) and
`reporting` (console lines, JUnit, annotations); `guarding` is what every stage writes
through (the redactor, the opaque-text guard). `results` holds what they pass along: a
result per example and language, and its failures.
"""
