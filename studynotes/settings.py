"""The generator's settings: one typed schema, read from ``extra: studynotes:`` in mkdocs.yml.

Every engine keeps ``extra`` as it is (MkDocs and ProperDocs validate top-level keys,
Zensical drops plugins it does not know), so the core reads its settings from there,
itself, whichever engine runs. Every default is the layout ``studynotes new`` writes,
so a site that keeps that layout writes no block at all. An unknown key or a wrong
type fails the build at its mkdocs.yml line. Paths count from mkdocs.yml's folder
(the project), never from the working directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from studynotes import mkdocs_yml, yamlfile
from studynotes.errors import SourceError, SourceErrors

KEY = ("extra", "studynotes")
CHECK = "The settings check"
# A relative path without "..", "." or hidden parts: it cannot leave the project.
_PART = r"[\w-][\w.-]*"
Relative = Annotated[str, StringConstraints(pattern=rf"^(?:{_PART}/)*{_PART}$")]
Page = Annotated[str, StringConstraints(pattern=rf"^(?:{_PART}/)*{_PART}\.md$")]
# A page pattern relative to docs/ (fnmatch: * and ? match across folders); like a
# path, no part starts with "." (so no "..") and none is empty.
_GLOB = r"[\w*?\[\]-][\w*?.\[\]-]*"
Pattern = Annotated[str, StringConstraints(pattern=rf"^(?:{_GLOB}/)*{_GLOB}$")]
Module = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Features(_Strict):
    """What the build offers; a feature turned off registers no macros and checks nothing."""

    quizzes: bool = True  # quiz(), quiz_index(), answer_key(), exports
    study: bool = True  # study_review(), study_progress(), study_exam(), the question bank
    live_output: bool = True  # run() and extensions' live macros
    glossary: bool = True  # glossary_table()
    offline: bool = True  # the service worker that keeps the site for reading offline


class Pages(_Strict):
    """Pages of docs/ that other pages link to (paths relative to docs/)."""

    quiz_index: Page = "quizzes/index.md"
    answer_key: Page = "quizzes/answer-key.md"
    review: Page = "quizzes/review.md"
    progress: Page = "quizzes/progress.md"
    exam: Page = "quizzes/exam.md"


class Offline(_Strict):
    """What every reader's browser keeps to read the site offline (studynotes.offline)."""

    # Files of the built site readers never need: source maps are for the browser's
    # developer tools, and sitemap.xml.gz repeats sitemap.xml (which instant navigation reads).
    exclude: list[Pattern] = Field(default_factory=lambda: ["*.map", "sitemap.xml.gz"])
    budget_mb: Annotated[float, Field(gt=0)] = 30  # what the kept files may weigh, in total


class Settings(_Strict):
    """``extra: studynotes:`` of mkdocs.yml. Project paths count from mkdocs.yml's folder."""

    quizzes: Relative = "data/quizzes"  # the quiz files (*.yml)
    allowlist: Relative = "data/commands.yml"  # the commands pages may run
    captures: Relative = "data/captures"  # recorded output, shown where a tool is missing
    cache: Relative = ".cache"  # `studynotes check`'s own build (check-site/), written only
    glossary: Relative = "includes/abbreviations.md"  # in docs/: `*[ABBR]: meaning` lines
    exports: Relative = "quizzes/exports"  # in the built site: JSON, QTI, Anki, study bank
    assets: Relative = "assets/quiz"  # in the built site: the quiz scripts and styles
    pages: Pages = Field(default_factory=Pages)
    # Pages that need no credit (studynotes.credit); the pages above never do.
    uncredited: list[Pattern] = Field(default_factory=list)
    features: Features = Field(default_factory=Features)
    offline: Offline = Field(default_factory=Offline)
    # The course's own extensions: modules of the project (or installed) whose
    # ``extension`` is a ``studynotes.extension.Extension`` (CONTRIBUTING.md).
    extensions: list[Module] = Field(default_factory=list)


FIX = (
    "Write the settings as `extra: studynotes:` in mkdocs.yml documents them "
    "(README.md, 'Settings'); paths are relative to mkdocs.yml's folder, without '..'"
)


# The fix for the problems a contributor meets most, by pydantic's error type.
_FIXES = {
    "bool_parsing": "Write true or false",
    "bool_type": "Write true or false",
    "string_pattern_mismatch": (
        "Write a path relative to mkdocs.yml's folder (or, for pages, to docs/): no '..', "
        "no leading '/', no part starting with '.'"
    ),
    "string_type": "Write a path as plain text",
    "list_type": "Write a list, e.g. [macros.course]",
}


def read(config_file: Path) -> Settings:
    """The settings of ``config_file``; ``SourceErrors`` with every problem at its line."""
    document = mkdocs_yml.document(config_file)
    data: Any = document.data.get("extra") if isinstance(document.data, dict) else None
    block = data.get("studynotes") if isinstance(data, dict) else None
    if block is None:
        return Settings()
    if not isinstance(block, dict):
        line = document.line_of(KEY)
        raise SourceErrors(
            [SourceError(config_file, line, "extra.studynotes: expected a mapping", FIX)], CHECK
        )
    try:
        return Settings.model_validate(block)
    except ValidationError as error:
        problems = [_problem(document, detail) for detail in error.errors()]
        raise SourceErrors(problems, CHECK) from None


def _problem(document: yamlfile.Document, detail: Any) -> SourceError:
    location = (*KEY, *detail["loc"])
    where = ".".join(str(step) for step in location)
    given = detail.get("input")
    shown = f" (got {given!r:.60})" if isinstance(given, bool | int | float | str) else ""
    fix = _FIXES.get(detail["type"], FIX)
    if detail["type"] == "extra_forbidden":
        known = _known(detail["loc"][:-1])
        fix = f"Use one of: {', '.join(known)}" if known else FIX
    line = document.line_of(location, key_line=detail["type"] == "extra_forbidden")
    return SourceError(document.path, line, f"{where}: {detail['msg']}{shown}", fix)


def _known(parents: tuple[str | int, ...]) -> list[str]:
    """The keys allowed where an unknown one was written."""
    model: type[BaseModel] = Settings
    for step in parents:
        annotation = model.model_fields[str(step)].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return sorted(model.model_fields)
