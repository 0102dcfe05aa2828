"""Numeric: a number within ``tolerance`` of ``answer`` counts."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any, Literal
from xml.etree.ElementTree import Element, SubElement

from pydantic import Field

from studynotes.quiz import qti
from studynotes.quiz.fields import QuestionBase
from studynotes.quiz.markup import number
from studynotes.quiz.types.base import QuestionType, Response

# A float answer computed at build time (19.0 GiB) must match a typed "19" exactly.
EPSILON = 1e-9


def parse_number(text: str) -> float | None:
    """A typed number; a decimal comma and a trailing unit word are tolerated ("7,5 days")."""
    words = text.strip().replace(",", ".").split()
    try:
        return float(words[0]) if words else None
    except ValueError:
        return None


class NumericQuestion(QuestionBase):
    """A number within ``tolerance`` of ``answer`` counts."""

    type: Literal["numeric"]
    answer: float
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    unit: str = ""


class Numeric(QuestionType, name="numeric", model=NumericQuestion, grader="numeric"):
    """Typed as a number; a decimal comma and a unit after it are fine."""

    qti_type = "numerical_question"

    def key(self, q: Any) -> dict[str, object]:
        return {"answer": q.answer, "tolerance": q.tolerance}

    def is_correct(self, q: Any, response: Response) -> bool:
        value = parse_number(str(response))
        return value is not None and abs(value - q.answer) <= q.tolerance + EPSILON

    def answer_text(self, q: Any) -> str:
        unit = f" {q.unit}" if q.unit else ""
        spread = f" (± {number(q.tolerance)}{unit})" if q.tolerance else ""
        return f"{number(q.answer)}{unit}{spread}"

    def response_html(self, q: Any) -> str:
        field = f"q-{q.id}-answer"
        unit = f" ({escape(q.unit)})" if q.unit else ""
        return (
            f'<p class="quiz__response"><label for="{field}">Your answer{unit}</label> '
            f'<input type="number" step="any" inputmode="decimal" id="{field}" '
            f'name="{field}" autocomplete="off"></p>'
        )

    def key_note(self, q: Any) -> str:
        within = f", within {number(q.tolerance)} {escape(q.unit)}".rstrip() if q.tolerance else ""
        return f"<p><small>Numeric answer{within}.</small></p>"

    def qti(self, q: Any, presentation: Element, processing: Element) -> None:
        qti.typed_response(presentation, fibtype="Decimal")
        either = SubElement(qti.right_when(processing), "or")
        either.append(qti.varequal(number(q.answer)))
        within = SubElement(either, "and")
        low = SubElement(within, "vargte", {"respident": "response1"})
        low.text = number(q.answer - q.tolerance)
        high = SubElement(within, "varlte", {"respident": "response1"})
        high.text = number(q.answer + q.tolerance)

    def how_to_answer(self, q: Any) -> tuple[str, str]:
        unit = f" in {q.unit}" if q.unit else ""
        return f"Your answer (a number{unit}):", "Type a number, such as 7 or 3.5."

    def parse(self, q: Any, options: list[Any], text: str) -> Response | None:
        return text if parse_number(text) is not None else None


TYPE = Numeric()
