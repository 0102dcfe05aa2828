"""No symbolic links where the build reads: pages, data and theme templates.

Git carries symbolic links in pull requests, and every engine follows them: a link
``docs/assets/env.txt -> /proc/self/environ`` publishes the build's environment, one
to ``../../mkdocs.yml`` the configuration, and a page linked to ``/dev/zero`` never
finishes reading. Every link is refused, not only those that lead out of the
project: a link inside it can still reach what is not meant to be published
(mkdocs.yml, .git/), and its target can change under review without the link
changing. A copy of the file does all a link would. GitHub Pages' Jekyll refuses
links in safe mode for the same reason.

The walk never follows a link and reads no file, so it is safe to run before
anything else looks at the sources.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from studynotes.errors import SourceError

CHECK = "The symbolic-link check"


def problems(folders: Iterable[Path]) -> list[SourceError]:
    """A problem for every symbolic link in ``folders`` or among them, named with its target."""
    found: list[SourceError] = []
    for folder in folders:
        if folder.is_symlink():
            found.append(_problem(folder))
            continue
        for parent, dirs, files in os.walk(folder):  # never descends into a linked folder
            for name in sorted(dirs + files):
                path = Path(parent, name)
                if path.is_symlink():
                    found.append(_problem(path))
    return found


def _problem(path: Path) -> SourceError:
    target = os.readlink(path)
    return SourceError(
        path,
        None,
        f"a symbolic link to '{target}': the build would read and publish whatever it points to",
        "Replace the link with a copy of the file (git rm the link, copy the file, git add "
        "it); pages, data and templates are read only from files of the repository",
    )
