"""Lists written for GitHub that this renderer reads otherwise: each reported at its line.

GitHub (CommonMark) and Python-Markdown disagree on lists, and no kept extension makes
them agree without breaking the 4-space lists the site's pages use (mdx-truly-sane-lists
drops 4-space nesting and loose items' paragraphs; mdx-breakless-lists flattens 2-space
nesting). So the check names every list GitHub would render and this renderer would not:

- a list right under a paragraph line, with no blank line: run-on text with literal "- ";
- an item nested by 1 to 3 spaces: GitHub nests it under the item above, Python-Markdown
  nests at 4 (``markdown_code.TAB``) and flattens or misreads it;
- an item's content (a paragraph, a fence) after a blank line, indented less than 4:
  GitHub keeps it in the item, Python-Markdown ends the list there (and numbers the
  rest from 1 again).

Written the way this module asks (blank line, 4 spaces), a list renders the same on
GitHub and here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studynotes.errors import SourceError
from studynotes.markdown_code import TAB, Code

_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap>[ \t]+(?=\S)|[ \t]*$)")
_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # * * * is a rule, not items
# Lines after which a list needs no blank line in Python-Markdown either.
_BLOCK_START = re.compile(r"^[ \t]*(?:#|!!!|\?\?\?|===|<|\||\[\^|:)")


@dataclass(frozen=True)
class _Item:
    line: int  # 1-based
    width: int  # where its marker starts
    content: int  # where GitHub reads its content: a line indented this far belongs to it


def problems(lines: list[str], code: Code, page: str) -> list[SourceError]:
    """Every list of ``lines`` that GitHub would render and this renderer would not."""
    found: list[SourceError] = []
    # A code block's first line is placed by its indentation like any other; the rest is code.
    starts = {fence.start for fence in code.fences} | {first for first, _ in code.indented}
    skip = code.lines() - starts
    items: list[_Item] = []  # the open list's items, outermost first
    blank = True
    paragraph = False  # the line above is paragraph text outside any list
    for index, line in enumerate(lines):
        if index in skip:
            blank = paragraph = False
            continue
        if not line.strip():
            blank, paragraph = True, False
            continue
        width = len(line) - len(line.lstrip(" \t"))
        item = _ITEM.match(line) if not _RULE.match(line) else None
        continues = not blank and (not items or width >= items[-1].content)
        text = item is None or (continues and not _interrupts(item["marker"]))
        if item and not text:
            found += _item_problems(items, index + 1, width, item["marker"], paragraph, page)
            items = [i for i in items if i.width < width] + [_item(index + 1, width, item)]
        elif items and blank:
            found += _content_problems(items, index + 1, width, page, line.strip()[:3])
            items = [i for i in items if i.width + TAB <= width]
        paragraph = text and not items and not _BLOCK_START.match(line)
        blank = False
    return found


def _item(line: int, width: int, item: re.Match[str]) -> _Item:
    gap = len(item["gap"].expandtabs(TAB))
    return _Item(line, width, width + len(item["marker"]) + (gap if 0 < gap <= TAB else 1))


def _interrupts(marker: str) -> bool:
    """Whether GitHub starts a list inside a paragraph: at any bullet, but at a number
    only if it is 1 (so a line that wraps to "2021) took over" stays text)."""
    return not marker[0].isdigit() or marker[:-1] == "1"


def _item_problems(
    items: list[_Item], line: int, width: int, marker: str, paragraph: bool, page: str
) -> list[SourceError]:
    if paragraph:
        return [
            SourceError(
                page,
                line,
                f"a list right under a line of text ('{marker} ' with no blank line above): "
                "GitHub shows a list, this site one run-on paragraph with a literal "
                f"'{marker}'",
                "Put a blank line above the list's first item",
            )
        ]
    parent = _parent(items, width)
    if parent is None:
        return []
    return [
        SourceError(
            page,
            line,
            f"a list item nested {width - parent.width} space(s) under the item of line "
            f"{parent.line}: GitHub nests it, this site nests list items by 4 spaces and "
            "reads it as the same list",
            f"Indent it by {_nested(items, width)} spaces: 4 per level of nesting",
        )
    ]


def _content_problems(
    items: list[_Item], line: int, width: int, page: str, start: str
) -> list[SourceError]:
    parent = _parent(items, width)
    if parent is None:
        return []
    what = "a code fence" if start in ("```", "~~~") else "a line"
    return [
        SourceError(
            page,
            line,
            f"{what} indented {width - parent.width} space(s) under the list item of line "
            f"{parent.line}, after a blank line: GitHub keeps it in the item, this site reads "
            "an item's content 4 spaces in, so the list ends here (and numbering starts again)",
            f"Indent it by {_nested(items, parent.width) + TAB} spaces (4 more than its "
            "item's marker) to keep it in the item",
        )
    ]


def _nested(items: list[_Item], width: int) -> int:
    """How far this site wants an item at ``width`` indented: 4 per item it is under."""
    under = [i for i in items if i.width < width]
    return (under[0].width if under else width) + TAB * len(under)


def _parent(items: list[_Item], width: int) -> _Item | None:
    """The item that GitHub puts a line of this indentation in and this site does not."""
    parent = next((i for i in reversed(items) if i.width < width), None)
    if parent is None or not parent.content <= width < parent.width + TAB:
        return None
    return parent
