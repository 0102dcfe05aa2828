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
anything else looks at the sources. Where the build writes (the site folder, which
every engine empties first, and .cache/) is checked too: a committed ``site -> /``
would have the build delete and overwrite the machine's files.
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


def written(root: Path, paths: Iterable[Path]) -> list[SourceError]:
    """A problem for each of ``paths`` (folders the build writes into), or a folder between
    it and ``root``, that is a symbolic link; paths outside ``root`` are the caller's own."""
    found: list[SourceError] = []
    for path in paths:
        if root not in path.parents:
            continue
        steps = [path, *path.parents[: len(path.relative_to(root).parts) - 1]]
        found += [_problem(step, writes=True) for step in steps if step.is_symlink()]
    return found


def _problem(path: Path, writes: bool = False) -> SourceError:
    target = os.readlink(path)
    if writes:
        effect = "write into (and first empty)"
        fix = f"Delete the link (git rm {path.name}): the build makes this folder itself"
    else:
        effect = "read and publish"
        fix = (
            "Replace the link with a copy of the file (git rm the link, copy the file, git "
            "add it); pages, data and templates are read only from files of the repository"
        )
    problem = f"a symbolic link to '{target}': the build would {effect} whatever it points to"
    return SourceError(path, None, problem, fix)
