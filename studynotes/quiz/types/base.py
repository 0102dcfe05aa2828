"""What a question type is: everything about one kind of question, in its own module.

A type module defines its pydantic model (``type: Literal["NAME"]``) and ``TYPE``, an
instance of a ``QuestionType`` subclass saying how such a question is graded, keyed
for the browser, shown (its response, its answer), exported (QTI, Anki) and asked in
the terminal. ``types/__init__.py`` lists them; the quiz file model, the renderer, the
exports, the runner and the answer key all ask the registry. The browser grades by the
question's ``data-type`` (``GRADERS`` in ``studynotes/browser/quiz.js``).
"""

from __future__ import annotations

import random
from html import escape
from typing import Any
from xml.etree.ElementTree import Element

from studynotes.quiz.fields import Item, Option, QuestionBase

Response = str | list[str]  # typed text, or option ids


class QuestionType:
    name: str  # the `type:` of a quiz file
    model: type[QuestionBase]
    qti_type: str  # Canvas' question_type
    # How the browser grades it (``GRADERS`` in studynotes/browser/quiz.js): choice (the
    # key's correct option ids), short (the key's accepted texts), numeric (answer and
    # tolerance) or rows (the key's expected choice of each row). A course's own type
    # picks one of these and writes its key and form to match.
    grader: str

    def __init_subclass__(cls, **identity: Any) -> None:
        """``class Short(QuestionType, name="short", model=..., ...)``: a type says what it
        is in its class line."""
        super().__init_subclass__()
        for key, value in identity.items():
            setattr(cls, key, value)

    # --- grading -------------------------------------------------------------------------

    def is_correct(self, q: Any, response: Response) -> bool:
        raise NotImplementedError

    def answer_text(self, q: Any) -> str:
        """The right answer in words, as a key or a terminal shows it."""
        raise NotImplementedError

    def key(self, q: Any) -> dict[str, object]:
        """What the browser needs to grade it (it is in the page's no-JS answer anyway)."""
        raise NotImplementedError

    def options(self, q: Any) -> list[Option]:
        """Its options, if it has any (their feedback, in the exports and the terminal)."""
        return []

    def asked(self, q: Any) -> list[Item]:
        """The pieces of text it asks about beyond the prompt: a change to one starts the
        question afresh in study mode (``check.version``)."""
        return list(self.options(q))

    # --- HTML ----------------------------------------------------------------------------

    def response_html(self, q: Any) -> str:
        """The form's inputs."""
        raise NotImplementedError

    def answer_html(self, q: Any) -> str:
        """The right answer in one line, under the question once checked."""
        return f'<p class="quiz__key">Answer: <strong>{escape(self.answer_text(q))}</strong></p>'

    def judged_html(self, q: Any) -> str:
        """For readers without JavaScript: each choice judged (types with choices)."""
        return ""

    def key_note(self, q: Any) -> str:
        """What the printed answer key adds about how it is graded."""
        return ""

    # --- exports -------------------------------------------------------------------------

    def qti(self, q: Any, presentation: Element, processing: Element) -> None:
        """Its QTI 1.2 response (in ``presentation``) and scoring (in ``processing``)."""
        raise NotImplementedError

    def anki_front(self, q: Any) -> str:
        """What an Anki card shows under the prompt (e.g. the options)."""
        return ""

    # --- the terminal --------------------------------------------------------------------

    def choices(self, q: Any, rng: random.Random | None) -> list[Option]:
        """The options the terminal numbers (shuffled with ``rng``), if any."""
        return []

    def how_to_answer(self, q: Any) -> tuple[str, str]:
        """(the prompt for an answer, what to say when the input makes no sense)."""
        return "Your answer:", "Type an answer."

    def parse(self, q: Any, options: list[Option], text: str) -> Response | None:
        """A terminal answer as ``is_correct`` takes it, or None if it makes no sense."""
        return text or None
