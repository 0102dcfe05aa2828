"""What one built HTML page links to and which ids it defines, with their lines.

lxml (libxml2's HTML parser) reads the page: it tolerates any HTML a theme writes,
skips ``<script>``/``<style>`` bodies and knows the line of every tag, three times as
fast as Python's ``html.parser`` (the same results on every page of the site and of
500 generated ones). Each page carries the whole nav, so a big site's check is mostly
this parse. selectolax (lexbor) is faster still but knows no lines.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from sys import intern

import lxml.etree
import lxml.html

# Attributes holding one URL the browser fetches or follows, by tag.
_URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src",),
    "object": ("data",),
}
_SRCSET_TAGS = ("img", "source")


@dataclass(frozen=True, slots=True)  # a big site's check holds millions: no __dict__ each
class Link:
    url: str
    line: int
    tag: str
    attr: str


@dataclass
class Page:
    """The links of one page and its fragment targets (ids, and ``<a name>``)."""

    links: list[Link] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # id -> line of its first use
    names: set[str] = field(default_factory=set)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)  # id, line, first line

    def has_target(self, fragment: str) -> bool:
        return fragment in self.ids or fragment in self.names

    def to_json(self) -> str:
        links = [[link.url, link.line, link.tag, link.attr] for link in self.links]
        return json.dumps([links, self.ids, sorted(self.names), self.duplicates])

    @classmethod
    def from_json(cls, text: str) -> Page:
        links, ids, names, duplicates = json.loads(text)
        # Pages repeat the nav's URLs: one string each, as lxml's parse would not share.
        kept = [
            Link(intern(url), line, intern(tag), intern(attr)) for url, line, tag, attr in links
        ]
        return cls(kept, ids, set(names), [tuple(d) for d in duplicates])


# Bytes in UTF-8, as the build wrote them: lxml refuses text that declares an encoding
# (an XHTML page a contributor added under docs/ may start with <?xml ... ?>).
_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def scan(html: str) -> Page:
    """The links and ids of one page of HTML (an empty file has none)."""
    page = Page()
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), _PARSER)
    except lxml.etree.ParserError:  # "Document is empty": nothing, or only comments
        return page
    for element in root.iter():
        attrs = element.attrib
        if attrs and isinstance(element.tag, str):  # not a comment
            _note(page, element.tag, attrs, element.sourceline or 0)
    return page


def _note(page: Page, tag: str, attrs: Mapping[str, str], line: int) -> None:
    value = attrs.get("id")
    if value is not None:
        if value in page.ids:
            page.duplicates.append((value, line, page.ids[value]))
        else:
            page.ids[value] = line
    if tag == "a" and attrs.get("name"):
        page.names.add(attrs["name"])
    for attr in _URL_ATTRS.get(tag, ()):
        if attr in attrs:
            page.links.append(Link(intern(attrs[attr].strip()), line, tag, attr))
    if tag in _SRCSET_TAGS and "srcset" in attrs:
        for candidate in attrs["srcset"].split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                page.links.append(Link(url, line, tag, "srcset"))
