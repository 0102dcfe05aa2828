"""Where a page's code is: fenced blocks and indented code blocks, line by line.

The one reader of code regions, for the template guard (code is literal), the page
check (no language, indented code), the heading readers and the snippet checker.
It follows what the site's renderer does, Python-Markdown with pymdownx.superfences
and Material's containers (admonitions, details, content tabs, lists), not
CommonMark: a fence may be indented to sit inside a container; the body of an
admonition or tab, indented four spaces, is not code; triple backticks closed on
their own line are inline code, since a backtick fence's info string holds no
backtick; an indented code block is four spaces deeper than its container, after
a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

TAB = 4  # Python-Markdown's tab_length: container bodies and code blocks indent by it
# Inline code: a run of backticks, the code, the same run (group 1: the ticks, 2: the code).
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}(?=[^`]*$)|~{3,})(?P<info>.*)$")
# Lines that open a container whose body is indented by TAB: list items, admonitions
# and details (!!!, ???, ???+), content tabs (===), footnotes, definitions.
_CONTAINER = re.compile(
    r"^(?:[-*+]|\d+[.)])(?:\s|$)|^(?:!!!|\?\?\?\+?|===\+?)\s|^\[\^[^\]]+\]:|^:\s"
)


@dataclass(frozen=True)
class Fence:
    start: int  # 0-based index of the opening line
    end: int  # index of the closing line; the last line of the page if never closed
    indent: str  # the opening line's indentation, removed from the body
    marker: str  # ``` or ~~~ (or longer)
    info: str  # everything after the marker on the opening line
    closed: bool

    @property
    def language(self) -> str:
        """The info string's first word (``{.python ...}`` form too), lower-cased."""
        words = self.info.strip().removeprefix("{").split()
        first = words[0] if words else ""
        return "" if "=" in first else first.lstrip(".").lower()

    def body(self, lines: list[str]) -> str:
        """The code, with the fence's own indentation removed (as superfences shows it)."""
        inner = lines[self.start + 1 : self.end if self.closed else self.end + 1]
        return "".join(line.removeprefix(self.indent) + "\n" for line in inner)


@dataclass(frozen=True)
class Code:
    fences: list[Fence]
    indented: list[tuple[int, int]]  # (first, last) 0-based lines of each indented block

    def lines(self) -> set[int]:
        """Every line index that is code (fence lines included)."""
        spans = [(f.start, f.end) for f in self.fences] + self.indented
        return {i for first, last in spans for i in range(first, last + 1)}


def read(lines: list[str]) -> Code:
    """The page's fenced and indented code blocks, in one pass that tracks containers."""
    found = Code([], [])
    containers: list[int] = []  # the body indentation of each open container
    blank_before = True
    run: list[int] = []  # the indented code block being read
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank_before, i = True, i + 1
            continue
        width = _width(line)
        opener = _CONTAINER.match(line.strip()) is not None
        # A line right under another continues its paragraph, however indented
        # ("lazy" continuation); only a new block or a new item can end a container.
        while containers and width < containers[-1] and (blank_before or run or opener):
            containers.pop()
        base = containers[-1] if containers else 0
        if width >= base + TAB and (blank_before or run):
            run.append(i)  # four spaces deeper than its container: code, even a ``` line
        else:
            if run:
                found.indented.append((run[0], run[-1]))
                run = []
            opening = _OPENING.match(line)
            if opening:
                fence = _close(lines, i, opening)
                found.fences.append(fence)
                i = fence.end
            elif opener:
                containers.append(width + TAB)
        blank_before, i = False, i + 1
    if run:
        found.indented.append((run[0], run[-1]))
    return found


def fences(lines: list[str]) -> list[Fence]:
    """Every fenced block, in page order; the text inside one is never read as a fence."""
    return read(lines).fences


def _close(lines: list[str], start: int, opening: re.Match[str]) -> Fence:
    marker = opening.group("fence")
    closing = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
    end = next((j for j in range(start + 1, len(lines)) if closing.match(lines[j])), None)
    return Fence(
        start=start,
        end=len(lines) - 1 if end is None else end,
        indent=opening.group("indent"),
        marker=marker,
        info=opening.group("info"),
        closed=end is not None,
    )


def prose_lines(lines: list[str]) -> Iterator[int]:
    """Indexes of lines that are not code (fenced or indented): headings and links live here."""
    code = read(lines).lines()
    return (i for i in range(len(lines)) if i not in code)


def _width(line: str) -> int:
    stripped = line.lstrip(" \t")
    return len(line[: len(line) - len(stripped)].expandtabs(TAB))
