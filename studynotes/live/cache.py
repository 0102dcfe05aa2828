"""On-disk cache of live captures, so `mkdocs serve` rebuilds do not rerun commands."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from studynotes.live.capture import Capture

DEFAULT_TTL = 3600.0  # seconds; STUDYNOTES_CACHE_TTL overrides, 0 turns the cache off


class Cache:
    def __init__(self, directory: Path, ttl: float = DEFAULT_TTL) -> None:
        self.directory = directory
        self.ttl = ttl

    def _path(self, key: str) -> Path:
        return self.directory / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")

    def get(self, key: str) -> Capture | None:
        if self.ttl <= 0:
            return None
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if entry.get("key") != key or time.time() - entry.get("stored", 0) > self.ttl:
            return None
        return Capture.from_dict(entry["capture"])

    def put(self, key: str, capture: Capture) -> None:
        if self.ttl <= 0:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        entry = {"key": key, "stored": time.time(), "capture": capture.to_dict()}
        path = self._path(key)
        temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps(entry), encoding="utf-8")
        temporary.replace(path)  # whole or absent for a build reading it at the same time

    def clear(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def fingerprint(paths: Iterable[Path], root: Path) -> str:
    """A digest of what ``paths`` hold, part of a cache key so a command reading the tree
    reruns once that changes: a file's contents; a folder's, every name below it and every
    file's contents (a tree walk shows sizes: a page edited beside it shows its new size).
    Not mtimes: a copy of the tree shares the captures."""
    digest = hashlib.sha256()
    for path in paths:
        folder = path.is_dir() and not path.is_symlink()
        for name, below in _tree(path) if folder else [("", path)]:
            digest.update(name.encode() + b"\0")
            if below.is_symlink():
                digest.update(b"-> " + os.readlink(below).encode())
            elif below.is_file():
                digest.update(below.read_bytes())
        digest.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0")
    return digest.hexdigest()[:32]


def _tree(folder: Path) -> list[tuple[str, Path]]:
    """Every file and folder below ``folder`` (links not followed), by name, in order."""
    found = []
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        relative = Path(parent).relative_to(folder).as_posix()
        found += [(f"{relative}/{name}", Path(parent, name)) for name in sorted(files)]
        found += [(f"{relative}/{d}/", Path(parent, d)) for d in dirs]
    return found
