"""Fenced code blocks of a Markdown page, with their info-string options and lines.

Sybil's fence lexer finds the blocks (nested in lists, admonitions and content tabs
included, since it follows indentation); this module reads the info string the way
pymdownx.superfences does: a language, then ``key="value"`` options.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from sybil import Document
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

from studynotes.errors import SourceError

# The whole info line: everything after the backticks up to the end of that line.
_LEXER = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE))
_SNIPPET = re.compile(r'^-{1,}8<-{1,}\s+"(?P<path>[^"]+)"\s*$')  # pymdownx.snippets, one file
# CommonMark: the info string of a backtick fence holds no backtick, so ``` a ``` on one
# line is inline code, as the renderer shows it; such lines are blanked before lexing.
_INLINE_TRIPLE = re.compile(r"^[^`\n]*`{3,}[^`\n]*`[^\n]*$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    page: str  # the page's path as contributors know it, e.g. docs/linux/df.md
    line: int  # of the opening fence, 1-based
    language: str
    options: dict[str, str] = field(hash=False)
    source: str

    def where(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(path: Path, root: Path) -> list[Block]:
    """Every fenced block of one page, in page order."""
    text = path.read_text(encoding="utf-8")
    page = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    found = []
    lexed = _INLINE_TRIPLE.sub(lambda match: " " * len(match.group(0)), text)
    for region in _LEXER(Document(lexed, str(path))):
        line = text.count("\n", 0, region.start) + 1
        language, options = parse_info(region.lexemes["info"], page, line)
        source = _include_snippets(str(region.lexemes["source"]), root, page, line)
        found.append(Block(page, line, language, options, source))
    return found


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


def _include_snippets(source: str, root: Path, page: str, line: int) -> str:
    """A block that is only `--8<-- "file"` shows that file: check what readers see."""
    match = _SNIPPET.match(source.strip())
    if not match:
        return source
    included = root / match.group("path")
    if not included.is_file():
        raise SourceError(
            page,
            line,
            f"the snippet include '{match.group('path')}' is missing",
            "Give a path relative to the repository root",
        )
    return included.read_text(encoding="utf-8")
