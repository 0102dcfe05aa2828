"""The template code of pages: nothing but literal calls of the macros listed here.

Pages come from pull requests and every engine renders them with Jinja, where
``{{ cycler.__init__.__globals__.os.popen("id").read() }}`` runs a command and
``{{ config }}`` prints the build's settings. So before anything renders, each page's
template code is parsed with Jinja itself (not a regex, so a call is found exactly
where the renderer sees it) and refused unless every expression is one call of a
macro the site offers (``features.MACROS`` and its extensions') with literal
arguments. Code spans and blocks are literal text (``protect_code``). Every problem
of every page is reported at once, at its line counting the front matter. Jinja's
sandbox stays a second layer where the engine lets the project install it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

from studynotes import foreign_syntax, markdown_code
from studynotes.errors import SourceError, SourceErrors
from studynotes.templating import protect_code


@dataclass(frozen=True)
class Macro:
    """What a page may write when it calls a macro: the one shape every check reads."""

    params: tuple[str, ...]  # in order; the first is the one ``Call.command`` holds
    required: int  # how many of them a call must give
    summary: str
    default: str = ""  # ``Call.command`` when the first parameter is not given
    live: bool = False  # the first argument is a command, run through the allowlist


_PARSER = Environment()  # only parses (never renders) pages, to find the calls
# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE), which Material's blog uses too: what
# it takes for front matter is what the checks read as front matter.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_FIX_LITERAL = (
    "To show braces as text, put them in a code span or block, or between "
    "{% raw %} and {% endraw %}"
)


@dataclass(frozen=True)
class Call:
    page: str  # path relative to docs/
    line: int  # line in the page file
    macro: str
    command: str  # the first argument, or the macro's default
    options: tuple[tuple[str, object], ...] = ()

    def option(self, name: str, default: object = None) -> object:
        return dict(self.options).get(name, default)


def core_macros() -> Mapping[str, Macro]:
    """The generator's macros (``features.MACROS``: the features import this module)."""
    from studynotes.features import MACROS

    return MACROS


def split_front_matter(text: str) -> tuple[str, str]:
    """(the YAML front matter with its ``---`` lines, or "", the rest of the page)."""
    match = _FRONT_MATTER.match(text)
    return (match.group(0), text[match.end() :]) if match else ("", text)


def front_matter_yaml(text: str) -> str | None:
    """The YAML between the front matter's ``---`` lines (it starts on line 2), or None."""
    match = _FRONT_MATTER.match(text)
    return match["yaml"] if match else None


def blank_front_matter(text: str) -> str:
    """Replace YAML front matter with empty lines, keeping line numbers of the body."""
    head, body = split_front_matter(text)
    return "\n" * head.count("\n") + body


def find_calls(text: str, page: str, macros: Mapping[str, Macro] | None = None) -> list[Call]:
    """The macro calls of one page (front matter included), in order.

    Raises ``SourceErrors`` naming every piece of template code that is not a literal
    call of a macro of ``macros``.
    """
    calls, errors = read_calls(text, page, macros)
    if errors:
        raise SourceErrors(errors, "The template check")
    return calls


def read_calls(
    text: str, page: str, macros: Mapping[str, Macro] | None = None
) -> tuple[list[Call], list[SourceError]]:
    """The page's well-formed macro calls, and every problem of its template code;
    ``macros``: what pages may call (default: the generator's, ``features.MACROS``)."""
    errors = _front_matter_errors(text, page)
    plain = blank_front_matter(text)
    lines = plain.split("\n")
    errors += foreign_syntax.problems(lines, markdown_code.read(lines), page, template=True)
    body = foreign_syntax.blank_template_constructs(protect_code(plain))
    calls: list[Call] = []
    if "{{" in body or "{%" in body:
        tree, syntax = _parsed(body, page)
        errors += syntax
        reader = _Reader(page, body.split("\n"), macros or core_macros())
        calls, more = reader.read(tree)
        errors += more
    return calls, errors


def _parsed(body: str, page: str) -> tuple[nodes.Template, list[SourceError]]:
    """The page's template, and a problem for each syntax error in it: the template code
    of a line with one is blanked and the page parsed again, so one run names them all."""
    errors: list[SourceError] = []
    lines = body.split("\n")
    for _ in range(len(lines) + 1):
        try:
            return _PARSER.parse("\n".join(lines)), errors
        except TemplateSyntaxError as error:
            errors.append(_syntax_error(page, error))
            if not _blank_template_code(lines, error.lineno):
                break
    return nodes.Template([]), errors


def _blank_template_code(lines: list[str], number: int) -> bool:
    """Blank the template code of line ``number`` (1-based); False if there is none."""
    if not 0 < number <= len(lines):
        return False
    line = lines[number - 1]
    blanked = re.sub(r"\{[{%].*?(?:[}%]\}|$)", lambda m: " " * len(m.group()), line)
    blanked = blanked.replace("{{", "  ").replace("{%", "  ")  # an opening never closed
    lines[number - 1] = blanked
    return blanked != line


