"""Files made once per content: the quiz exports and study mode's question bank.

Writing the Anki decks and QTI zips is most of a warm build's quiz cost, and
`mkdocs serve` rebuilds the site on every save, so each set of files is kept in the
user's cache (``~/.cache/studynotes/quiz-exports/KEY/``; never the project's, whose
files a pull request could commit), KEY a hash of everything the files are made from
(the caller's content and the code of the module that makes them).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path


def content_key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def code_of(module_file: str) -> bytes:
    """A module's source, part of the key: a change to how files are made makes new ones."""
    return Path(module_file).read_bytes()


def copy_cached(
    cache_dir: Path,
    key: str,
    names: Iterable[str],
    write: Callable[[Path], None],
    out_dir: Path,
) -> list[Path]:
    """Copy the files ``names`` into ``out_dir`` from the cache entry ``key``, which
    ``write(folder)`` makes first if it is missing; returns the copied paths."""
    cached = cache_dir / key
    if not cached.is_dir():
        partial = cache_dir / f"{key}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        write(partial)
        try:
            partial.rename(cached)  # whole or absent, even if two builds race
        except OSError:
            if not cached.is_dir():
                raise
            shutil.rmtree(partial, ignore_errors=True)  # another build made the same first
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        shutil.copyfile(cached / name, out_dir / name)
        written.append(out_dir / name)
    return written
