"""On-disk cache of live captures, so `mkdocs serve` rebuilds do not rerun commands."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
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
        self._path(key).write_text(json.dumps(entry), encoding="utf-8")

    def clear(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)
