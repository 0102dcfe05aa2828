"""The site-wide glossary: abbreviation lines in the format of Python-Markdown's ``abbr``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from studynotes.errors import SourceError

_ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>\S.*)$")
_FIX = "Write each entry as '*[ABBR]: Meaning' on its own line"


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    line: int


def load(path: Path) -> list[Term]:
    """Read the glossary, refusing malformed or duplicate entries with file:line errors."""
    terms: dict[str, Term] = {}
    in_comment = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        # Skip blank lines and the HTML comment that explains the file.
        if in_comment or line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        if not line:
            continue
        match = _ENTRY.match(line)
        if not match:
            raise SourceError(path, number, f"not a glossary entry: {line!r}", _FIX)
        term = Term(match["term"].strip(), match["meaning"].strip(), number)
        if term.term in terms:
            first = terms[term.term].line
            raise SourceError(
                path,
                number,
                f"'{term.term}' is already defined on line {first}",
                "Keep one definition per abbreviation",
            )
        terms[term.term] = term
    return sorted(terms.values(), key=lambda t: t.term.casefold())


def to_markdown(terms: list[Term]) -> str:
    """A two-column table; text is escaped so a glossary line cannot inject HTML."""
    rows = [f"| **{_cell(t.term)}** | {_cell(t.meaning)} |" for t in terms]
    return "\n".join(["| Term | Meaning |", "| --- | --- |", *rows])


def _cell(text: str) -> str:
    return escape(text).replace("|", "&#124;")
