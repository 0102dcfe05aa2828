"""What a page may include with ``--8<--`` (pymdownx.snippets): files of reviewed folders.

pymdownx.snippets pastes a file into a page wherever a line is ``--8<-- "FILE"`` (or
a block of names between two ``--8<--`` lines), in running text and code blocks
alike, on every engine. With ``base_path: .`` a pull request could publish
mkdocs.yml or .git/config that way. So mkdocs.yml's ``base_path`` lists the folders
pages include from, and before anything renders every page and every included file
is read as the extension reads it (its own patterns, its own path resolution): each
include must name a file inside those folders, never a web address; the settings
must not open the whole project, allow downloads or lift the base-path restriction.

Text the build puts into pages (quiz text, command output) is escaped (``escape``)
so that no line of it is ever taken for an include.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from pymdownx.snippets import SnippetExtension, SnippetMissingError, SnippetPreprocessor

from studynotes import mkdocs_yml
from studynotes.errors import SourceError

EXTENSION = "pymdownx.snippets"
_RE_LINE = SnippetPreprocessor.RE_ALL_SNIPPETS
_SHOW_IT = "to show a '--8<--' line as it is, write ';--8<--' (the ';' is not shown)"
_MAX_DEPTH = 20  # includes within includes
MAX_BYTES = 1_000_000  # of one included file: text for a page, not a data dump
_SMALLER = "Include text files of under 1 MB (split a longer one, or link to it)"


@dataclass
class Includes:
    """pymdownx.snippets as mkdocs.yml sets it up; ``bases`` are absolute folders."""

    root: Path
    bases: tuple[Path, ...]
    _reader: SnippetPreprocessor = field(init=False, repr=False)

    def __post_init__(self) -> None:
        names = [str(base) for base in self.bases]
        # check_paths: a section the file does not mark raises, as it does in the build.
        config = SnippetExtension(
            base_path=names, restrict_base_path=True, check_paths=True
        ).getConfigs()
        self._reader = SnippetPreprocessor(config, Markdown())

    def folders(self) -> str:
        """The folders as contributors write them: ``docs/includes/ or data/docker/``."""
        return " or ".join(f"{_shown(base, self.root)}/" for base in self.bases)

    def problems(self, lines: list[str], where: str | Path, first: int = 1) -> list[SourceError]:
        """Every include of ``lines`` (a page, front matter blanked; ``first`` is the line
        number of its first line) that is not allowed, and of the files they include,
        each at its file and line."""
        return list(self._walk(lines, where, frozenset(), 0, first))

    def resolve(self, name: str) -> Path | None:
        """The file ``--8<-- "name"`` includes, or None if that include is refused."""
        target = self._reader.parse_snippet_target(name)
        path = target["path"] if target else ""
        return None if self._refused(path, name) else Path(self._reader.get_snippet_path(path))

    def escape(self, text: str) -> str:
        """``text`` with a ';' before each '--8<--' the extension would act on, which it
        removes again: the line reads as written and includes nothing."""
        lines = []
        for line in text.split("\n"):
            match = _RE_LINE.match(line) or self._reader.match_section(line)
            if match:
                line = line[: match.start("escape")] + ";" + line[match.start("escape") :]
            lines.append(line)
        return "\n".join(lines)

    def _walk(
        self, lines: list[str], where: str | Path, seen: frozenset[Path], depth: int, first: int
    ) -> Iterator[SourceError]:
        """Each include as pymdownx.snippets' ``parse_snippets`` finds it."""
        block: int | None = None  # the line of the '--8<--' that opened a block of names
        for number, line in enumerate(lines, start=first):
            match = _RE_LINE.match(line)
            if match and match["escape"]:
                continue
            if match and not match["inline_marker"]:
                block = None if block else number
                continue
            if match and block is None:
                name = match["snippet"][1:-1].strip()
            elif block is not None and not match and line.strip():
                name = line.strip()
            else:
                section = self._reader.match_section(line) if block is None else None
                if section and not section["escape"] and not seen:
                    yield _section_marker(where, number)
                continue
            if not name.startswith(";"):
                yield from self._include(name, where, number, block, seen, depth)
        if block is not None:
            yield SourceError(
                where,
                block,
                "this '--8<--' line opens a list of files to include that is never closed: "
                "every line after it is read as a file name",
                f"Close the list with another '--8<--' line; {_SHOW_IT}",
            )

    def _include(
        self,
        name: str,
        where: str | Path,
        line: int,
        block: int | None,
        seen: frozenset[Path],
        depth: int,
    ) -> Iterator[SourceError]:
        target = self._reader.parse_snippet_target(name)
        path = target["path"] if target else ""
        problem = self._refused(path, name)
        if problem:
            yield SourceError(where, line, *self._explained(problem, block))
            return
        found = Path(self._reader.get_snippet_path(path))
        if found in seen or depth >= _MAX_DEPTH:
            return  # the extension skips an include of a file that is including itself
        try:
            text = _text(found)
        except ValueError as error:
            yield SourceError(where, line, f"include refused: '{path}' {error}", _SMALLER)
            return
        try:
            self._reader.select_snippet_lines(text, target)
        except SnippetMissingError:
            yield SourceError(
                where,
                line,
                f"include refused: '{path}' marks no section '{target['section']}'",
                "Name a section the file marks ('--8<-- [start:NAME]' ... '--8<-- [end:NAME]'), "
                "or include the whole file",
            )
        yield from self._walk(text, found, seen | {found}, depth + 1, 1)

    def _refused(self, path: str, name: str) -> tuple[str, str] | None:
        """(problem, fix) if ``path`` may not be included, else None."""
        first = _shown(self.bases[0], self.root) if self.bases else "docs/includes"
        if not path:
            return f"'{name}' names no file to include", f"Write a file of {self.folders()}"
        if path.lower().startswith(("http://", "https://", "ftp://", "file:")):
            return (
                f"'{path}' is a web address: the build would fetch it from the network",
                f"Save the text as a file of {first}/ (if its licence allows; credit it on "
                "the page) and include that file by its name there",
            )
        found = self._reader.get_snippet_path(path)
        if found is None:
            return self._not_found(path, first)
        real = Path(found).resolve()
        if not any(real == base or base in real.parents for base in self._real_bases()):
            return (
                f"'{path}' leads out of {self.folders()} (through a symbolic link)",
                "Include the file itself, not a link to it",
            )
        if not real.is_file():
            return f"'{path}' is a folder, not a file", f"Name a file of {self.folders()}"
        return None

    def _not_found(self, path: str, first: str) -> tuple[str, str]:
        fix = f"Include only files of {self.folders()}, by their path there"
        as_written = (self.root / path).resolve()
        for base in self._real_bases():
            if base in as_written.parents and as_written.is_file():
                named = as_written.relative_to(base).as_posix()
                return (f"no file '{path}' in {self.folders()}", f"Write '{named}'")
        inside = [
            os.path.normpath(os.path.join(base, path)).startswith(str(base) + os.sep)
            for base in self.bases
        ]
        if os.path.isabs(path) or not any(inside):
            return (
                f"'{path}' is outside {self.folders()}, the folders pages may include from "
                "(pymdownx.snippets base_path in mkdocs.yml)",
                f"Move the text into a file of {first}/ and include it by its name there",
            )
        return f"no file '{path}' in {self.folders()}", fix

    def _explained(self, problem: tuple[str, str], block: int | None) -> tuple[str, str]:
        what, fix = problem
        if block is not None:
            what += (
                f" (this line is read as a file name: the '--8<--' line {block} opens a list "
                "of files to include)"
            )
        return f"include refused: {what}", f"{fix}; {_SHOW_IT}"

    def _real_bases(self) -> list[Path]:
        return [base.resolve() for base in self.bases]


