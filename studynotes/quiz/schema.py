"""The quiz data model: what a quiz file in the quiz folder may contain.

Every rule a contributor can break is a pydantic constraint, so a mistake comes back as
a validation error that ``load.py`` turns into file:line. Models are strict (unknown
keys are refused) so a typo such as ``anwser:`` fails instead of vanishing. Each
question type's model is in its module (``quiz/types/``); the ``type`` key picks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any, Union

from pydantic import Field, create_model

from studynotes.quiz.fields import (
    DocsLink,
    DocsPage,
    Exhibit,
    Option,
    QuestionBase,
    Slug,
    Strict,
    Text,
    slugify,
)
from studynotes.quiz.types import TYPES, QuestionType
from studynotes.quiz.types.multiple import MultipleQuestion
from studynotes.quiz.types.numeric import NumericQuestion
from studynotes.quiz.types.short import ShortQuestion
from studynotes.quiz.types.single import SingleQuestion

QUESTION_TYPES = tuple(TYPES)


def _question(models: Sequence[type[QuestionBase]]) -> Any:
    # The `type` key picks the model, so an error names the fields of that type only.
    return Annotated[Union[tuple(models)], Field(discriminator="type")]  # noqa: UP007


Question = _question([question_type.model for question_type in TYPES.values()])


class Quiz(Strict):
    """One quiz file: shown on ``page``, credited to ``source``."""

    id: Slug
    title: Text
    description: Text
    page: DocsPage
    source: Text
    questions: Annotated[list[Question], Field(min_length=1)]


@cache
def quiz_model(extra: tuple[QuestionType, ...] = ()) -> type[Quiz]:
    """The quiz file model of a site whose extensions add question types ``extra``."""
    if not extra:
        return Quiz
    models = [t.model for t in (*TYPES.values(), *extra)]
    field = (Annotated[list[_question(models)], Field(min_length=1)], ...)
    return create_model("Quiz", __base__=Quiz, questions=field)


__all__ = [
    "QUESTION_TYPES",
    "DocsLink",
    "DocsPage",
    "Exhibit",
    "MultipleQuestion",
    "NumericQuestion",
    "Option",
    "Question",
    "QuestionBase",
    "Quiz",
    "ShortQuestion",
    "SingleQuestion",
    "Slug",
    "Text",
    "quiz_model",
    "slugify",
]
