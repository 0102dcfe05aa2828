"""The quiz data model: what a quiz file in the quiz folder may contain.

Every rule a contributor can break is a pydantic constraint, so a mistake comes back as
a validation error that ``load.py`` turns into file:line. Models are strict (unknown
keys are refused) so a typo such as ``anwser:`` fails instead of vanishing. Each
question type's model is in its module (``quiz/types/``); the ``type`` key picks it.
"""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

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
from studynotes.quiz.types import TYPES
from studynotes.quiz.types.multiple import MultipleQuestion
from studynotes.quiz.types.numeric import NumericQuestion
from studynotes.quiz.types.short import ShortQuestion
from studynotes.quiz.types.single import SingleQuestion

QUESTION_TYPES = tuple(TYPES)
# The `type` key picks the model, so an error names the fields of that type only.
Question = Annotated[
    Union[tuple(question_type.model for question_type in TYPES.values())],  # noqa: UP007
    Field(discriminator="type"),
]


class Quiz(Strict):
    """One quiz file: shown on ``page``, credited to ``source``."""

    id: Slug
    title: Text
    description: Text
    page: DocsPage
    source: Text
    questions: Annotated[list[Question], Field(min_length=1)]


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
    "slugify",
]
