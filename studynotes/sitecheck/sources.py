"""The Markdown line a problem of a built page comes from.

A link written in a page (Markdown or raw HTML) keeps its URL, or at least its
``#fragment`` or last path segment, in the source: the first line holding it, in
the order the page uses it, is the line to fix. Links the theme or a macro wrote
are not in the source; those problems are reported at the built file's line.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from studynotes.headings import heading_lines
from studynotes.quiz.urls import page_url


@dataclass
class Source:
    """One Markdown page: where it is shown to the contributor, and its lines."""

    label: str  # "docs/linux/distros.md"
    lines: list[str]
    _used: Counter[str] = field(default_factory=Counter)

    @classmethod
    def read(cls, path: Path, label: str) -> Source:
        return cls(label, path.read_text(encoding="utf-8").splitlines())

    def line_of_url(self, url: str) -> int | None:
        """The line of the next use of ``url`` (or of its fragment or file name)."""
        return self._next(_url_needles(url))

    def line_of_id(self, value: str) -> int | None:
        """The line that sets id ``value`` again: an attribute list, raw HTML or a heading."""
        found = self._next(_id_needles(value), skip=1)
        return found or heading_lines("\n".join(self.lines)).get(value)

    def _next(self, needles: tuple[re.Pattern[str], ...], skip: int = 0) -> int | None:
        # The k-th problem with the same URL maps to the k-th line that holds it (after
        # ``skip`` lines: a repeated id is a problem where it is set the second time).
        for needle in needles:
            hits = [n for n, line in enumerate(self.lines, start=1) if needle.search(line)]
            if hits:
                index = self._used[needle.pattern] + skip
                self._used[needle.pattern] += 1
                return hits[min(index, len(hits) - 1)]
        return None


_END = r"(?=[\s)\"'>#?/]|$)"  # where a URL written in Markdown or HTML stops


def _url_needles(url: str) -> tuple[re.Pattern[str], ...]:
    """The URL as written, else its fragment, else its file name, each as a link's part."""
    parts = urlsplit(url)
    needles = [re.escape(url) + _END]
    if parts.fragment:
        needles.append(re.escape(f"#{parts.fragment}") + r"(?![\w-])")
    name = posixpath.basename(parts.path.rstrip("/"))
    if name not in ("", ".", ".."):
        needles.append(r"[(/\"'=<]" + re.escape(name) + _END)
    return tuple(re.compile(needle) for needle in needles)


def _id_needles(value: str) -> tuple[re.Pattern[str], ...]:
    """An id set by an attribute list (``{ #id }``) or by raw HTML (``id="id"``)."""
    escaped = re.escape(value)
    return (re.compile(rf"\{{[^}}]*#{escaped}(?![\w-])"), re.compile(rf"\bid=[\"']{escaped}[\"']"))


def default_sources(docs_dir: Path, use_directory_urls: bool = True) -> dict[str, Path]:
    """Built page -> Markdown file, by MkDocs' layout rule (for pages the engine did not name)."""
    sources = {}
    for path in docs_dir.rglob("*.md"):
        url = page_url(path.relative_to(docs_dir).as_posix(), use_directory_urls)
        sources[url + "index.html" if url.endswith("/") or not url else url] = path
    return sources
