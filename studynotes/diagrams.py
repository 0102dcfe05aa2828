"""Mermaid diagrams drawn once by `make diagrams` and shipped as SVG in the page.

A reader's browser then runs no Mermaid (2.6 MB of script, seconds of main thread on a
phone) and the diagram shows offline and without JavaScript. The drawing is stored in
``data/diagrams/KEY.svg``, KEY naming the diagram's text and the Mermaid version, so a
changed diagram is never shown with an old drawing. A diagram not yet drawn falls back
to Material's own way, a ``<pre class="mermaid">`` that the site's copy of Mermaid draws
in the browser; the test suite fails until it is drawn (``tests/test_diagrams.py``).

``fence`` is the superfences formatter named in mkdocs.yml, which MkDocs, ProperDocs
and Zensical all resolve, so every engine ships the same drawings.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pymdownx.superfences import fence_code_format

from studynotes import markdown_code

STORE = Path("data/diagrams")
MERMAID_VERSION_FILE = Path("docs/assets/javascripts/vendor/mermaid-version.txt")
LANGUAGE = "mermaid"


@dataclass(frozen=True)
class Diagram:
    page: Path
    line: int  # 1-based line of the opening fence
    source: str

    @property
    def key(self) -> str:
        return key(self.source)


def normalized(source: str) -> str:
    """The diagram's text without the indentation and trailing space that do not draw."""
    lines = textwrap.dedent(source).strip("\n").splitlines()
    return "\n".join(line.rstrip() for line in lines)


def mermaid_version() -> str:
    """'mermaid 11.17.2 sha512-...' as scripts/vendor-mermaid.sh records it."""
    return MERMAID_VERSION_FILE.read_text(encoding="utf-8").strip()


def key(source: str) -> str:
    text = f"{mermaid_version()}\n{normalized(source)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stored(source: str) -> Path:
    return STORE / f"{key(source)}.svg"


def in_pages(docs: Path) -> Iterator[Diagram]:
    """Every Mermaid fence of the pages under docs/, read by the one reader of code."""
    for page in sorted(docs.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for found in markdown_code.fences(lines):
            if found.language == LANGUAGE:
                yield Diagram(page, found.start + 1, found.body(lines))


def fence(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    """The stored drawing in an open declarative shadow root, as Material's own div.mermaid
    holds it (the theme's palette variables reach it, the page's typography does not);
    Material's in-browser form when the diagram has not been drawn yet."""
    drawing = stored(source)
    if not drawing.is_file():
        return fence_code_format(source, language, class_name, options, md, **kwargs)
    svg = drawing.read_text(encoding="utf-8")
    return f'<div class="mermaid"><template shadowrootmode="open">{svg}</template></div>'
