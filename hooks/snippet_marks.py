"""MkDocs hook: the runnable-snippet marks on fences are for the checker, not the page.

``python check="run"`` would make pymdownx.superfences give up on the fence, so the
marks (see studynotes/snippets/marks.py) are removed before Markdown renders.
"""

from __future__ import annotations

from typing import Any

from studynotes.snippets.strip import strip_marks


def on_page_markdown(markdown: str, **_: Any) -> str:
    return strip_marks(markdown)
