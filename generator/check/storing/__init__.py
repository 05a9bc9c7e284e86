"""What a check keeps: cached runs and verdicts, recordings, Retry-After moments, and --update."""
