"""Load and validate every quiz file of a folder; each mistake becomes a file:line SourceError."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studynotes.errors import SourceError, SourceErrors
from studynotes.quiz.schema import QUESTION_TYPES, Quiz, quiz_model
from studynotes.quiz.types import QuestionType, bind
from studynotes.yamlfile import Document, load, validate

CHECK = "The quiz check"
FIX = (
    "Follow the quiz format (id, title, description, page, source, questions; each question "
    f"has id, type {'/'.join(QUESTION_TYPES)}, prompt, explanation, learn_more) described in "
    "the quiz folder's README.md"
)


@dataclass
class _QuizDocument(Document):
    """A Document whose error locations skip what pydantic adds that the YAML does not have."""

    type_names: tuple[str, ...] = QUESTION_TYPES

    def line_of(self, location: Sequence[str | int]) -> int:
        steps = list(location)
        # A tagged union puts the tag in the path: ('questions', 3, 'single', 'options').
        if len(steps) > 2 and steps[0] == "questions" and steps[2] in self.type_names:
            del steps[2]
        # An error at a question itself is about its `type` (unknown or missing).
        if len(steps) == 2 and steps[0] == "questions" and self._has_type(steps[1]):
            steps.append("type")
        return super().line_of(steps)

    def _has_type(self, index: str | int) -> bool:
        questions = self.data.get("questions") if isinstance(self.data, dict) else None
        return (
            isinstance(index, int)
            and isinstance(questions, list)
            and index < len(questions)
            and isinstance(questions[index], dict)
            and "type" in questions[index]
        )


@dataclass(frozen=True)
class QuizFile:
    """A validated quiz and where it came from, to point errors at the right line."""

    quiz: Quiz
    path: Path
    document: Document | None = None  # None for generated quizzes

    def line_of(self, *location: str | int) -> int | None:
        return self.document.line_of(location) if self.document else None

    def error(self, location: Sequence[str | int], problem: str, fix: str) -> SourceError:
        return SourceError(self.path, self.line_of(*location), problem, fix)


@dataclass
class QuizBank:
    """Every quiz of the site, in file-name order; ids are unique across all of them."""

    files: list[QuizFile] = field(default_factory=list)

    @property
    def quizzes(self) -> list[Quiz]:
        return [entry.quiz for entry in self.files]

    def get(self, quiz_id: str) -> Quiz:
        """The quiz with ``quiz_id``; KeyError (a LookupError) naming the known ids if none."""
        for entry in self.files:
            if entry.quiz.id == quiz_id:
                return entry.quiz
        known = ", ".join(sorted(q.id for q in self.quizzes)) or "none"
        raise KeyError(f"no quiz with id {quiz_id!r} (known: {known})")

    def add(self, entry: QuizFile) -> None:
        """Add a quiz (from a file or generated), refusing ids that are already taken."""
        _refuse_duplicates([*self.files, entry])
        self.files.append(entry)

    def __iter__(self) -> Iterator[QuizFile]:
        return iter(self.files)


def load_quiz_file(path: Path, question_types: Sequence[QuestionType] = ()) -> QuizFile:
    """One quiz file, parsed and validated (``question_types``: a course's own)."""
    base = load(path)
    names = (*QUESTION_TYPES, *(t.name for t in question_types))
    document = _QuizDocument(base.path, base.data, base.root, names)
    model = quiz_model(tuple(bind(t) for t in question_types))
    return QuizFile(validate(model, document, FIX), path, document)


def load_quizzes(folder: Path, question_types: Sequence[QuestionType] = ()) -> QuizBank:
    """Every ``*.yml``/``*.yaml`` quiz in ``folder``, validated, with ids unique across files;
    ``question_types``: the course's own, beside the generator's.

    ``SourceErrors`` names every problem of every file at once.
    """
    paths = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    entries: list[QuizFile] = []
    errors: list[SourceError] = []
    for path in paths:
        try:
            entries.append(load_quiz_file(path, question_types))
        except SourceError as error:
            errors.append(error)
        except SourceErrors as found:
            errors += found.errors
    errors += _duplicates(entries)
    if errors:
        raise SourceErrors(errors, CHECK)
    return QuizBank(entries)


def _refuse_duplicates(entries: list[QuizFile]) -> None:
    errors = _duplicates(entries)
    if errors:
        raise SourceErrors(errors, CHECK)


def _duplicates(entries: list[QuizFile]) -> list[SourceError]:
    # Ids key progress in the browser, anchors on pages and exported items: one meaning each.
    quiz_seen: dict[str, QuizFile] = {}
    question_seen: dict[str, tuple[QuizFile, int]] = {}
    errors = []
    for entry in entries:
        first = quiz_seen.setdefault(entry.quiz.id, entry)
        if first is not entry:
            errors.append(
                entry.error(
                    ["id"],
                    f"quiz id '{entry.quiz.id}' is already used by {_where(first, ['id'])}",
                    "Give each quiz its own id",
                )
            )
        for index, question in enumerate(entry.quiz.questions):
            other, other_index = question_seen.setdefault(question.id, (entry, index))
            if (other, other_index) != (entry, index):
                errors.append(
                    entry.error(
                        ["questions", index, "id"],
                        f"question id '{question.id}' is already used by "
                        f"{_where(other, ['questions', other_index, 'id'])}",
                        "Question ids must be unique across all quizzes: rename one",
                    )
                )
    return errors


def _where(entry: QuizFile, location: list[str | int]) -> str:
    line = entry.line_of(*location)
    path = SourceError(entry.path, None, "", "").path  # as every report names files
    return f"{path}:{line}" if line else path
