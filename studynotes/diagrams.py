"""Mermaid diagrams drawn once by `make diagrams` and shipped as SVG in the page.

A reader's browser then runs no Mermaid (3.6 MB of script, seconds of main thread on a
phone) and the diagram shows offline and without JavaScript. The drawing is stored in
``data/diagrams/KEY.svg``, KEY naming the diagram's text and the Mermaid version, so a
changed diagram is never shown with an old drawing. A diagram not yet drawn falls back
to Material's own way, a ``<pre class="mermaid">`` that the site's copy of Mermaid draws
in the browser; the test suite fails until it is drawn (``tests/test_diagrams.py``).
A drawing holding anything Mermaid does not write (a script, an event handler, a link
out) stops the build at the diagram's line: ``problems`` is part of the page check.

``fence`` is the superfences formatter named in mkdocs.yml, which MkDocs, ProperDocs
and Zensical all resolve, so every engine ships the same drawings.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pymdownx.superfences import fence_code_format

from studynotes import markdown_code, user_cache
from studynotes.errors import SourceError

STORE = Path("data/diagrams")
MERMAID_VERSION_FILE = Path("docs/assets/javascripts/vendor/mermaid-version.txt")
LANGUAGE = "mermaid"

# A drawing is a file of the repository that a pull request can change, and it goes into
# the page as it is: only what Mermaid writes may be in it. Its elements (its diagram
# types' SVG, and the HTML of labels in a foreignObject), no event handler, no link or
# style that reaches outside the drawing.
_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "defs",
        "marker",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "title",
        "desc",
        "style",
        "foreignobject",
        "div",
        "span",
        "p",
        "br",
        "b",
        "i",
        "em",
        "strong",
        "code",
        "filter",
        "fedropshadow",
        "feoffset",
        "fegaussianblur",
        "feflood",
        "fecomposite",
        "femerge",
        "femergenode",
        "clippath",
        "lineargradient",
        "radialgradient",
        "stop",
        "mask",
        "pattern",
        "symbol",
    }
)
_LINK_ATTRIBUTES = frozenset({"href", "xlink:href", "src", "action", "formaction"})
# In an SVG <style> the browser decodes entities (Mermaid writes `>` as `&gt;`); CSS
# escapes (a backslash) could spell any of these, and Mermaid writes none.
_OUTSIDE_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#)|expression\(|javascript:|\\", re.I)


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


def mermaid_version(root: Path = Path()) -> str:
    """'mermaid 11.17.2 sha512-...' as scripts/vendor-mermaid.sh records it."""
    return (root / MERMAID_VERSION_FILE).read_text(encoding="utf-8").strip()


def key(source: str, root: Path = Path()) -> str:
    text = f"{mermaid_version(root)}\n{normalized(source)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


DRAW = "Run 'make diagrams' and commit data/diagrams/"


def undrawn(root: Path, docs: Path) -> list[SourceError]:
    """Each diagram of the pages not drawn yet (readers' browsers would draw it), at its
    line; none for a site without the site's own copy of Mermaid."""
    if not (root / MERMAID_VERSION_FILE).is_file():
        return []
    return [
        SourceError(diagram.page, diagram.line, "this diagram is not drawn yet", DRAW)
        for diagram in in_pages(docs)
        if not (root / STORE / f"{key(diagram.source, root)}.svg").is_file()
    ]


def stored(source: str) -> Path:
    return STORE / f"{key(source)}.svg"


def in_pages(docs: Path) -> Iterator[Diagram]:
    """Every Mermaid fence of the pages under docs/, read by the one reader of code."""
    for page in sorted(docs.rglob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for found in markdown_code.fences(lines):
            if found.language == LANGUAGE:
                yield Diagram(page, found.start + 1, found.body(lines))


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ELEMENTS:
            self.found.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"an event handler ({name}=) on <{tag}>")
            elif name in _LINK_ATTRIBUTES and not (value or "").startswith("#"):
                self.found.append(f"a link out of the drawing ({name}={value!r})")
            elif name == "style" and _OUTSIDE_CSS.search(value or ""):
                self.found.append(f"a style that reaches outside the drawing on <{tag}>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag not in _ELEMENTS and f"a <{tag}> element" not in self.found:
            self.found.append(f"a </{tag}> end tag")  # closing the page's own elements
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _OUTSIDE_CSS.search(html.unescape(data)):
            self.found.append("a style sheet that reaches outside the drawing")

    def handle_decl(self, decl: str) -> None:
        self.found.append(f"a <!{decl}> declaration")

    def handle_pi(self, data: str) -> None:
        self.found.append("a processing instruction")


def unsafe(svg: str) -> list[str]:
    """What in a stored drawing Mermaid never writes (empty when it is safe to ship).

    Kept by the drawing's text for the next build: the drawings rarely change, and each
    build would read them all again with Python's HTML parser."""
    return json.loads(user_cache.kept("drawing-checks", svg, lambda: json.dumps(_unsafe(svg))))


def _unsafe(svg: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(svg)
    inspector.close()
    if not svg.lstrip().startswith("<svg"):
        inspector.found.insert(0, "text before the <svg> element")
    return list(dict.fromkeys(inspector.found))


def problems(lines: list[str], code: markdown_code.Code, page: str) -> list[SourceError]:
    """A drawing of one of the page's diagrams that holds what Mermaid never writes."""
    errors = []
    for found in code.fences:
        drawing = stored(found.body(lines)) if found.language == LANGUAGE else None
        if drawing is None or not drawing.is_file():
            continue
        wrong = unsafe(drawing.read_text(encoding="utf-8"))
        if wrong:
            errors.append(
                SourceError(
                    page,
                    found.start + 1,
                    f"the drawing of this diagram, {drawing.as_posix()}, holds "
                    f"{', '.join(wrong[:3])}, which Mermaid never writes",
                    f"Delete {drawing.as_posix()} and run 'make diagrams' to draw it again",
                )
            )
    return errors


def fence(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    """The stored drawing in an open declarative shadow root, as Material's own div.mermaid
    holds it (the theme's palette variables reach it, the page's typography does not);
    Material's in-browser form when the diagram has not been drawn yet."""
    drawing = stored(source)
    svg = drawing.read_text(encoding="utf-8") if drawing.is_file() else ""
    if not svg or unsafe(svg):  # an unsafe one is also an error of the page check
        return fence_code_format(source, language, class_name, options, md, **kwargs)
    return f'<div class="mermaid"><template shadowrootmode="open">{svg}</template></div>'
