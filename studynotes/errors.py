"""Errors a contributor can cause and fix; each names the file, the line and the remedy."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Bad input in a file of the repository (a page, a data file, a glossary line)."""

    def __init__(self, path: str | Path, line: int | None, problem: str, fix: str) -> None:
        self.path = _shown(Path(path))
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(self.report())

    def report(self) -> str:
        """``PATH:LINE: problem`` then an indented ``fix:`` line, as every checker prints."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem.rstrip()}\n  fix: {self.fix}"


class SourceErrors(Exception):
    """All the problems one check found, reported together, grouped by file."""

    def __init__(self, errors: list[SourceError], check: str = "The check") -> None:
        self.errors = sorted(errors, key=lambda error: (error.path, error.line or 0))
        self.check = check
        super().__init__(self.report())

    def report(self) -> str:
        lines: list[str] = []
        previous = None
        for error in self.errors:
            if previous is not None and error.path != previous:
                lines.append("")
            lines.append(str(error))
            previous = error.path
        lines.append(summary(self.check, len(self.errors), len({e.path for e in self.errors})))
        return "\n".join(lines)


def summary(check: str, problems: int, files: int) -> str:
    """The last line of every checker's report."""
    if not problems:
        return f"{check} found no problems."
    return (
        f"{check} found {problems} problem{'s' * (problems != 1)} "
        f"in {files} file{'s' * (files != 1)}."
    )


def _shown(path: Path) -> str:
    """A file as contributors name it: relative to the folder the check runs in."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return path.as_posix()


# What a command-line entry point or engine adapter catches to print a report, not a
# traceback: everything a contributor can cause and fix.
REPORTED = (SourceError, SourceErrors)


class UsageError(Exception):
    """A command given what it cannot use: a missing mkdocs.yml, an engine not installed,
    a folder that is not empty. The command line prints it with its name, no traceback."""
