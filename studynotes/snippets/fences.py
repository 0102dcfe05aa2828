"""Fenced code blocks of a Markdown page, with their info-string options and lines.

``studynotes.markdown_code`` finds the blocks as the renderer does (nested in lists,
admonitions and content tabs included); this module reads the info string the way
pymdownx.superfences does: a language, then ``key="value"`` options.
"""

from __future__ import annotations

import functools
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from studynotes import includes, markdown_code
from studynotes.errors import SourceError

_SNIPPET = re.compile(r'^-{1,}8<-{1,}\s+"(?P<path>[^"]+)"\s*$')  # pymdownx.snippets, one file


@dataclass(frozen=True)
class Block:
    page: str  # the page's path as contributors know it, e.g. docs/linux/df.md
    line: int  # of the opening fence, 1-based
    language: str
    options: dict[str, str] = field(hash=False)
    source: str

    def where(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(path: Path, root: Path) -> tuple[list[Block], list[SourceError]]:
    """Every fenced block of one page, in page order, and every fence that cannot be read
    (options with unbalanced quotes, a snippet include that is missing)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    page = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    found, errors = [], []
    for fence in markdown_code.fences(lines):
        line = fence.start + 1
        try:
            language, options = parse_info(fence.info, page, line)
            source = _include_snippets(fence.body(lines), _includes(root), page, line)
        except SourceError as error:
            errors.append(error)
        else:
            found.append(Block(page, line, language, options, source))
    return found, errors


def parse_info(info: str, page: str, line: int) -> tuple[str, dict[str, str]]:
    """``python title="app.py" check="run"`` -> ("python", {"title": "app.py", ...})."""
    info = info.strip().removeprefix("{").removesuffix("}").strip()  # {.python ...} form too
    try:
        words = shlex.split(info)
    except ValueError as error:
        raise SourceError(
            page,
            line,
            f"cannot read the fence's options ({error})",
            'Write options as key="value", with matching quotes',
        ) from None
    language = ""
    if words and "=" not in words[0]:
        language = words.pop(0).lstrip(".").lower()
    options = {}
    for word in words:
        key, sep, value = word.partition("=")
        options[key] = value if sep else "true"
    return language, options


@functools.cache
def _includes(root: Path) -> includes.Includes | None:
    config = root / "mkdocs.yml"
    return includes.from_config(config)[0] if config.is_file() else None


def _include_snippets(source: str, allowed: includes.Includes | None, page: str, line: int) -> str:
    """A block that is only `--8<-- "file"` shows that file: check what readers see."""
    match = _SNIPPET.match(source.strip())
    if not match or allowed is None:
        return source
    included = allowed.resolve(match.group("path"))
    if included is None:
        raise SourceError(
            page,
            line,
            f"the snippet include '{match.group('path')}' is refused or missing",
            f"Include a file of {allowed.folders()} by its path there (the build says more)",
        )
    return included.read_text(encoding="utf-8")
