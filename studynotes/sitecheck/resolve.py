"""Where a URL written in a built page leads inside the site, as a static host serves it.

A folder URL (``linux/distros/``) is its ``index.html``, as on GitHub Pages and
``mkdocs serve``; a root-absolute path (``/study-notes/x``) counts from the path of
``site_url``; an absolute URL under ``site_url`` (the canonical link) is internal too.
Anything on another host or with another scheme is external and left alone here.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class Target:
    path: str | None  # site-relative path of the file named, None if it leaves the site
    fragment: str  # decoded #fragment, "" if none


@dataclass(frozen=True)
class SiteBase:
    """The ``site_url`` the pages were built for: its origin and its path."""

    origin: str = ""  # "https://host" ("" when the build had no site_url)
    path: str = "/"  # always ends with "/"

    @classmethod
    def from_url(cls, site_url: str | None) -> SiteBase:
        if not site_url:
            return cls()
        parts = urlsplit(site_url)
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return cls(f"{parts.scheme}://{parts.netloc}" if parts.netloc else "", path)


def target(url: str, page: str, base: SiteBase) -> Target | None:
    """The site file and fragment ``url`` names from ``page``; None if it is external."""
    parts = urlsplit(url)
    if parts.netloc:
        scheme = parts.scheme or base.origin.partition(":")[0]
        if not base.origin or f"{scheme}://{parts.netloc}".lower() != base.origin.lower():
            return None
    elif parts.scheme:
        return None  # mailto:, data:, javascript:, tel:
    path = unquote(parts.path)
    fragment = unquote(parts.fragment)
    if not path:
        return Target(page, fragment)  # "#x" or "?q": this very page
    if path.startswith("/"):
        if not (path + "/").startswith(base.path):
            return Target(None, fragment)
        joined = path[len(base.path) :]
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return Target(None, fragment)
    folder = path.endswith("/") or normal == "."
    normal = "" if normal == "." else normal
    return Target(posixpath.join(normal, "index.html") if folder else normal, fragment)


def existing(path: str, files: set[str]) -> str | None:
    """The file a request for ``path`` is answered with: itself, or a folder's index.html."""
    if path in files:
        return path
    index = posixpath.join(path, "index.html")
    return index if index in files else None
