"""The headings of a Markdown page: line, level, text and the id the site gives each.

Ids are computed as Python-Markdown's toc extension computes them (the slug of the
heading's text, ``_1``/``_2`` for repeats), except where an attr-list ``{ #id }``
after the heading sets the id explicitly. Code (fenced or indented) holds no headings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from studynotes.markdown_code import prose_lines
from studynotes.template_code import blank_front_matter

# As Python-Markdown reads them: no space is needed after the #s ("#hashtag" is a
# title), and closing #s are dropped.
_HEADING = re.compile(r"^\s{0,12}(?P<marks>#{1,6})(?P<text>.*?)#*\s*$")
_ATTR_LIST = re.compile(r"\s*\{:?\s*(?P<attrs>[^{}]*)\}\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based, front matter counted
    level: int
    text: str  # "" for a heading line with no text, which renders as an empty heading


def headings(markdown: str) -> list[Heading]:
    """Every ATX heading outside code and front matter, in page order."""
    lines = blank_front_matter(markdown).split("\n")
    found = []
    in_comment = False  # an HTML comment block is raw HTML: no headings in it
    for index in prose_lines(lines):
        line = lines[index]
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line.split("<!--", 1)[1]
            continue
        if match := _HEADING.match(line):
            text = (match["text"] or "").strip()
            found.append(Heading(index + 1, len(match["marks"]), text))
    return found


def slugify(text: str) -> str:
    """The id Python-Markdown's toc gives a heading with this (inline Markdown) text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"<[^>]+>|&[#a-zA-Z0-9]+;|[`*]", "", text)  # tags, entities, code, emphasis
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)  # _emphasis_ but not snake_case
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def heading_ids(markdown: str) -> set[str]:
    """Ids of the headings of a Markdown page (code blocks and front matter skipped)."""
    return set(heading_lines(markdown))


def heading_lines(markdown: str) -> dict[str, int]:
    """Heading id -> its 1-based line in the page (front matter counted)."""
    explicit: dict[str, int] = {}
    texts: list[tuple[int, str]] = []
    for heading in headings(markdown):
        line, text = heading.line, heading.text
        attrs = _ATTR_LIST.search(text)
        found = _ATTR_ID.search(attrs["attrs"]) if attrs else None
        if found:
            explicit[found["id"]] = line
        else:
            texts.append((line, text[: attrs.start()] if attrs else text))
    # toc reserves explicit ids first, then numbers repeated slugs: "the-columns_1".
    ids = dict(explicit)
    for line, text in texts:
        ids[_unique(slugify(text), set(ids))] = line
    return ids


def _unique(slug: str, ids: set[str]) -> str:
    if slug and slug not in ids:
        return slug
    count = 1
    while f"{slug}_{count}" in ids:
        count += 1
    return f"{slug}_{count}"
