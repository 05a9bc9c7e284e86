"""HTTP plumbing shared by the sandbox, the feedback collector and the check's proxy:
request bodies within a limit, their media type, per-client limits, and serving with uvicorn
(TLS files, a quiet server)."""
