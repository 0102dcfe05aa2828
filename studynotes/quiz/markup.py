"""The tiny Markdown subset quiz text may use: `code`, **bold**, blank-line paragraphs.

Text is HTML-escaped first and only then are these few marks turned into tags, so a
quiz file can never inject HTML: ``<script>`` in a prompt is shown as text.
"""

from __future__ import annotations

import re
from html import escape

YES, NO = "\N{CHECK MARK}", "\N{BALLOT X}"  # always next to a word: colour is never the only sign
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def inline(text: str) -> str:
    """One line of quiz text as safe HTML."""
    parts = _CODE.split(" ".join(text.split()))
    # split() alternates plain text and code contents; bold applies to plain text only.
    return "".join(
        f"<code>{escape(part)}</code>" if odd else _BOLD.sub(r"<strong>\1</strong>", escape(part))
        for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts))
    )


def paragraphs(text: str) -> str:
    """Quiz text with blank lines between paragraphs, as safe ``<p>`` elements."""
    return "".join(f"<p>{inline(p)}</p>" for p in re.split(r"\n\s*\n", text.strip()) if p)


def plain(text: str) -> str:
    """Quiz text for a terminal or a plain-text field: marks removed, one line."""
    return _BOLD.sub(r"\1", _CODE.sub(r"\1", " ".join(text.split())))


def number(value: float) -> str:
    """A number as a person writes it: 7, 0.49, 3.9 (no 7.0, no 1e-05)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
