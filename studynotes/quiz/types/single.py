"""Single choice: exactly one option is right."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from xml.etree.ElementTree import Element

from pydantic import AfterValidator

from studynotes.quiz import qti
from studynotes.quiz.fields import Option, Options, QuestionBase
from studynotes.quiz.types.choice import ChoiceType


def _one_correct(options: list[Option]) -> list[Option]:
    count = sum(option.correct for option in options)
    if count != 1:
        raise ValueError(
            f"a single-choice question needs exactly one option with `correct: true`, found {count}"
        )
    return options


class SingleQuestion(QuestionBase):
    type: Literal["single"]
    options: Annotated[Options, AfterValidator(_one_correct)]


def _the_right_one(q: Any, test: Element) -> None:
    test.append(qti.varequal(next(o.id for o in q.options if o.correct)))


TYPE = ChoiceType(
    "single",
    SingleQuestion,
    qti_type="multiple_choice_question",
    multiple=False,
    qti_right=_the_right_one,
    how_to_answer=("Your answer (a number):", "Type the number of one option."),
)
