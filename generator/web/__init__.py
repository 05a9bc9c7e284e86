"""HTTP plumbing shared by the sandbox and the feedback collector: request bodies within a
limit, their media type, and per-client limits."""
