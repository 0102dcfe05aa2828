"""Jinja for untrusted pages: the template engine the macros run in is a sandbox.

mkdocs-macros-plugin renders every page with a plain Jinja ``Environment``, where
``{{ ''.__class__.__mro__ ... }}`` reaches Python internals and can run commands.
Pages come from pull requests, so the engine is swapped for Jinja's sandbox, which
refuses access to private and internal attributes.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Settings a Jinja Environment takes in its constructor and exposes as attributes.
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "undefined",
    "finalize",
    "autoescape",
    "loader",
    "auto_reload",
)


def sandboxed(env: Environment) -> ImmutableSandboxedEnvironment:
    """Return a sandboxed copy of ``env`` with the same syntax, loader, globals and filters."""
    sandbox = ImmutableSandboxedEnvironment(**{name: getattr(env, name) for name in _SETTINGS})
    sandbox.globals.update(env.globals)
    sandbox.filters.update(env.filters)
    sandbox.tests.update(env.tests)
    return sandbox
