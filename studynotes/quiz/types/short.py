"""Short answer: typed text; any spelling in ``accept`` counts, ignoring case and spacing."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from xml.etree.ElementTree import Element, SubElement

from pydantic import Field

from studynotes.quiz import qti
from studynotes.quiz.fields import QuestionBase, Text
from studynotes.quiz.markup import inline
from studynotes.quiz.types.base import QuestionType, Response


def normalize(text: str) -> str:
    """Short answers compare case-insensitively, with runs of whitespace as one space.

    lower(), not casefold(): the browser's toLowerCase() must agree with it.
    """
    return " ".join(text.split()).lower()


class ShortQuestion(QuestionBase):
    """Free text; any spelling in ``accept`` counts, ignoring case and outer whitespace."""

    type: Literal["short"]
    accept: Annotated[list[Text], Field(min_length=1)]


class Short(QuestionType, name="short", model=ShortQuestion, grader="short"):
    """Graded on the text alone, however it is spelt in case and spacing."""

    qti_type = "short_answer_question"

    def is_correct(self, q: Any, response: Response) -> bool:
        return normalize(str(response)) in {normalize(a) for a in q.accept}

    def answer_text(self, q: Any) -> str:
        return str(q.accept[0])

    def key(self, q: Any) -> dict[str, object]:
        return {"accept": [normalize(a) for a in q.accept]}

    def response_html(self, q: Any) -> str:
        field = f"q-{q.id}-answer"
        return (
            f'<p class="quiz__response"><label for="{field}">Your answer</label> '
            f'<input type="text" id="{field}" name="{field}" autocomplete="off" '
            'autocapitalize="off" spellcheck="false"></p>'
        )

    def answer_html(self, q: Any) -> str:
        also = ", ".join(inline(a) for a in q.accept[1:])
        also_text = f" (also accepted: {also})" if also else ""
        return f'<p class="quiz__key">Answer: <strong>{inline(q.accept[0])}</strong>{also_text}</p>'

    def key_note(self, q: Any) -> str:
        return "<p><small>Short answer.</small></p>"

    def qti(self, q: Any, presentation: Element, processing: Element) -> None:
        qti.typed_response(presentation)
        either = SubElement(qti.right_when(processing), "or")
        for accepted in q.accept:
            either.append(qti.varequal(accepted))


TYPE = Short()
