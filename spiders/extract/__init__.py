"""Pure extraction functions: a response or an API answer in, items out (no I/O)."""
