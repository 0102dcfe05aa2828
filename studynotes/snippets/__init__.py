"""Runnable snippets: CI runs the notes' marked code blocks and reports what fails."""
