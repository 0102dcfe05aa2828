#!/usr/bin/env python3
"""List the directories or files under a directory with their sizes (w205 week 3).

Run as ``sudo ./walk_directory_tree.py DIR OPTION``; ``OPTION`` is 1-6 (see ``USAGE``).
Standard library only, so the file also works copied on its own onto a VM.

Decisions, so the output can be read without the code:

- Size is the *apparent* size, ``lstat().st_size`` (what ``ls -l`` shows), not the
  blocks allocated (what plain ``du`` shows): it is the same on every filesystem,
  so the output is deterministic. A directory's size is the total of every file
  beneath it, at any depth; the directory entries themselves count 0. A file with
  several hard links counts once per path.
- Symbolic links are never followed and never counted or listed, so a link to
  an ancestor cannot loop and nothing is counted twice. DIR itself is followed
  if it is a link, as ``du DIR/`` would.
- "Files" are all entries that are neither directories nor links (devices,
  sockets and pipes included; their apparent size is normally 0).
- Paths are printed as given: DIR as typed, then ``DIR/sub/file`` (like ``find``).
- Alphabetical order compares paths component by component, case-sensitively by
  code point (like ``LC_ALL=C``), so a directory's contents follow it. Size
  orders break ties by that same path order.
- Directories that cannot be read (PermissionError without sudo) are still listed,
  with the size of what could be read; a note on stderr names them and the exit
  status is 1, as ``du`` and ``find`` do, so scripts can tell the totals are low.
- Exit status: 0 complete, 1 some directories unreadable, 2 bad arguments.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

USAGE = """\
walk_directory_tree.py

usage: walk_directory_tree directory option
option 1: print directories in alphabetical order
option 2: print directories and sizes sorted ascending
option 3: print directories and sizes sorted descending
option 4: print files in alphabetical order
option 5: print files and sizes sorted ascending
option 6: print files and sizes sorted descending"""

OPTIONS = range(1, 7)
_UNITS = "KMGTPEZY"


@dataclass(frozen=True)
class Entry:
    rel: PurePosixPath  # relative to the walked root; PurePosixPath() is the root itself
    size: int


@dataclass(frozen=True)
class Tree:
    root: Path
    dirs: tuple[Entry, ...]  # the root first, sizes include everything beneath
    files: tuple[Entry, ...]
    unreadable: tuple[PurePosixPath, ...]
    symlinks: tuple[PurePosixPath, ...]  # seen and skipped, kept for callers and tests

    def display(self, rel: PurePosixPath) -> str:
        """The path as the user gave it, joined like ``find`` does (``./a``, ``/etc``)."""
        return os.path.join(str(self.root), *rel.parts)


def walk(root: Path | str) -> Tree:
    """Scan ``root`` without following links; unreadable directories are recorded, not fatal."""
    root = Path(root)
    if not root.is_dir():
        kind = FileNotFoundError if not root.exists() else NotADirectoryError
        raise kind(f"not a directory: {root}")
    dirs = [PurePosixPath()]
    files: list[Entry] = []
    unreadable: list[PurePosixPath] = []
    symlinks: list[PurePosixPath] = []
    pending = [PurePosixPath()]  # an explicit stack: no recursion limit on deep trees
    while pending:
        rel = pending.pop()
        try:
            with os.scandir(root / rel) as listing:
                entries = list(listing)
        except OSError:  # PermissionError mostly; also a directory removed meanwhile
            unreadable.append(rel)
            continue
        for entry in entries:
            child = rel / entry.name
            try:
                if entry.is_symlink():
                    symlinks.append(child)
                elif entry.is_dir(follow_symlinks=False):
                    dirs.append(child)
                    pending.append(child)
                else:
                    files.append(Entry(child, entry.stat(follow_symlinks=False).st_size))
            except OSError:  # removed between listing and lstat: it no longer exists
                continue
    totals = dict.fromkeys(dirs, 0)
    for file in files:
        for parent in file.rel.parents:
            totals[parent] += file.size
    return Tree(
        root=root,
        dirs=tuple(Entry(d, totals[d]) for d in dirs),
        files=tuple(files),
        unreadable=tuple(sorted(unreadable, key=_path_key)),
        symlinks=tuple(sorted(symlinks, key=_path_key)),
    )


def human_size(n: int) -> str:
    """Size like ``du -h``: 1024 multiples, rounded up, one decimal below 10 (``4.0K``, ``12K``)."""
    if n < 0:
        raise ValueError(f"a size cannot be negative: {n}")
    if n < 1024:
        return f"{n}B"
    # Integer arithmetic and rounding up, as du does, so a size is never understated.
    for power, unit in enumerate(_UNITS, start=1):
        base = 1024**power
        tenths = -(-n * 10 // base)
        if tenths < 100:
            return f"{tenths // 10}.{tenths % 10}{unit}"
        whole = -(-n // base)
        if whole < 1024 or unit == _UNITS[-1]:
            return f"{whole}{unit}"
    raise AssertionError("unreachable")


def format_tree(tree: Tree, option: int) -> str:
    """The text for ``option`` (1-6), one path per line, without a trailing newline."""
    if option not in OPTIONS:
        raise ValueError(f"option must be 1-6, not {option!r}")
    entries = tree.dirs if option <= 3 else tree.files
    if option in (1, 4):
        ordered = sorted(entries, key=lambda e: _path_key(e.rel))
        return "\n".join(tree.display(e.rel) for e in ordered)
    sign = 1 if option in (2, 5) else -1
    ordered = sorted(entries, key=lambda e: (sign * e.size, _path_key(e.rel)))
    rows = [(human_size(e.size), tree.display(e.rel)) for e in ordered]
    width = max((len(size) for size, _ in rows), default=0)
    return "\n".join(f"{size:>{width}}  {path}" for size, path in rows)


def report(root: Path | str, option: int) -> str:
    """What the command prints on stdout for ``root`` and ``option``; no printing, no exit."""
    return format_tree(walk(root), option)


def unreadable_note(tree: Tree) -> str:
    """The stderr note naming unreadable directories, or "" when everything was read."""
    if not tree.unreadable:
        return ""
    count = len(tree.unreadable)
    noun = "directory" if count == 1 else "directories"
    lines = [f"{count} {noun} could not be read (run with sudo to include them):"]
    lines += [f"  {tree.display(rel)}" for rel in tree.unreadable]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["-h"], ["--help"]):
        print(USAGE)
        return 0
    if len(args) != 2 or args[1] not in {str(o) for o in OPTIONS}:
        print(USAGE, file=sys.stderr)
        return 2
    directory, option = args[0], int(args[1])
    _tolerate_odd_names()
    try:
        tree = walk(directory)
    except (FileNotFoundError, NotADirectoryError):
        print(f"walk_directory_tree.py: not a directory: {directory}", file=sys.stderr)
        return 2
    except OSError as error:  # e.g. no permission to look at DIR at all
        print(f"walk_directory_tree.py: cannot read {directory}: {error.strerror}", file=sys.stderr)
        return 2
    text = format_tree(tree, option)
    if text:
        print(text)
    note = unreadable_note(tree)
    if note:
        print(note, file=sys.stderr)
        return 1
    return 0


def _path_key(rel: PurePosixPath) -> tuple[str, ...]:
    return rel.parts


def _tolerate_odd_names() -> None:
    # File names need not be valid UTF-8 (os.fsdecode keeps the bytes as surrogates);
    # print them escaped rather than crash halfway through a scan of /.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


if __name__ == "__main__":
    sys.exit(main())
