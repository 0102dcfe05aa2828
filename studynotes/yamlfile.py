"""YAML data files with line numbers, validated by pydantic models.

PyYAML's parsed data forgets where each value came from; its node tree does not.
Both are kept so a validation error can name the file and the line to fix.

Every YAML text the project reads comes from a pull request, so each is guarded
before it is composed (``problems``): no larger than ``MAX_BYTES``, no anchors or
aliases (nine levels of nine aliases are 387 million values to anything that walks
the data), and nested no deeper than ``MAX_DEPTH`` (libyaml's composer recurses in C:
a few thousand ``[`` crash the interpreter). The guard reads libyaml's event stream
and stops at the first level too deep, so it costs milliseconds whatever the input.
YAML code blocks of pages (Compose files use anchors) may hold aliases; ``parse_all``
caps what they expand to (``MAX_EXPANDED``), counted over the node graph without
expanding it.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from studynotes.errors import SourceError, SourceErrors

Model = TypeVar("Model", bound=BaseModel)
# libyaml's parser when PyYAML has it: several times faster on the quiz files.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CHECK = "The YAML check"
MAX_BYTES = 1_000_000  # the largest quiz file is about 23 KB
MAX_DEPTH = 32  # a quiz question is 5 levels deep
MAX_EXPANDED = 100_000  # values a YAML code block may stand for once its aliases expand
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NO_ALIASES = (
    "Write the value out in full where it is used: anchors (&) and aliases (*) are not "
    "read, since a few lines of them can stand for millions of values"
)


@dataclass
class Document:
    path: Path
    data: Any
    root: yaml.Node | None

    def line_of(self, location: Sequence[str | int], *, key_line: bool = False) -> int:
        """1-based line of the value at ``location`` (keys, indexes), or of its nearest parent.

        With ``key_line``, a mapping value is found at its key's line (``web:`` rather
        than the first line of what ``web`` holds).
        """
        node = self.root
        line = node.start_mark.line + 1 if node else 1
        for step in location:
            found = _child(node, step)
            if found is None:
                break
            key, node = found
            line = (key if key_line else node).start_mark.line + 1
        return line


def _child(node: yaml.Node | None, step: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """The node at ``step`` and the node whose line names it (a mapping value's key)."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(step):
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step], node.value[step]
    return None


