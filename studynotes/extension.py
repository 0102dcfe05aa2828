"""The public extension point: what a course adds to the generator, and how it is found.

A course lists its extension modules in mkdocs.yml (``extra: studynotes: extensions:``,
dotted names counted from mkdocs.yml's folder, e.g. ``macros.course``); each module
defines ``extension = Extension(...)``. An extension adds

- **macros** pages may call: each a ``Macro`` (the signature every page is checked
  against before anything renders; ``live=True`` when its first argument is a command,
  which the allowlist then approves and the build runs) and ``make``, which is given
  the build (``studynotes.site.Site``) and returns the function the engine calls;
- **quiz generators**: quizzes computed at build time (from a command's output, say),
  checked, rendered, exported and reviewed like the quiz files;
- **question types** (``QuestionType``, or a configuration of the shared
  ``ChoiceType``): the site's quiz files may use them beside the generator's, and
  they are graded, shown, exported and asked like them;
- **snippet languages** the snippet checker runs (``SnippetLanguage``: fence names,
  the ``check=`` kinds it takes, and its check), beside the generator's own. Its
  blocks use the generic fence options (``check``, ``illustrative``, ``timeout``).

Everything an extension needs is re-exported here, so a course imports this module
only. Extension modules are the course's code, reviewed like ``macros/`` and
``hooks/`` (CONTRIBUTING.md): pages and data files can never name or change them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from studynotes.errors import SourceError
from studynotes.live.capture import Capture
from studynotes.quiz import qti, schema
from studynotes.quiz.fields import Item, QuestionBase
from studynotes.quiz.markup import inline, number
from studynotes.quiz.types.base import QuestionType
from studynotes.quiz.types.choice import ChoiceType
from studynotes.render.console import render as console_block
from studynotes.snippets.language import Context as SnippetContext
from studynotes.snippets.language import Kind as SnippetKind
from studynotes.snippets.language import Language as SnippetLanguage
from studynotes.snippets.outcome import Failure as SnippetFailure
from studynotes.snippets.outcome import failure as snippet_failure
from studynotes.snippets.snippet import Snippet
from studynotes.template_code import Macro

MacroFunction = Callable[..., str]
# The quiz model a generator builds its quizzes with (``studynotes.quiz.schema``).
Exhibit, Option, Question, Quiz = schema.Exhibit, schema.Option, schema.Question, schema.Quiz
SingleQuestion, MultipleQuestion = schema.SingleQuestion, schema.MultipleQuestion
ShortQuestion, NumericQuestion, slugify = (
    schema.ShortQuestion,
    schema.NumericQuestion,
    schema.slugify,
)


class Outputs(Protocol):
    """What the build offers an extension (``studynotes.site.Site`` is one)."""

    def shown(self, command: str, render: Callable[[Capture], str]) -> str:
        """The allowlisted command's output, as ``render`` shows it."""
        ...

    def capture(self, command: str) -> Capture | None:
        """The command's output if a page of this build runs it, else None."""
        ...

    def current_page(self) -> str:
        """The page being rendered (docs-relative), while a macro runs."""
        ...


class NoOutputs:
    """Outputs outside a build (the terminal quiz): no command has run."""

    def shown(self, command: str, render: Callable[[Capture], str]) -> str:
        return ""

    def capture(self, command: str) -> Capture | None:
        return None

    def current_page(self) -> str:
        return ""


@dataclass(frozen=True)
class MacroDef:
    """A macro of an extension: its signature and what makes its function for a build."""

    macro: Macro
    make: Callable[[Outputs], MacroFunction]


@dataclass(frozen=True)
class QuizGenerator:
    """A quiz made at build time; ``id`` is known before (pages' quiz() calls are
    checked against it), ``source`` is the file its problems are reported at."""

    id: str
    source: Path
    make: Callable[[Outputs], Quiz]


@dataclass(frozen=True)
class Extension:
    """What a feature adds to a build; the generator's own features have this shape too."""

    macros: Mapping[str, MacroDef] = field(default_factory=dict)
    quizzes: Sequence[QuizGenerator] = ()
    question_types: Sequence[QuestionType] = ()
    snippet_languages: Sequence[SnippetLanguage] = ()
    # Problems to report before anything renders, with every other source problem.
    check: Callable[[Any], list[SourceError]] | None = None
    # After the engine wrote the site (its folder given), before the site check; what
    # it returns, if anything, is a line for the build's log.
    finish: Callable[[Any, Path], str | None] | None = None


def load(
    names: Sequence[str], root: Path, where: Callable[[int], int]
) -> tuple[list[Extension], list[SourceError]]:
    """The extensions of the modules ``names`` (importable from ``root``); a problem,
    at the mkdocs.yml line ``where(index)``, for each that cannot be loaded."""
    found: list[Extension] = []
    errors: list[SourceError] = []
    for index, name in enumerate(names):
        module, problem = _import(name, root)
        extension = getattr(module, "extension", None)
        if problem is None and not isinstance(extension, Extension):
            problem = "has no `extension = Extension(...)`"
        if problem is not None:
            fix = (
                "Name a module of the project (e.g. macros.course for macros/course.py) that "
                "defines `extension = studynotes.extension.Extension(...)`"
            )
            config = root / "mkdocs.yml"
            errors.append(SourceError(config, where(index), f"extension '{name}' {problem}", fix))
        else:
            found.append(extension)
    return found, errors


def _import(name: str, root: Path) -> tuple[Any, str | None]:
    """The module ``name``, found in ``root`` first; or why it could not be imported."""
    _forget_other_projects(name, root)
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(name), None
    except ImportError as error:
        return None, f"cannot be imported ({error})"
    finally:
        sys.path.remove(str(root))


def _forget_other_projects(name: str, root: Path) -> None:
    """One process may build several projects (tests, ``serve``): a module of the same
    name imported from another project is imported again from this one."""
    top = name.split(".")[0]
    module = sys.modules.get(top)
    origin = getattr(module, "__file__", None)
    if origin and not Path(origin).resolve().is_relative_to(root.resolve()):
        if Path(origin).resolve().is_relative_to(Path(sys.prefix).resolve()):
            return  # an installed package, not a project's
        for loaded in [key for key in sys.modules if key == top or key.startswith(f"{top}.")]:
            del sys.modules[loaded]


__all__ = [
    "Capture",
    "ChoiceType",
    "Exhibit",
    "Extension",
    "Item",
    "Macro",
    "MacroDef",
    "MacroFunction",
    "MultipleQuestion",
    "NoOutputs",
    "NumericQuestion",
    "Option",
    "Outputs",
    "Question",
    "QuestionBase",
    "QuestionType",
    "Quiz",
    "QuizGenerator",
    "ShortQuestion",
    "SingleQuestion",
    "Snippet",
    "SnippetContext",
    "SnippetFailure",
    "SnippetKind",
    "SnippetLanguage",
    "console_block",
    "inline",
    "number",
    "qti",
    "slugify",
    "snippet_failure",
]
