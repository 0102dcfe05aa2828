"""Relative URLs between pages of the built site, computed as MkDocs lays pages out.

Quiz HTML is raw HTML in a page, so MkDocs does not rewrite its links: they must
already be the URLs the browser will resolve from the page that shows the quiz.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Links:
    """How the engine serves pages, what it does with URLs in raw HTML, and where the
    built site keeps what quiz HTML links to (the settings' ``assets`` and ``exports``).

    MkDocs and ProperDocs leave raw HTML alone, so its URLs must be what the browser
    resolves from the page's URL. Zensical resolves them from the .md file, as it does
    Markdown links (and turns ``page.md`` into the page's URL): there they are paths
    between files of docs/.
    """

    directory_urls: bool = True
    raw_html_rewritten: bool = False
    assets: str = "assets/quiz"  # the quiz scripts and stylesheet
    exports: str = "quizzes/exports"  # quiz exports and study mode's question bank
    quiz_index: str = "quizzes/index.md"

    def asset(self, name: str) -> str:
        return f"{self.assets}/{name}"

    def export(self, name: str) -> str:
        return f"{self.exports}/{name}"


AS_WRITTEN = Links()  # MkDocs and ProperDocs with use_directory_urls, the default


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """Where MkDocs serves docs file ``src``, relative to the site root.

    ``linux/distros.md`` -> ``linux/distros/`` (or ``linux/distros.html``); other
    files (``assets/quiz/quiz.js``) keep their path.
    """
    path = PurePosixPath(src)
    if path.suffix != ".md":
        return src
    folder = "" if str(path.parent) == "." else f"{path.parent}/"
    if path.stem in ("index", "README"):
        return folder if use_directory_urls else f"{folder}index.html"
    return f"{folder}{path.stem}/" if use_directory_urls else f"{folder}{path.stem}.html"


def href(target: str, from_page: str, links: Links = AS_WRITTEN) -> str:
    """A relative URL to ``target`` (docs path, optional ``#anchor``) from page ``from_page``."""
    path, _, anchor = target.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if links.raw_html_rewritten:
        return posixpath.relpath(path, posixpath.dirname(from_page) or ".") + fragment
    target_url = page_url(path, links.directory_urls)
    base = page_url(from_page, links.directory_urls)
    base_dir = base.rstrip("/") if base.endswith("/") or not base else posixpath.dirname(base)
    relative = posixpath.relpath(target_url or ".", base_dir or ".")
    if target_url.endswith("/") or not target_url:
        relative = "./" if relative == "." else f"{relative}/"
    return relative + fragment
