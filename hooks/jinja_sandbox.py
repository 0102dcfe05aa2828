"""MkDocs hook: pages render in Jinja's sandbox (``studynotes.engines.jinja_sandbox``)."""

from studynotes.engines.jinja_sandbox import on_config

__all__ = ["on_config"]
