"""Jinja for untrusted pages: the template engine the macros run in is a sandbox.

mkdocs-macros-plugin renders every page with a plain Jinja ``Environment``, where
``{{ ''.__class__.__mro__ ... }}`` reaches Python internals and can run commands.
Pages come from pull requests, so the engine is swapped for Jinja's sandbox, which
refuses access to private and internal attributes.
"""

from __future__ import annotations

import marshal
import re
import sys
from types import CodeType
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.sandbox import ImmutableSandboxedEnvironment

from studynotes import markdown_code, user_cache

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


class KeptSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, keeping what each page's text compiles to in the user's cache: a warm
    build compiles only the pages that changed. (Jinja's own bytecode cache serves only
    templates from a loader, and pages come as strings.)"""

    def compile(  # type: ignore[override]
        self,
        source: Any,
        name: Any = None,
        filename: Any = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        if raw or defer_init or name or filename or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)
        made = super().compile
        return user_cache.kept_bytes(
            "templates",
            f"{_compiled_by(self)}\0{source}",
            lambda: marshal.dumps(made(source)),
            _code_object,
            ".code",
        )


def _compiled_by(env: Environment) -> str:
    """Everything but the text that decides what a template compiles to (the marshal
    format is Python's own, so its version is part of it)."""
    settings = [
        _named(getattr(env, name)) for name in _SETTINGS if name not in ("loader", "undefined")
    ]
    return repr(
        (
            sys.version,
            jinja2.__version__,
            type(env).__qualname__,
            settings,
            sorted(env.extensions),
            env.optimized,
            env.is_async,
        )
    )


def _named(value: Any) -> Any:
    """A setting as the same text in every process (a function by name, not address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    return value


def _code_object(data: bytes) -> CodeType:
    code = marshal.loads(data)
    if not isinstance(code, CodeType):
        raise TypeError("not a compiled template")
    return code


def sandboxed(env: Environment) -> ImmutableSandboxedEnvironment:
    """Return a sandboxed copy of ``env`` with the same syntax, loader, globals and filters."""
    sandbox = KeptSandbox(**{name: getattr(env, name) for name in _SETTINGS})
    sandbox.globals.update(env.globals)
    sandbox.filters.update(env.filters)
    sandbox.tests.update(env.tests)
    return sandbox


# --- Code is literal -------------------------------------------------------------
# Docker's `--format '{{.Names}}'` and similar templates are common in the notes.
# Inside code blocks (fenced or indented, as studynotes.markdown_code finds them the
# way the renderer does) and inline code, braces are text, not Jinja: before a page
# is rendered, such code is wrapped in {% raw %} ... {% endraw %}.
_JINJA = ("{{", "{%", "{#")
_RAW_OPEN = re.compile(r"\{%-?\s*raw\s*-?%\}")
_RAW_CLOSE = re.compile(r"\{%-?\s*endraw\s*-?%\}")


def _has_jinja(text: str) -> bool:
    return any(marker in text for marker in _JINJA)


def protect_code(markdown: str) -> str:
    """Wrap code that contains Jinja delimiters in raw tags; line count is unchanged."""
    if not _has_jinja(markdown):
        return markdown  # most pages: nothing to protect, nothing to scan
    lines = markdown.split("\n")
    code = markdown_code.read(lines)
    blocks = {f.start: f.end for f in code.fences} | dict(code.indented)
    out: list[str] = []
    in_raw = False
    i = 0
    while i < len(lines):
        if i in blocks and not in_raw:  # inside an author's raw region, lines are read on
            block = lines[i : blocks[i] + 1]
            if _has_jinja("\n".join(block)):
                block[0] = "{% raw %}" + block[0]
                block[-1] = block[-1] + "{% endraw %}"
            out += block
            i = blocks[i] + 1
            continue
        line = lines[i]
        if not in_raw and "`" in line and _has_jinja(line):
            line = markdown_code.CODE_SPAN.sub(
                lambda m: (
                    "{% raw %}" + m.group(0) + "{% endraw %}"
                    if _has_jinja(m.group(0))
                    else m.group(0)
                ),
                line,
            )
        in_raw = _raw_state_after(line, in_raw)
        out.append(line)
        i += 1
    return "\n".join(out)


def _raw_state_after(line: str, in_raw: bool) -> bool:
    """Track author-written {% raw %} regions so they are not wrapped twice."""
    if "{%" not in line:
        return in_raw
    events = sorted(
        [(m.start(), True) for m in _RAW_OPEN.finditer(line)]
        + [(m.start(), False) for m in _RAW_CLOSE.finditer(line)]
    )
    for _, opens in events:
        in_raw = opens
    return in_raw
