"""Remove the checker's marks from opening fence lines before Markdown renders them."""

from __future__ import annotations

import re

from studynotes.snippets.languages import mark_keys

# An opening fence line (closing fences have no info string, so they never match); a line
# rewrite, not studynotes.markdown_code's reader, so fences quoted with ">" lose marks too.
_OPENING = re.compile(
    r"^(?P<lead>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*\S[^`\n]*)$", re.MULTILINE
)
# The checker's fence options (studynotes/snippets/marks.py says what each means).
MARK_KEYS = mark_keys()
# Options pymdownx.superfences understands with Pygments; any other makes it print the
# fence as text.
HIGHLIGHT_KEYS = ("title", "linenums", "hl_lines", "title_mode")
_MARK = re.compile(rf"""[ \t]+(?:{"|".join(MARK_KEYS)})=(?:"[^"]*"|'[^']*'|\S+)""")


def strip_marks(markdown: str) -> str:
    """Remove the checker's options from fences before Markdown renders them.

    pymdownx.superfences refuses a fence with options it does not know (with Pygments,
    it would show the fence line as text), so readers see ``python title="app.py"``.
    """
    return _OPENING.sub(
        lambda m: m.group("lead") + m.group("fence") + _MARK.sub("", m.group("info")), markdown
    )
