"""HTTP plumbing shared by the sandbox, the feedback collector, the assistants' server and
the check's proxy: request bodies within a limit, their media type, per-client limits, and
serving with uvicorn (a quiet server until a signal; locally issued TLS files)."""
