"""The user's cache folder for what a build keeps between runs and may execute, show or
publish (compiled templates, minified scripts, live output, quiz exports, what checks found
in a text, the live commands' HOME, the tests' HTML checker): outside the project, so
nothing a pull request commits (a ``.cache/`` folder is only ignored by git, not refused)
is ever read there, run or shown as a command's output."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def folder(name: str) -> Path:
    """``$XDG_CACHE_HOME/studynotes/NAME`` (``~/.cache`` by default), not created."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "studynotes" / name


def kept(name: str, key: str, make: Callable[[], str], suffix: str = ".json") -> str:
    """``make()``, or what it returned for the same ``key`` in an earlier build of this
    version of the generator (its code is part of the key: an edited check never answers
    from a stale result). A cache that cannot be read or written costs time only."""
    path = _path(name, key, suffix)
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return path.read_text(encoding="utf-8")
    text = make()
    _store(path, text.encode("utf-8"))
    return text


def kept_bytes(
    name: str, key: str, make: Callable[[], bytes], load: Callable[[bytes], T], suffix: str
) -> T:
    """``load(make())``, with what ``make`` returned kept as ``kept`` keeps text; what
    cannot be loaded back (a damaged file) is made again."""
    path = _path(name, key, suffix)
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return load(path.read_bytes())
    data = make()
    _store(path, data)
    return load(data)


def _path(name: str, key: str, suffix: str) -> Path:
    digest = hashlib.sha256(f"{_code()}\0{key}".encode("utf-8", "surrogatepass")).hexdigest()
    return folder(name) / f"{digest[:40]}{suffix}"


def _store(path: Path, data: bytes) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)  # whole or absent, even with builds running side by side


@functools.cache
def _code() -> str:
    """A digest of the generator's own code, as installed or checked out."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()
