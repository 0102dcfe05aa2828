"""The question types: one module each (``TYPE`` and its model), one registry.

A new type is a module here and one line below; the quiz file model, grading, the
page's HTML, the answer key, the exports and the terminal runner all read ``TYPES``.
A course adds its own through its extension (``Extension(question_types=...)``): the
quiz files of that site are read with them too (``schema.quiz_model``).
"""

from __future__ import annotations

from typing import Any

from studynotes.quiz.types import match, multiple, numeric, order, short, single
from studynotes.quiz.types.base import QuestionType, Response


def bind(question_type: QuestionType) -> QuestionType:
    """Tell the type's model which type it is (``of`` asks the question itself)."""
    question_type.model.question_type = question_type
    return question_type


TYPES: dict[str, QuestionType] = {
    question_type.name: bind(question_type)
    for question_type in (
        single.TYPE,
        multiple.TYPE,
        short.TYPE,
        numeric.TYPE,
        order.TYPE,
        match.TYPE,
    )
}


def of(question: Any) -> QuestionType:
    """The type of ``question``: the generator's or a course's."""
    return type(question).question_type  # type: ignore[no-any-return]


__all__ = ["TYPES", "QuestionType", "Response", "bind", "of"]
