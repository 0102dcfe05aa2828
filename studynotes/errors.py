"""Errors a contributor can cause and fix; each names the file, the line and the remedy."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Bad input in a file of the repository (a page, a data file, a glossary line)."""

    def __init__(self, path: str | Path, line: int | None, problem: str, fix: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}. {fix}")
