"""`guides check`: the snippets the docs show, run as readers run them against the API and
compared with api.yaml.

`command` is the entry point (options in, report and exit status out; `--update`'s second
pass); `plan` chooses the runs; `runner` schedules
the runs and hands each to judging. The stages, each a package: `running` (the sandbox or a
remote API, the capturing proxy, a sample's process), `judging` (the wire and the printed
output against api.yaml), `storing` (verdicts reused, recordings, `--update`'s writes) and
`reporting` (console lines, JUnit, annotations, redaction). `results` holds what they pass
along: a result per example and language, and its failures.
"""
