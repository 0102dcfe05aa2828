"""Every page is in the navigation: a page readers cannot reach is a mistake.

MkDocs warns of such pages (strict turns it into an error); Zensical does not, so
the core checks the ``nav`` of mkdocs.yml itself, for every engine. Blog posts are
listed by the blog plugin, not by ``nav``, and a site without ``nav`` lists every
page automatically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studynotes.errors import SourceError
from studynotes.mkdocs_yml import read


def unlisted(config_file: Path, pages: list[str]) -> list[SourceError]:
    """A problem for each of ``pages`` (``docs/...`` paths) that the nav leaves out."""
    config = read(config_file)
    if "nav" not in config:
        return []
    docs = config.get("docs_dir", "docs")
    in_nav = set(listed(config["nav"]))
    posts = tuple(f"{docs}/{folder}/" for folder in _blog_post_folders(config))
    return [
        SourceError(
            page,
            1,
            f"this page is not in the navigation ('nav:' of {config_file.name}), so readers "
            "cannot find it",
            f"Add it under its topic there, e.g. '- Title: {page.removeprefix(docs + '/')}'",
        )
        for page in pages
        if page.removeprefix(docs + "/") not in in_nav and not page.startswith(posts)
    ]


def listed(entries: Any) -> list[str]:
    """The page paths of a nav, in order (nested sections, titled and untitled entries); no URLs."""
    found: list[str] = []
    for entry in entries if isinstance(entries, list) else [entries]:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if isinstance(value, str) and "://" not in value:
                found.append(value)
            elif isinstance(value, list | dict):
                found += listed(value)
    return found


def _blog_post_folders(config: dict[str, Any]) -> list[str]:
    folders = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict):
            for name, options in plugin.items():
                if name in ("blog", "material/blog"):
                    blog = (options or {}).get("blog_dir", "blog").strip("/")
                    post_dir = (options or {}).get("post_dir", "{blog}/posts")
                    folders.append(post_dir.replace("{blog}", blog).strip("/"))
    return folders
