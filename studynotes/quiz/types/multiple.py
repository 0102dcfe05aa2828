"""Multiple choice: every right option, and no other, must be chosen."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from xml.etree.ElementTree import Element, SubElement

from pydantic import AfterValidator

from studynotes.quiz import qti
from studynotes.quiz.fields import Option, Options, QuestionBase
from studynotes.quiz.types.choice import ChoiceType


def _some_correct(options: list[Option]) -> list[Option]:
    if not any(option.correct for option in options):
        raise ValueError("no option has `correct: true`; mark every right answer")
    return options


class MultipleQuestion(QuestionBase):
    type: Literal["multiple"]
    options: Annotated[Options, AfterValidator(_some_correct)]


def _all_right_and_no_other(q: Any, test: Element) -> None:
    both = SubElement(test, "and")
    for option in q.options:
        wanted = qti.varequal(option.id)
        if option.correct:
            both.append(wanted)
        else:
            SubElement(both, "not").append(wanted)


TYPE = ChoiceType(
    "multiple",
    MultipleQuestion,
    qti_type="multiple_answers_question",
    multiple=True,
    qti_right=_all_right_and_no_other,
    how_to_answer=(
        "Your answers (numbers separated by spaces or commas):",
        "Type the numbers of the options you choose, such as: 1 3",
    ),
)
