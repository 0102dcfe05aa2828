"""What order and match questions share: rows, each answered by choosing from one list.

Each row (a step to place, a term to match) has a native ``<select>``: a keyboard
reaches and changes it, and a screen reader reads its label, the row's text; no
drag and drop. Rows are shown in a stable order that is not the YAML's (for order
questions the YAML's is the answer). A response, wherever it comes from, is the
chosen answer id for each row in the YAML's order.
"""

from __future__ import annotations

import random
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from studynotes.quiz import qti
from studynotes.quiz.fields import Item
from studynotes.quiz.markup import inline, number, plain
from studynotes.quiz.types.base import QuestionType, Response


class RowsType(QuestionType):
    grader = "rows"
    hint: str  # under the prompt: what to do
    placeholder: str  # the empty choice of each list, e.g. "Choose a place"

    def rows(self, q: Any) -> list[Item]:
        """What is answered, in the YAML's order."""
        raise NotImplementedError

    def answers(self, q: Any) -> list[Item]:
        """What each row chooses from, in the order the lists show."""
        raise NotImplementedError

    def expected(self, q: Any) -> list[str]:
        """The right answer id of each row, in the YAML's order."""
        raise NotImplementedError

    def asked(self, q: Any) -> list[Item]:
        return [*self.rows(q), *self.answers(q)]

    def shown(self, q: Any) -> list[Item]:
        return qti.stable_order(q.id, self.rows(q), [row.id for row in self.rows(q)])

    # --- grading and the key -------------------------------------------------------------

    def is_correct(self, q: Any, response: Response) -> bool:
        return list(response) == self.expected(q)

    def key(self, q: Any) -> dict[str, object]:
        right = dict(zip((r.id for r in self.rows(q)), self.expected(q), strict=True))
        return {"expected": [right[row.id] for row in self.shown(q)]}

    def answer_text(self, q: Any) -> str:
        return "; ".join(f"{row} → {answer}" for row, answer in self._pairs(q, plain))

    # --- HTML ----------------------------------------------------------------------------

    def response_html(self, q: Any) -> str:
        choices = "".join(
            f'<option value="{a.id}">{inline(a.text)}</option>' for a in self.answers(q)
        )
        rows = [
            f'<div class="quiz__row" data-item="{row.id}">'
            f'<label for="q-{q.id}-{row.id}">{inline(row.text)}</label> '
            f'<select id="q-{q.id}-{row.id}" name="q-{q.id}-{row.id}">'
            f'<option value="">{self.placeholder}</option>{choices}</select>'
            '<span class="quiz__mark" hidden></span></div>'
            for row in self.shown(q)
        ]
        hint = f'<p class="quiz__hint">{self.hint}</p>'
        return "\n".join([hint, '<div class="quiz__rows">', *rows, "</div>"])

    def answer_html(self, q: Any) -> str:
        items = "".join(f"<li>{row} → <strong>{a}</strong></li>" for row, a in self._pairs(q))
        return f'<div class="quiz__key">Answer:<ul class="quiz__pairs">{items}</ul></div>'

    # --- exports: Canvas' matching question ----------------------------------------------

    def qti(self, q: Any, presentation: Element, processing: Element) -> None:
        rows, answers = self.shown(q), self.answers(q)
        right = dict(zip((r.id for r in self.rows(q)), self.expected(q), strict=True))
        share = number(100 / len(rows))
        for row in rows:
            response = SubElement(presentation, "response_lid", {"ident": f"response_{row.id}"})
            qti.mattext(response, inline(row.text))
            choices = SubElement(response, "render_choice")
            for answer in answers:
                label = SubElement(choices, "response_label", {"ident": answer.id})
                qti.mattext(label, inline(answer.text))
            condition = SubElement(processing, "respcondition")
            SubElement(condition, "conditionvar").append(
                qti.varequal(right[row.id], f"response_{row.id}")
            )
            SubElement(condition, "setvar", {"varname": "SCORE", "action": "Add"}).text = share

    def anki_front(self, q: Any) -> str:
        rows = "".join(f"<li>{inline(row.text)}</li>" for row in self.shown(q))
        answers = "".join(f"<li>{inline(a.text)}</li>" for a in self.answers(q))
        return f"<p><em>{self.hint}</em></p><ul>{rows}</ul><p>From:</p><ul>{answers}</ul>"

    # --- the terminal: rows numbered, answers numbered -----------------------------------

    def choices(self, q: Any, rng: random.Random | None) -> list[Any]:
        return []

    def how_to_answer(self, q: Any) -> tuple[str, str]:
        rows = "\n".join(f"  {n}) {plain(r.text)}" for n, r in enumerate(self.shown(q), 1))
        answers = "\n".join(f"  {n}) {plain(a.text)}" for n, a in enumerate(self.answers(q), 1))
        return (
            f"{self.hint}\n{rows}\nChoose from:\n{answers}\n"
            "Your answer (for each numbered line above, in turn, the number of its choice):",
            f"Type {len(self.rows(q))} numbers from 1 to {len(self.answers(q))}, "
            "one for each line, such as: 2 1 3",
        )

    def parse(self, q: Any, options: list[Any], text: str) -> Response | None:
        """One number per row as shown, to the answer ids in the YAML's order."""
        picks, answers = text.replace(",", " ").split(), self.answers(q)
        if len(picks) != len(self.rows(q)):
            return None
        if not all(p.isdigit() and 1 <= int(p) <= len(answers) for p in picks):
            return None
        chosen = {
            row.id: answers[int(p) - 1].id for row, p in zip(self.shown(q), picks, strict=True)
        }
        return [chosen[row.id] for row in self.rows(q)]

    def _pairs(self, q: Any, show: Any = inline) -> list[tuple[str, str]]:
        text = {answer.id: answer.text for answer in self.answers(q)}
        return [
            (show(row.text), show(text[right]))
            for row, right in zip(self.rows(q), self.expected(q), strict=True)
        ]
