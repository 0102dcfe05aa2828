"""Find the live-output macro calls in pages before any page renders.

Pages are parsed with Jinja itself (not a regex), so a call is found exactly where
the renderer will see it. Arguments must be literal, so every command is known,
checked against the allowlist and run before rendering starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

from studynotes.errors import SourceError
from studynotes.templating import protect_code

LIVE_MACROS = {"run": "command", "df": "command"}  # macro -> name of its command argument
# Macros whose first argument names something checked before rendering (a quiz id).
CHECKED_MACROS = {**LIVE_MACROS, "quiz": "quiz_id"}
_PARSER = Environment()  # only parses (never renders) pages, to find the calls
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Call:
    page: str  # path relative to docs/
    line: int  # line in the page file
    macro: str
    command: str
    options: tuple[tuple[str, object], ...] = ()

    def option(self, name: str, default: object = None) -> object:
        return dict(self.options).get(name, default)


def blank_front_matter(text: str) -> str:
    """Replace YAML front matter with empty lines, keeping line numbers of the body."""
    match = _FRONT_MATTER.match(text)
    return "\n" * match.group(0).count("\n") + text[match.end() :] if match else text


def find_calls(text: str, page: str, *, front_matter_lines: int = 0) -> list[Call]:
    """Live macro calls in one page's Markdown, in order; lines count from the file's top."""
    text = protect_code(text)
    if "{{" not in text and "{%" not in text:
        return []  # no template code outside code blocks: nothing to parse
    try:
        tree = _PARSER.parse(text)
    except TemplateSyntaxError as error:
        raise SourceError(
            page,
            error.lineno + front_matter_lines,
            f"template syntax error: {error.message}",
            "Write {{ and {% only for macro calls, or inside code",
        ) from None
    calls = []
    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Name) and node.node.name in CHECKED_MACROS:
            calls.append(_call(node, page, node.lineno + front_matter_lines))
    return calls


def _call(node: nodes.Call, page: str, line: int) -> Call:
    macro = node.node.name  # type: ignore[attr-defined]
    values: dict[str, object] = {}
    arguments = [(None, arg) for arg in node.args] + [(kw.key, kw.value) for kw in node.kwargs]
    if node.dyn_args or node.dyn_kwargs:
        arguments.append(("*", node.dyn_args or node.dyn_kwargs))
    for position, (key, value) in enumerate(arguments):
        if not isinstance(value, nodes.Const):
            raise SourceError(
                page,
                line,
                f"{macro}(): arguments must be literal values",
                f'Write the command out, e.g. {macro}("df -h")',
            )
        values[key or (CHECKED_MACROS[macro] if position == 0 else f"#{position}")] = value.value
    command = values.pop(CHECKED_MACROS[macro], "df -h" if macro == "df" else None)
    if not isinstance(command, str):
        raise SourceError(
            page, line, f"{macro}(): the command must be a string", f'Write e.g. {macro}("df -h")'
        )
    return Call(page, line, macro, command, tuple(sorted(values.items())))


def pages(docs_dir: Path, exclude: tuple[str, ...] = ("includes/",)) -> Iterator[tuple[str, str]]:
    """(docs-relative path, text with front matter blanked) for every Markdown page."""
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if not relative.startswith(exclude):
            yield relative, blank_front_matter(path.read_text(encoding="utf-8"))


def collect(docs_dir: Path) -> list[Call]:
    """Every checked macro call in docs/; ``Call.command`` is its first argument."""
    return [call for page, text in pages(docs_dir) for call in find_calls(text, page)]