def page_paths(
    docs_dir: Path, exclude: tuple[str, ...] = ("includes/",)
) -> Iterator[tuple[str, Path]]:
    """(``docs/PAGE.md`` as a contributor knows it, its path) for every Markdown page."""
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if not relative.startswith(exclude):
            yield f"{docs_dir.name}/{relative}", path


def pages(docs_dir: Path, exclude: tuple[str, ...] = ("includes/",)) -> Iterator[tuple[str, str]]:
    """(``docs/PAGE.md``, text) for every Markdown page."""
    for page, path in page_paths(docs_dir, exclude):
        yield page, path.read_text(encoding="utf-8-sig")  # as MkDocs reads them


class _Reader:
    """Walks one page's template: text and macro calls pass, anything else is a problem."""

    def __init__(self, page: str, lines: list[str], macros: Mapping[str, Macro]) -> None:
        self.page = page
        self.macros = macros
        self.lines = lines
        self.calls: list[Call] = []
        self.errors: list[SourceError] = []
        self._shown: dict[int, int] = {}  # line -> template snippets of it already quoted

    def read(self, tree: nodes.Template) -> tuple[list[Call], list[SourceError]]:
        for node in tree.body:
            if isinstance(node, nodes.Output):
                for child in node.nodes:
                    if not isinstance(child, nodes.TemplateData):
                        self._expression(child)
            else:
                self._refuse(node, "is a template statement, and pages may only call macros")
        return self.calls, self.errors

    def _expression(self, node: nodes.Node) -> None:
        if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
            self._refuse(node, "is not a macro call")
            return
        name = node.node.name
        if name not in self.macros:
            close = difflib.get_close_matches(name, self.macros, n=1)
            hint = f"Did you mean {close[0]}()? " if close else ""
            known = _known(self.macros)
            self._refuse(node, f"calls '{name}', which is not a macro", f"{hint}{known}")
            return
        self._call(node, name, self.macros[name])

    def _call(self, node: nodes.Call, name: str, macro: Macro) -> None:
        signature = f"{name}({', '.join(macro.params)})"
        values = _arguments(node, macro)
        if isinstance(values, str):
            self._refuse(node, values.format(name=f"{name}()"), f"Write {signature}")
            return
        first = values.pop(macro.params[0], macro.default) if macro.params else ""
        if not isinstance(first, str):
            self._refuse(
                node,
                f"gives {name}() a {macro.params[0]} that is not a string",
                f"Write {signature}",
            )
            return
        self.calls.append(Call(self.page, node.lineno, name, first, tuple(sorted(values.items()))))

    def _refuse(self, node: nodes.Node, problem: str, fix: str = "") -> None:
        line = node.lineno
        quoted = self._snippet(line)
        self.errors.append(
            SourceError(
                self.page,
                line,
                f"{quoted} {problem}",
                fix or f"{_FIX_LITERAL}. {_known(self.macros)}",
            )
        )

    def _snippet(self, line: int) -> str:
        """The template code on ``line``, in the order its problems are reported."""
        found = _TEMPLATE.findall(self.lines[line - 1]) if 0 < line <= len(self.lines) else []
        index = self._shown.get(line, 0)
        self._shown[line] = index + 1
        if not found:
            return "template code"
        return found[min(index, len(found) - 1)]


def _arguments(node: nodes.Call, macro: Macro) -> dict[str, object] | str:
    """The call's arguments by name, or what is wrong with them ({name} is the macro)."""
    if node.dyn_args or node.dyn_kwargs or len(node.args) > len(macro.params):
        return "gives {name} more arguments than it takes"
    given = list(zip(macro.params, node.args, strict=False))
    given += [(keyword.key, keyword.value) for keyword in node.kwargs]
    values: dict[str, object] = {}
    for key, value in given:
        if key not in macro.params:
            return f"gives {{name}} an argument '{key}' it does not take"
        if not isinstance(value, nodes.Const):
            return "gives {name} an argument that is computed, not written out"
        values[key] = value.value
    missing = [param for param in macro.params[: macro.required] if param not in values]
    return f"leaves out the {missing[0]} of {{name}}" if missing else values


def _front_matter_errors(text: str, page: str) -> list[SourceError]:
    head, _ = split_front_matter(text)
    return [
        SourceError(
            page,
            number,
            f"template code in the front matter: {line.strip()}",
            "The front matter is data, never rendered as a page: write plain values there",
        )
        for number, line in enumerate(head.split("\n"), start=1)
        if "{{" in line or "{%" in line
    ]


def _syntax_error(page: str, error: TemplateSyntaxError) -> SourceError:
    return SourceError(
        page,
        error.lineno,
        f"template syntax error: {error.message}",
        f"Write {{{{ and {{% only for macro calls. {_FIX_LITERAL}",
    )


def _known(macros: Mapping[str, Macro]) -> str:
    return "Macros: " + ", ".join(f"{name}()" for name in sorted(macros)) + " (CONTRIBUTING.md)"
