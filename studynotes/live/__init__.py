"""Build-time command execution: allowlist, runner, redaction, cache, recorded captures."""
