"""Reading offline: a service worker that keeps the published site in the reader's browser.

``write`` runs last in ``Site.finish``, after the engine and every feature wrote their
files, so it holds on every engine and lists everything the build published:

- every file of the site except the settings' ``offline.exclude`` patterns, each with a
  hash of its content, is what readers' browsers keep; the build fails if it weighs more
  than ``offline.budget_mb`` (every reader downloads it once, then what changed);
- ``sw.js`` at the site's root, the worker (``browser/worker/sw.js``) after that list:
  a worker serves the folder it is in and below, so the whole site, under GitHub Pages'
  ``/project/`` path too;
- a one-line script at the end of every page registering it (404.html excepted: it is
  served at any address, where its relative URL would point elsewhere).

Online the worker changes nothing (each request goes to the network); offline it answers
from what it kept. Material's ``offline`` plugin is for ``file://`` copies and turns off
instant navigation and directory URLs, so it does not serve a published site.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from studynotes import assets
from studynotes.errors import SourceError, SourceErrors

WORKER = "sw.js"  # at the site's root
_SOURCE = assets.BROWSER / "worker" / WORKER
_MARK = "data-studynotes-offline"  # the registering script's: a page gets it once
_NOT_REGISTERED = {"404.html"}
CHECK = "The offline check"


@dataclass(frozen=True)
class Kept:
    """What readers' browsers keep: file path (relative to the site) -> size in bytes."""

    files: dict[str, int]

    @property
    def size(self) -> int:
        return sum(self.files.values())

    def summary(self, budget_mb: float) -> str:
        return (
            f"Offline: readers' browsers keep {len(self.files)} files, {_mb(self.size)} "
            f"(budget {budget_mb:g} MB)."
        )


def kept(site_dir: Path, exclude: list[str]) -> Kept:
    """The files of ``site_dir`` a reader keeps (all but ``exclude``'s, and the worker)."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and relative != WORKER and not _excluded(relative, exclude):
            files[relative] = path.stat().st_size
    return Kept(files)


def _excluded(relative: str, patterns: list[str]) -> bool:
    """A pattern with a "/" matches the path in the site, one without the file's name."""
    name = posixpath.basename(relative)
    return any(fnmatch.fnmatchcase(relative if "/" in p else name, p) for p in patterns)


def write(
    site_dir: Path, exclude: list[str], budget_mb: float, config_file: Path, budget_line: int
) -> str:
    """Write the worker and register it on every page; the summary line for the log.

    ``SourceErrors`` (at ``budget_line`` of ``config_file``) if the kept files weigh
    more than ``budget_mb``: nothing is written then.
    """
    found = kept(site_dir, exclude)
    if found.size > budget_mb * 1e6:
        raise SourceErrors([_over_budget(found, budget_mb, config_file, budget_line)], CHECK)
    for page in found.files:
        if page.endswith(".html") and page not in _NOT_REGISTERED:
            register(site_dir / page, _root_from(page))
    found = kept(site_dir, exclude)  # the pages as readers get them, registration included
    (site_dir / WORKER).write_text(worker(site_dir, found), encoding="utf-8")
    return found.summary(budget_mb)


def worker(site_dir: Path, found: Kept) -> str:
    """``sw.js``: the list of kept files, by URL, with their hashes, then the worker."""
    files = {address(path): digest(site_dir / path) for path in found.files}
    code = assets.minify_kept(".js", _SOURCE.read_text(encoding="utf-8"))
    return f"var FILES={json.dumps(files, separators=(',', ':'))};\n{code}"


def address(path: str) -> str:
    """Where a reader opens the file, relative to the site: "x/index.html" is "x/"."""
    return path[: -len("index.html")] if posixpath.basename(path) == "index.html" else path


def digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()


def _root_from(page: str) -> str:
    """The site's root, relative to the page's folder (the page is in it, whether
    served as "x/index.html" or "x/")."""
    depth = page.count("/")
    return "../" * depth or "./"


def register(page: Path, root: str) -> bool:
    """Add the registering script before the page's last ``</body>``; False if the page
    has no ``</body>`` (an HTML fragment under docs/) or has the script already."""
    html = page.read_text(encoding="utf-8")
    end = html.rfind("</body>")
    if end < 0 or _MARK in html:
        return False
    script = (
        f'<script {_MARK}>"serviceWorker" in navigator && navigator.serviceWorker'
        f'.register("{root}{WORKER}").catch(function () {{}})</script>\n'
    )
    page.write_text(html[:end] + script + html[end:], encoding="utf-8")
    return True


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _over_budget(found: Kept, budget_mb: float, config_file: Path, line: int) -> SourceError:
    biggest = sorted(found.files.items(), key=lambda item: -item[1])[:5]
    listed = ", ".join(f"{path} ({_mb(size)})" for path, size in biggest)
    return SourceError(
        config_file,
        line,
        f"readers' browsers would keep {_mb(found.size)} of this site to read it offline, "
        f"over the budget of {budget_mb:g} MB (offline.budget_mb); the biggest files: {listed}",
        "Leave out files readers do not need offline (extra.studynotes.offline.exclude, "
        "patterns relative to the built site), make them smaller, or raise "
        "extra.studynotes.offline.budget_mb",
    )
