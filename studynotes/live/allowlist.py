"""Which commands pages may run: a reviewed data file, checked before anything runs.

A page writes a command as one string. It is refused unless it is free of shell
syntax, splits into an argv whose program the allowlist names, and matches one of
that program's allowed forms. Forms are token lists; a token is a literal or a
placeholder:

``{path}``                 a relative path inside the repository, neither its root
                           nor hidden (no part starting with '.': .git, .cache)
``{int}``                  a non-negative integer
``{name}``                 a plain word (letters, digits, ``._:/-``), e.g. an image tag
``{choice:a|b|c}``         one of the listed words
``{template}``             a Go template for ``--format``, e.g. ``{{.Names}}``
"""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from studynotes import yamlfile

# Refused outright: shell syntax that has no meaning without a shell, so its presence
# means someone expected one (chaining, pipes, substitution, redirection).
_SHELL_SYNTAX = {
    ";": "a command separator",
    "|": "a pipe",
    "&": "a background/AND operator",
    "$": "a variable or command substitution",
    "`": "a command substitution",
    "(": "a subshell",
    ")": "a subshell",
    "<": "a redirection",
    ">": "a redirection",
    "\n": "a newline",
    "\r": "a carriage return",
}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$")
_TEMPLATE_CHARS = r"[A-Za-z0-9 ._:/{}\"'=,-]*"
_TEMPLATE = re.compile(rf"^{_TEMPLATE_CHARS}\{{\{{{_TEMPLATE_CHARS}\}}\}}{_TEMPLATE_CHARS}$")
_PLACEHOLDER = re.compile(r"^\{(path|int|name|template|choice:[^}]+)\}$")


class Program(BaseModel):
    model_config = ConfigDict(extra="forbid")

    executable: str = Field(description="name on PATH, or a path relative to the repository")
    forms: list[list[str]] = Field(min_length=1)
    timeout: float = Field(default=20, gt=0, le=300)
    max_output: int = Field(default=20_000, gt=0, le=1_000_000)
    version: list[str] | None = None
    requires: list[str] | None = None
    sequential: bool = False
    env: list[str] = []


class Allowlist(BaseModel):
    model_config = ConfigDict(extra="forbid")

    programs: dict[str, Program]


class Refused(Exception):
    """A command the allowlist does not permit; the message says why."""


@dataclass(frozen=True)
class Approved:
    """A command that may run: what the page wrote, and the argv that will run."""

    command: str
    argv: tuple[str, ...]
    program: str
    rules: Program

    def argv_to_run(self, root: Path) -> list[str]:
        """The argv to execute: an executable that is a repository path runs from there."""
        executable = self.rules.executable
        in_repo = root / executable
        path = str(in_repo) if "/" in executable and in_repo.exists() else executable
        return [path, *self.argv[1:]]

    def inputs(self, root: Path) -> list[Path]:
        """The repository files and folders the command names (its script included):
        what its output may depend on besides the machine."""
        words = [self.rules.executable, *self.argv[1:]]
        return [root / word for word in words if inside(root, word) and (root / word).exists()]


def load(path: Path) -> Allowlist:
    """The allowlist of ``path``; none at all (every command refused) if there is no file."""
    if not path.exists() and not path.is_symlink():
        return Allowlist(programs={})
    fix = "The file's header says what each key takes ('executable' and 'forms' are needed)"
    return yamlfile.validate(Allowlist, yamlfile.load(path), fix)


def approve(command: str, allowlist: Allowlist, root: Path) -> Approved:
    """Split and check ``command``; raise Refused with the reason if it may not run."""
    for char, meaning in _SHELL_SYNTAX.items():
        if char in command:
            shown = repr(char).strip("'")
            raise Refused(f"'{shown}' is {meaning}; commands run without a shell")
    try:
        argv = shlex.split(command)
    except ValueError as error:
        raise Refused(f"cannot split it into words ({error})") from None
    if not argv:
        raise Refused("it is empty")
    program = allowlist.programs.get(argv[0])
    if program is None:
        raise Refused(f"'{argv[0]}' is not an allowed program")
    for form in program.forms:
        if _matches(argv, form, root):
            return Approved(command, tuple(argv), argv[0], program)
    _refuse_path_escape(argv, program.forms, root)
    raise Refused(
        f"no form allowed for '{argv[0]}' matches these arguments; "
        f"the nearest allowed: {'; '.join(_nearest(command, program.forms))}"
    )


def _nearest(command: str, forms: list[list[str]], count: int = 3) -> list[str]:
    """The allowed forms most like ``command``, written as in data/commands.yml."""
    written = [" ".join(form) for form in forms]
    ranked = sorted(written, key=lambda form: -difflib.SequenceMatcher(None, command, form).ratio())
    return ranked[:count]


def _matches(argv: list[str], form: list[str], root: Path) -> bool:
    return len(argv) == len(form) and all(
        _token_matches(word, token, root) for word, token in zip(argv, form, strict=True)
    )


def _token_matches(word: str, token: str, root: Path) -> bool:
    placeholder = _PLACEHOLDER.match(token)
    if not placeholder:
        return word == token
    kind = placeholder.group(1)
    if kind == "path":
        return inside(root, word)
    if kind == "int":
        return word.isdigit()
    if kind == "name":
        return bool(_NAME.match(word))
    if kind == "template":
        return bool(_TEMPLATE.match(word))
    return word in kind.removeprefix("choice:").split("|")


def inside(root: Path, word: str) -> bool:
    """True for a relative path that, resolved, stays within ``root`` and is neither
    ``root`` itself nor hidden (.git, .cache, .venv: git metadata and the machine's)."""
    return _path_problem(root, word) is None


def _path_problem(root: Path, word: str) -> str | None:
    if not word or Path(word).is_absolute() or word.startswith("~"):
        return "outside the repository; use a path inside it"
    resolved = (root / word).resolve()
    if root.resolve() not in resolved.parents:
        if resolved == root.resolve():
            return "the repository root, which holds .git; name a folder such as docs"
        return "outside the repository; use a path inside it"
    if any(part.startswith(".") for part in resolved.relative_to(root.resolve()).parts):
        return "hidden (a name starting with '.': git metadata, caches); use docs or data"
    return None


def _refuse_path_escape(argv: list[str], forms: list[list[str]], root: Path) -> None:
    """Name the path when the only thing wrong is a path the build may not look at."""
    for form in forms:
        if len(form) != len(argv):
            continue
        for word, token in zip(argv, form, strict=True):
            problem = _path_problem(root, word) if token == "{path}" else None
            if problem:
                raise Refused(f"'{word}' is {problem}")
