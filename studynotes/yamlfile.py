"""YAML data files with line numbers, validated by pydantic models.

PyYAML's parsed data forgets where each value came from; its node tree does not.
Both are kept so a validation error can name the file and the line to fix.
"""

from __future__ import annotations

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
        raise SourceErrors(errors, "The YAML check")


def load(path: Path) -> Document:
    """Parse ``path``; YAML syntax errors and duplicate keys become file:line errors."""
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:
        # One parse: the node tree (for line numbers), then the data built from it.
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(path, error) from None
    _refuse_duplicate_keys(path, root)
    return Document(path, data, root)


def parse_all(text: str, path: Path) -> list[Document]:
    """Every document of a YAML stream (``---`` separates them), for code blocks."""
    loader = _Loader(text)
    documents = []
    try:
        while loader.check_node():
            root = loader.get_node()
            documents.append(Document(path, loader.construct_document(root), root))
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(path, error) from None
    finally:
        loader.dispose()
    for document in documents:
        _refuse_duplicate_keys(path, document.root)
    return documents


def _syntax_error(path: Path, error: yaml.MarkedYAMLError) -> SourceError:
    mark = error.problem_mark or error.context_mark
    return SourceError(
        path,
        mark.line + 1 if mark else None,
        f"invalid YAML: {error.problem or error.context}",
        "Fix the YAML syntax (indentation, colons, quotes)",
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
