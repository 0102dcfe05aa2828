"""Order: put the steps in order (``steps`` are written in the right one)."""

from __future__ import annotations

from typing import Any, Literal

from studynotes.quiz.fields import Item, QuestionBase, Steps
from studynotes.quiz.markup import inline, plain
from studynotes.quiz.types.rows import RowsType


class OrderQuestion(QuestionBase):
    type: Literal["order"]
    steps: Steps


# Canvas' QTI has no ordering question: each step is matched to its place.
class Order(RowsType, name="order", model=OrderQuestion, qti_type="matching_question"):
    hint = "Give each step its place: 1 is done first."
    placeholder = "Place"

    def rows(self, q: Any) -> list[Item]:
        return list(q.steps)

    def answers(self, q: Any) -> list[Item]:
        return [Item(text=str(n), id=f"place-{n}") for n in range(1, len(q.steps) + 1)]

    def expected(self, q: Any) -> list[str]:
        return [f"place-{n}" for n in range(1, len(q.steps) + 1)]

    def answer_text(self, q: Any) -> str:
        return " → ".join(plain(step.text) for step in q.steps)

    def answer_html(self, q: Any) -> str:
        steps = "".join(f"<li>{inline(step.text)}</li>" for step in q.steps)
        return f'<div class="quiz__key">Answer, in order:<ol class="quiz__pairs">{steps}</ol></div>'


TYPE = Order()
