"""Check every quiz's ``page`` and ``learn_more`` links against the Markdown pages in docs/.

MkDocs cannot check these links itself: the quiz HTML is raw HTML, which its link
validation does not look into. Heading ids come from ``studynotes.headings``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from studynotes.errors import SourceError, SourceErrors
from studynotes.headings import heading_ids
from studynotes.quiz.load import QuizBank, QuizFile


def link_errors(bank: QuizBank, docs_dir: Path) -> list[SourceError]:
    """Every quiz page that does not exist and every learn_more link that does not resolve."""
    errors = []
    for entry in bank:
        if not (docs_dir / entry.quiz.page).is_file():
            errors.append(
                entry.error(
                    ["page"],
                    f"page '{entry.quiz.page}' does not exist in {docs_dir}",
                    "Name the docs page (relative to docs/) that shows this quiz",
                )
            )
        for index, question in enumerate(entry.quiz.questions):
            problem = _link_problem(question.learn_more, docs_dir)
            if problem:
                errors.append(_learn_more_error(entry, index, problem))
    return errors


def check_links(bank: QuizBank, docs_dir: Path) -> None:
    """Raise ``SourceErrors`` with every one of ``link_errors``, if any."""
    errors = link_errors(bank, docs_dir)
    if errors:
        raise SourceErrors(errors, "The quiz check")


def _learn_more_error(entry: QuizFile, index: int, problem: str) -> SourceError:
    return entry.error(
        ["questions", index, "learn_more"],
        f"learn_more of question '{entry.quiz.questions[index].id}': {problem}",
        "Link a page under docs/ as 'section/page.md#heading-id'; check the heading's id",
    )


def _link_problem(link: str, docs_dir: Path) -> str | None:
    page, _, anchor = link.partition("#")
    path = docs_dir / page
    if not path.is_file():
        return f"page '{page}' does not exist in {docs_dir}"
    if anchor and anchor not in _ids_of(path.resolve(), path.stat().st_mtime_ns):
        return f"'{page}' has no heading with id '{anchor}'"
    return None


@cache
def _ids_of(path: Path, _mtime: int) -> frozenset[str]:
    # Keyed on mtime so a long-running `mkdocs serve` sees edited headings.
    return frozenset(heading_ids(path.read_text(encoding="utf-8")))
