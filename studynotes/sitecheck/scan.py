"""What one built HTML page links to and which ids it defines, with their lines.

Python's own ``html.parser`` reads the page: it tolerates any HTML a theme writes,
skips ``<script>``/``<style>`` bodies, and knows the line of every tag. That is all
this check needs, and it keeps the core free of compiled parser dependencies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

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


@dataclass(frozen=True)
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


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value for name, value in attrs if value is not None}
        self._note_id(values.get("id"), line)
        if tag == "a" and values.get("name"):
            self.page.names.add(values["name"])
        for attr in _URL_ATTRS.get(tag, ()):
            if attr in values:
                self.page.links.append(Link(values[attr].strip(), line, tag, attr))
        if tag in _SRCSET_TAGS and "srcset" in values:
            for candidate in values["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.page.links.append(Link(url, line, tag, "srcset"))

    handle_startendtag = handle_starttag

    def _note_id(self, value: str | None, line: int) -> None:
        if value is None:
            return
        if value in self.page.ids:
            self.page.duplicates.append((value, line, self.page.ids[value]))
        else:
            self.page.ids[value] = line


def scan(html: str) -> Page:
    """The links and ids of one page of HTML."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.page
