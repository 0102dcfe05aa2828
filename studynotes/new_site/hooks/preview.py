"""MkDocs hook: `make serve` and `make check` rebuild fast and stay strict
(``studynotes.engines.preview``)."""

from studynotes.engines.preview import on_env, on_files, on_serve, on_startup

__all__ = ["on_env", "on_files", "on_serve", "on_startup"]
