"""The user's cache folder for what a build keeps between runs and may execute or publish
(compiled templates, minified scripts): outside the project, so nothing a pull request
commits (a ``.cache/`` folder is only ignored by git, not refused) is ever read there."""

from __future__ import annotations

import os
from pathlib import Path


def folder(name: str) -> Path:
    """``$XDG_CACHE_HOME/studynotes/NAME`` (``~/.cache`` by default), not created."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "studynotes" / name
