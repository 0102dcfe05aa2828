"""What single- and multiple-choice questions share: options, shown, judged and exported."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from studynotes.quiz import qti
from studynotes.quiz.fields import Option, QuestionBase
from studynotes.quiz.markup import NO, YES, inline
from studynotes.quiz.types.base import QuestionType, Response


class ChoiceType(QuestionType):
    """A question answered by choosing options: single and multiple differ in the input,
    the hint, QTI's cardinality and scoring, and how the terminal asks."""

    def __init__(
        self,
        name: str,
        model: type[QuestionBase],
        *,
        qti_type: str,
        multiple: bool,
        qti_right: Callable[[Any, Element], None],
        how_to_answer: tuple[str, str],
    ) -> None:
        self.name, self.model, self.qti_type, self.grader = name, model, qti_type, "choice"
        self.input = "checkbox" if multiple else "radio"
        self.hint = "Choose all that apply." if multiple else ""
        self.cardinality = "Multiple" if multiple else "Single"
        self.qti_right = qti_right  # fills the scoring test: when the answer is right
        self._how = how_to_answer

    def is_correct(self, q: Any, response: Response) -> bool:
        chosen = [response] if isinstance(response, str) else response
        return sorted(set(chosen)) == sorted(_right(q))

    def answer_text(self, q: Any) -> str:
        return "; ".join(option.text for option in q.options if option.correct)

    def key(self, q: Any) -> dict[str, object]:
        return {"correct": _right(q)}

    def options(self, q: Any) -> list[Option]:
        return list(q.options)

    def response_html(self, q: Any) -> str:
        hint = f'<p class="quiz__hint">{self.hint}</p>' if self.hint else ""
        options = "\n".join(_option(q.id, self.input, option) for option in q.options)
        return "\n".join(filter(None, [hint, '<div class="quiz__options">', options, "</div>"]))

    def answer_html(self, q: Any) -> str:
        label = "Answers" if self.input == "checkbox" else "Answer"
        right = "; ".join(inline(o.text) for o in q.options if o.correct)
        return f'<p class="quiz__key">{label}: <strong>{right}</strong></p>'

    def judged_html(self, q: Any) -> str:
        items = "".join(_judged(option) for option in q.options)
        return f'<ul class="quiz__judged">{items}</ul>'

    def qti(self, q: Any, presentation: Element, processing: Element) -> None:
        response = SubElement(
            presentation, "response_lid", {"ident": "response1", "rcardinality": self.cardinality}
        )
        choices = SubElement(response, "render_choice")
        for option in stable_order(q):
            label = SubElement(choices, "response_label", {"ident": option.id})
            qti.mattext(label, inline(option.text))
        for option in stable_order(q):
            if option.feedback:
                qti.feedback_condition(processing, qti.varequal(option.id), f"{option.id}_fb")
        self.qti_right(q, qti.right_when(processing))

    def anki_front(self, q: Any) -> str:
        hint = f"<p><em>{self.hint}</em></p>" if self.hint else ""
        items = "".join(f"<li>{inline(o.text)}</li>" for o in stable_order(q))
        return f"{hint}<ul>{items}</ul>"

    def how_to_answer(self, q: Any) -> tuple[str, str]:
        return self._how

    def choices(self, q: Any, rng: random.Random | None) -> list[Option]:
        options = list(q.options)
        if rng:
            rng.shuffle(options)
        return options

    def parse(self, q: Any, options: list[Option], text: str) -> Response | None:
        picks = text.replace(",", " ").split()
        if not picks or not all(p.isdigit() and 1 <= int(p) <= len(options) for p in picks):
            return None
        if self.input == "radio" and len(picks) != 1:
            return None
        return [options[int(p) - 1].id for p in picks]


def stable_order(q: Any) -> list[Option]:
    """The options in the exports' order (``qti.stable_order``)."""
    return qti.stable_order(q.id, q.options, [o.id for o in q.options])


def _right(q: Any) -> list[str]:
    return [option.id for option in q.options if option.correct]


def _option(question_id: str, kind: str, option: Option) -> str:
    field = f"q-{question_id}-{option.id}"
    feedback = (
        f'<span class="quiz__option-feedback" hidden data-search-exclude>'
        f"{inline(option.feedback)}</span>"
        if option.feedback
        else ""
    )
    return (
        f'<div class="quiz__option" data-option="{option.id}">'
        f'<input type="{kind}" id="{field}" name="q-{question_id}" value="{option.id}">'
        f'<label for="{field}">{inline(option.text)}</label>'
        f'<span class="quiz__mark" hidden></span>{feedback}</div>'
    )


def _judged(option: Option) -> str:
    verdict = f"{YES} Right" if option.correct else f"{NO} Wrong"
    feedback = f" {inline(option.feedback)}" if option.feedback else ""
    css = "quiz__right" if option.correct else "quiz__wrong"
    return (
        f'<li class="{css}"><span class="quiz__verdict">{verdict}:</span> '
        f"<strong>{inline(option.text)}</strong>.{feedback}</li>"
    )
