"""What a snippet language is: the contract each language module fills in.

A language module (``python_check.py``, ``shell_check.py``, ...) defines ``LANGUAGE``;
``languages.py`` lists them, and a course's extension may add its own
(``studynotes.extension.Extension(snippet_languages=...)``). Everything else (which
fences must be marked, which ``check=`` each allows, the page check's hint, the report's
families, CONTRIBUTING's table) is read from these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from studynotes.live.allowlist import Allowlist
from studynotes.snippets.fences import Block
from studynotes.snippets.outcome import Failure
from studynotes.snippets.snippet import Snippet

# One check of one run of the checker: a marked block, and the page's check="file"
# blocks above it (name -> text), to a failure or None.
Check = Callable[[Snippet, dict[str, str]], "Failure | None"]


@dataclass(frozen=True)
class Context:
    """What a language's check may use: the site, its allowlist, a private HOME."""

    root: Path
    allowlist: Allowlist
    allowlist_path: str  # as contributors name it, for messages
    home: Path


@dataclass(frozen=True)
class Kind:
    """One ``check=`` value: an example fence and what the check does (CONTRIBUTING)."""

    example: str  # the fence's info string, e.g. 'python check="run"'
    does: str


@dataclass(frozen=True)
class Language:
    family: str  # how the report counts its blocks: python, shell, dockerfile, yaml
    names: tuple[str, ...]  # fence names; the first is the one the hints suggest
    kinds: Mapping[str, Kind]  # check= values it takes
    make: Callable[[Context], Check]  # its check for one run of the checker
    hint: str = ""  # how the page check suggests it, e.g. "```bash for commands"
    # Names that take fewer kinds than the others (``console``: no syntax check).
    narrower: Mapping[str, frozenset[str]] = field(default_factory=dict)
    options: tuple[str, ...] = ()  # fence options of its own (port=, response=)
    # What is wrong with the options of a block checked as KIND: (problem, fix) or None.
    validate: Callable[[Block, str], tuple[str, str] | None] = lambda block, kind: None

    def kinds_of(self, name: str) -> frozenset[str]:
        return self.narrower.get(name, frozenset(self.kinds))
