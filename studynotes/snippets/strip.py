"""Remove the checker's marks from fences before Markdown renders (no Sybil needed here)."""

from __future__ import annotations

import re

# An opening fence line (closing fences have no info string, so they never match).
_OPENING = re.compile(
    r"^(?P<lead>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*\S[^`\n]*)$", re.MULTILINE
)
_MARK = re.compile(
    r"""[ \t]+(?:check|illustrative|port|response|timeout)=(?:"[^"]*"|'[^']*'|\S+)"""
)


def strip_marks(markdown: str) -> str:
    """Remove the checker's options from fences before Markdown renders them.

    pymdownx.superfences refuses a fence with options it does not know (with Pygments,
    it would show the fence line as text), so readers see ``python title="app.py"``.
    """
    return _OPENING.sub(
        lambda m: m.group("lead") + m.group("fence") + _MARK.sub("", m.group("info")), markdown
    )
