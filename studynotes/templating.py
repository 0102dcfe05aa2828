"""Jinja for untrusted pages: the template engine the macros run in is a sandbox.

mkdocs-macros-plugin renders every page with a plain Jinja ``Environment``, where
``{{ ''.__class__.__mro__ ... }}`` reaches Python internals and can run commands.
Pages come from pull requests, so the engine is swapped for Jinja's sandbox, which
refuses access to private and internal attributes.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from jinja2.sandbox import ImmutableSandboxedEnvironment

from studynotes import markdown_code

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
