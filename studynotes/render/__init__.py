"""Turning captured output into Markdown/HTML: kept apart from running it."""
