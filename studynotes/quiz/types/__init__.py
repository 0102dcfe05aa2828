"""The question types: one module each (``TYPE`` and its model), one registry.

A new type is a module here and one line below; the quiz file model, grading, the
page's HTML, the answer key, the exports and the terminal runner all read ``TYPES``.
"""

from __future__ import annotations

from typing import Any

from studynotes.quiz.types import match, multiple, numeric, order, short, single
from studynotes.quiz.types.base import QuestionType, Response

TYPES: dict[str, QuestionType] = {
    question_type.name: question_type
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
    """The type of ``question`` (any model of ``TYPES``)."""
    return TYPES[question.type]


__all__ = ["TYPES", "QuestionType", "Response", "of"]