def _text(path: Path) -> list[str]:
    """The lines of an included file; ValueError saying why it cannot be included."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"is {size:,} bytes, more than the {MAX_BYTES:,} an include may be")
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 text") from None


def _section_marker(where: str | Path, line: int) -> SourceError:
    return SourceError(
        where,
        line,
        "a snippet section marker ('--8<-- [start:NAME]'): the renderer removes this line",
        f"Use it only in a file of the include folders; {_SHOW_IT}",
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def from_config(config_file: Path) -> tuple[Includes | None, list[SourceError]]:
    """The includes mkdocs.yml sets up (None without pymdownx.snippets), and what is
    wrong with its settings, at their lines of mkdocs.yml."""
    config = mkdocs_yml.read(config_file)
    for index, entry in enumerate(config.get("markdown_extensions") or []):
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name == EXTENSION:
            options = (entry[name] if isinstance(entry, dict) else None) or {}
            return _checked(config_file, ["markdown_extensions", index, name], options)
    return None, []


def _checked(
    config_file: Path, at: list[str | int], options: dict[str, Any]
) -> tuple[Includes, list[SourceError]]:
    root = config_file.resolve().parent
    document = mkdocs_yml.document(config_file)
    given = options.get("base_path", ["."])
    names = [given] if isinstance(given, str) else list(given)
    bases = tuple(Path(os.path.normpath(root / str(name))) for name in names)
    errors = [
        SourceError(
            config_file,
            document.line_of([*at, "base_path"]),
            f"{EXTENSION} base_path '{name}' lets pages include files from "
            + ("all of the project (mkdocs.yml, .git/config)" if base == root else "outside it"),
            "List only the folders pages include from, e.g. base_path: [docs/includes]",
        )
        for name, base in zip(names, bases, strict=True)
        if base == root or root not in base.parents
    ]
    for key, unsafe in (("url_download", True), ("restrict_base_path", False)):
        if options.get(key, not unsafe) == unsafe:
            errors.append(
                SourceError(
                    config_file,
                    document.line_of([*at, key], key_line=True),
                    f"{EXTENSION} {key}: {str(unsafe).lower()} lets a page include "
                    + ("what the network sends" if unsafe else "files outside base_path"),
                    f"Remove the '{key}' line",
                )
            )
    includes = Includes(root, bases)
    line = document.line_of([*at, "auto_append"])
    for name in options.get("auto_append") or []:
        errors += includes.problems([f'--8<-- "{name}"'], config_file, line)
    return includes, errors