def _duplicate_keys(path: Path, node: yaml.Node | None) -> Iterator[SourceError]:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if key.value in seen:
                yield SourceError(
                    path,
                    line,
                    f"key '{key.value}' repeats line {seen[key.value]}",
                    "Give each key once",
                )
            seen.setdefault(key.value, line)
            yield from _duplicate_keys(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(path, item)


def _refuse_duplicate_keys(path: Path, node: yaml.Node | None) -> None:
    errors = list(_duplicate_keys(path, node))
    if errors:
        raise SourceErrors(errors, CHECK)


def problems(
    text: str, path: str | Path, first_line: int = 1, *, aliases: bool = False
) -> list[SourceError]:
    """What makes ``text`` unsafe to compose, each at its line (``first_line``: the line
    of the file where ``text`` starts, for front matter); stops at the first level
    nested too deep and at a syntax error. ``aliases``: allow anchors and aliases
    (a Compose file in a code block may use them; ``parse_all`` caps what they expand to)."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return [_too_large(path, size)]
    found: dict[int, SourceError] = {}  # one problem a line: a bomb's line holds nine aliases
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + first_line
            if not aliases and getattr(event, "anchor", None):
                found.setdefault(line, _alias_problem(path, line, event))
            depth += isinstance(event, _OPEN) - isinstance(event, _CLOSE)
            if depth > MAX_DEPTH:
                found[line] = SourceError(
                    path,
                    line,
                    f"YAML nested more than {MAX_DEPTH} levels deep",
                    "Flatten it: no file the project reads needs more than a few levels",
                )
                break
    except yaml.MarkedYAMLError as error:
        found.setdefault(-1, _syntax_error(path, error, first_line))
    return list(found.values())


def _alias_problem(path: str | Path, line: int, event: yaml.Event) -> SourceError:
    alias = isinstance(event, yaml.AliasEvent)
    what = f"an alias (*{event.anchor})" if alias else f"an anchor (&{event.anchor})"
    return SourceError(path, line, f"{what} in YAML", _NO_ALIASES)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values ``node`` stands for once every alias is written out, counted over
    the node graph (each distinct node once, so a bomb costs what its text does)."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 1  # an alias to a node still being counted (a cycle) counts once
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    memo[id(node)] = 1 + sum(_expanded_size(child, memo) for child in children)
    return memo[id(node)]


def _guarded(text: str, path: Path) -> None:
    errors = problems(text, path)
    if errors:
        raise SourceErrors(errors, CHECK)


def read(path: Path) -> str:
    """The text of ``path``, refused before it is read if it is larger than ``MAX_BYTES``."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceErrors([_too_large(path, size)], CHECK)
    return path.read_text(encoding="utf-8")


def _too_large(path: str | Path, size: int) -> SourceError:
    return SourceError(
        path,
        None,
        f"{size:,} bytes of YAML, more than the {MAX_BYTES:,} a file may hold",
        "Split it into smaller files",
    )


def mapping(
    text: str, path: str | Path, first_line: int = 1
) -> tuple[dict[str, Any], list[SourceError]]:
    """``text`` as YAML of ``key: value`` lines read by an engine or plugin (front matter,
    Material's .authors.yml), and what is wrong with it: the guard's problems, a syntax
    error, a tag PyYAML's safe loader does not know, or a top level that is no mapping
    (engines ignore it). With problems, the data is empty."""
    found = problems(text, path, first_line)
    if found:
        return {}, found
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return {}, [_syntax_error(path, error, first_line)]
    if data is None or isinstance(data, dict):
        return data or {}, []
    return {}, [
        SourceError(
            path,
            first_line,
            f"YAML that is a {type(data).__name__}, not key: value lines (engines ignore it)",
            "Write one 'key: value' per line",
        )
    ]


def load(path: Path) -> Document:
    """Parse ``path``; YAML syntax errors and duplicate keys become file:line errors."""
    text = read(path)
    data, root = _loaded(text, path)
    return Document(path, copy.deepcopy(data), root)


# `make serve` reads the quiz files and the allowlist on every save: parsed again only
# when their text changed (each caller gets its own copy of the data).
@functools.lru_cache(maxsize=256)
def _loaded(text: str, path: Path) -> tuple[Any, yaml.Node | None]:
    _guarded(text, path)
    loader = _Loader(text)
    try:
        # One parse: the node tree (for line numbers), then the data built from it.
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(path, error) from None
    _refuse_duplicate_keys(path, root)
    return data, root


def parse_all(text: str, path: Path) -> list[Document]:
    """Every document of a YAML stream (``---`` separates them), for code blocks;
    ``SourceError``: the first problem (anchors are allowed, up to ``MAX_EXPANDED``
    values once written out)."""
    unsafe = problems(text, path, aliases=True)
    if unsafe:
        raise unsafe[0]
    loader = _Loader(text)
    documents = []
    try:
        while loader.check_node():
            root = loader.get_node()
            size = _expanded_size(root, {})
            if size > MAX_EXPANDED:
                raise SourceError(
                    path,
                    root.start_mark.line + 1,
                    f"aliases make this YAML {size:,} values long once written out "
                    f"(more than {MAX_EXPANDED:,})",
                    "Use fewer aliases, or write the values out",
                )
            documents.append(Document(path, loader.construct_document(root), root))
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(path, error) from None
    finally:
        loader.dispose()
    for document in documents:
        _refuse_duplicate_keys(path, document.root)
    return documents


def _syntax_error(
    path: str | Path, error: yaml.MarkedYAMLError, first_line: int = 1
) -> SourceError:
    mark = error.problem_mark or error.context_mark
    return SourceError(
        path,
        mark.line + first_line if mark else None,
        f"invalid YAML: {error.problem or error.context}",
        "Write plain values: tags such as !ENV are not read here"
        if isinstance(error, yaml.constructor.ConstructorError)
        else "Fix the YAML syntax (indentation, colons, quotes)",
    )


def validate(model: type[Model], document: Document, fix: str) -> Model:
    """Validate ``document`` against ``model``; ``SourceErrors`` with every problem, each at
    its file and line."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems = [_problem(document, detail, fix) for detail in error.errors()]
        raise SourceErrors(problems, "The data check") from None


def _problem(document: Document, detail: Any, fix: str) -> SourceError:
    where = ".".join(str(step) for step in detail["loc"]) or "top level"
    given = detail.get("input")
    shown = ""
    if isinstance(given, bool | int | float | str):
        shown = f" (got {given!r:.60})"
        if isinstance(given, bool):  # yes, no, on, off, true, false are booleans in YAML
            fix = f"Quote it if it is text: YAML reads an unquoted {str(given).lower()}, yes, "
            fix += "no, on or off as true/false"
    return SourceError(
        document.path, document.line_of(detail["loc"]), f"{where}: {detail['msg']}{shown}", fix
    )
