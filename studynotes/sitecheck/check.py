"""Check a built site: every internal link, image and asset exists, every fragment too.

Plain files only, no server and no network: what a static host such as GitHub Pages
would answer is decided from the files the build wrote (see ``resolve``). Each
problem is put at the Markdown line it comes from where the page's source is known
and holds the link, otherwise at the line of the built file.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from studynotes import user_cache
from studynotes.errors import SourceError
from studynotes.sitecheck.resolve import SiteBase, Target, existing, target
from studynotes.sitecheck.scan import Link, Page, scan
from studynotes.sitecheck.sources import Source

_WHAT = {"img": "image", "source": "image", "a": "link", "area": "link", "script": "script"}
_FIX_LINK = (
    "Link the page's Markdown file by its path relative to this page "
    "(e.g. ../linux/distros.md); the build turns it into the page's URL"
)
_FIX_IMAGE = (
    "Put the image under docs/ (e.g. docs/assets/images/) and write its path relative "
    "to this page: ![what it shows](../assets/images/NAME.png)"
)


@dataclass
class Site:
    """The files of a built site and the scan of each of its HTML pages."""

    folder: Path
    files: set[str]
    pages: dict[str, Page]

    @classmethod
    def read(cls, folder: Path) -> Site:
        files = set(_files(folder))
        pages = {
            name: _scanned((folder / name).read_text(encoding="utf-8", errors="replace"))
            for name in sorted(files)
            if name.endswith(".html")
        }
        return cls(folder, files, pages)


# Scans by page content: `make serve` rebuilds the pages that changed and checks the
# whole site again, and the next build writes most pages as they were: a page is parsed
# again only when its HTML changed (in memory, then in the user's cache).
_SCANS: dict[bytes, Page] = {}


def _scanned(html: str) -> Page:
    key = hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    if key not in _SCANS:
        if len(_SCANS) > 10_000:
            _SCANS.clear()
        kept = user_cache.kept("site-scans", html, lambda: scan(html).to_json())
        _SCANS[key] = Page.from_json(kept)
    return _SCANS[key]


@dataclass
class Outcome:
    errors: list[SourceError]
    pages: int
    links: int  # internal links, images and assets checked
    fragments: int  # of which with a #fragment

    def summary(self) -> str:
        count = len(self.errors)
        found = f"{count} problem{'s' * (count != 1)}" if count else "no problems"
        return (
            f"Site check: {self.pages} pages, {self.links} internal links "
            f"({self.fragments} with a #fragment), {found}"
        )


def check_site(
    folder: Path,
    *,
    site_url: str | None = None,
    sources: Mapping[str, Path] | None = None,
    root: Path | None = None,
) -> Outcome:
    """Every broken internal link, missing fragment and repeated id of the site in ``folder``.

    ``sources`` maps a built page (``linux/distros/index.html``) to its Markdown file;
    ``root`` is the folder paths are shown relative to (the project).
    """
    site = Site.read(folder)
    report = _Report(site, sources or {}, root or Path.cwd())
    base = SiteBase.from_url(site_url)
    outcome = Outcome(report.errors, len(site.pages), 0, 0)
    for name, page in site.pages.items():
        for link in page.links:
            found = target(link.url, name, base)
            if found is None or found.fragment.startswith(":~:"):  # external, text fragment
                continue
            outcome.links += 1
            outcome.fragments += bool(found.fragment)
            _check_link(site, base, name, link, found, report)
        for value, line, first in page.duplicates:
            report.duplicate_id(name, value, line, first)
    report.errors.sort(key=lambda error: (error.path, error.line or 0))
    return outcome


def _check_link(
    site: Site, base: SiteBase, name: str, link: Link, found: Target, report: _Report
) -> None:
    if found.path is None:
        report.link(
            name,
            link,
            f"{_what(link)} '{link.url}' leaves the site (not under {base.path})",
            "Write a relative link to the .md file or asset instead of an absolute path",
        )
        return
    file = existing(found.path, site.files)
    if file is None:
        what = _what(link)
        problem = f"{what} '{link.url}' leads to no file of the site ({found.path} is missing)"
        report.link(name, link, problem, _fix_missing(site, name, link, what))
    elif found.fragment and file in site.pages and not site.pages[file].has_target(found.fragment):
        report.missing_fragment(name, link, file, found.fragment)


def _fix_missing(site: Site, name: str, link: Link, what: str) -> str:
    """The usual fix; or, where the URL works from the page's folder, the URL that works here.

    Raw HTML in a page is not rewritten by the build, and a page is served as a folder
    (``linux/page/``): ``<img src="x.png">`` beside ``linux/page.md`` must be ``../x.png``.
    """
    if name.endswith("/index.html") and not link.url.startswith(("/", "#")):
        folder = posixpath.dirname(posixpath.dirname(name))
        beside = target(link.url, posixpath.join(folder, "index.html"), SiteBase())
        if beside and beside.path and existing(beside.path, site.files):
            return (
                f"Raw HTML links count from the page's URL, one folder below its .md file: "
                f"write '../{link.url}', or use Markdown, whose links count from the .md file"
            )
    return _FIX_IMAGE if what == "image" else _FIX_LINK


def _what(link: Link) -> str:
    if link.tag == "link":
        return "stylesheet" if link.url.endswith(".css") else "<link> target"
    return _WHAT.get(link.tag, f"<{link.tag} {link.attr}>")


class _Report:
    """Problems, each placed at its Markdown line when the page's source holds it."""

    def __init__(self, site: Site, sources: Mapping[str, Path], root: Path) -> None:
        self.site = site
        self.sources = sources
        self.root = root
        self.errors: list[SourceError] = []
        self._read: dict[str, Source | None] = {}

    def link(self, name: str, link: Link, problem: str, fix: str) -> None:
        source = self._source(name)
        self._add(name, source.line_of_url(link.url) if source else None, link.line, problem, fix)

    def missing_fragment(self, name: str, link: Link, file: str, fragment: str) -> None:
        ids = self.site.pages[file].ids
        close = difflib.get_close_matches(fragment, [i for i in ids if not i.startswith("__")])
        hint = f" (did you mean '#{close[0]}'?)" if close else ""
        self.link(
            name,
            link,
            f"link '{link.url}': {self._label_of(file)} has no heading or element "
            f"with id '{fragment}'",
            f"Link an id that exists there{hint}: a heading's id is in its ¶ permalink, "
            f"or give the heading one with {{ #{fragment} }}",
        )

    def duplicate_id(self, name: str, value: str, line: int, first: int) -> None:
        source = self._source(name)
        self._add(
            name,
            source.line_of_id(value) if source else None,
            line,
            f"id '{value}' is used twice on this page; links to '#{value}' reach only the first",
            "Give one of them another id: { #another-id } after a heading, "
            'or id="another-id" in raw HTML',
            built_detail=f"first at line {first}",
        )

    def _add(
        self,
        name: str,
        line: int | None,
        built_line: int,
        problem: str,
        fix: str,
        built_detail: str = "",
    ) -> None:
        """At the Markdown line if known, else at the built file's line (saying its source)."""
        source = self._source(name)
        if source and line:
            self.errors.append(SourceError(source.label, line, problem, fix))
            return
        notes = [built_detail] if built_detail else []
        notes += [f"built from {source.label}"] if source else []
        where = f" ({'; '.join(notes)})" if notes else ""
        self.errors.append(SourceError(self._built(name), built_line, problem + where, fix))

    def _source(self, name: str) -> Source | None:
        if name not in self._read:
            path = self.sources.get(name)
            self._read[name] = Source.read(path, self._shown(path)) if path else None
        return self._read[name]

    def _label_of(self, file: str) -> str:
        path = self.sources.get(file)
        return self._shown(path) if path else self._built(file)

    def _built(self, name: str) -> str:
        return self._shown(self.site.folder / name)

    def _shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _files(folder: Path) -> Iterator[str]:
    for directory, _, names in os.walk(folder):
        relative = Path(directory).relative_to(folder).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            yield prefix + name
