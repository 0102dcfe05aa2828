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
# Inside fenced code blocks and inline code, braces are text, not Jinja: before a
# page is rendered, such code is wrapped in {% raw %} ... {% endraw %}. Fences are
# found line by line (indented fences included, as in admonitions), the way
# pymdownx.superfences reads them; a CommonMark parser would take an indented
# admonition body for a code block and hide the macros inside it.
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
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
    out: list[str] = []
    in_raw = False
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence and not in_raw:
            end = _fence_end(lines, i, fence.group("fence"))
            block = lines[i : end + 1]
            if _has_jinja("\n".join(block)):
                block[0] = "{% raw %}" + block[0]
                block[-1] = block[-1] + "{% endraw %}"
            out += block
            i = end + 1
            continue
        if not in_raw and "`" in line and _has_jinja(line):
            line = _INLINE_CODE.sub(
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


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    """Index of the closing fence line (same character, at least as long), or the last line."""
    closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for j in range(start + 1, len(lines)):
        if closing.match(lines[j]):
            return j
    return len(lines) - 1


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
