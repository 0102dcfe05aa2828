"""Grading answers, and the answer key in the form the browser and the exports use.

Each question type grades its own (``quiz/types/``); the browser
(``studynotes/browser/quiz.js``) applies the same rules to the same key.
"""

from __future__ import annotations

import hashlib
import json

from studynotes.quiz import types
from studynotes.quiz.schema import Question
from studynotes.quiz.types.base import Response


def is_correct(question: Question, response: Response) -> bool:
    """Whether ``response`` (option ids for choices, typed text otherwise) is right."""
    return types.of(question).is_correct(question, response)


def answer_text(question: Question) -> str:
    """The right answer in words, as a key or a terminal shows it."""
    return types.of(question).answer_text(question)


def key(question: Question) -> dict[str, object]:
    """What the browser needs to grade ``question`` (it is in the page's no-JS answer anyway)."""
    return types.of(question).key(question)


def version(question: Question) -> str:
    """A hash of what is asked and what is right: study mode starts a question afresh
    when it changes. Explanations and feedback are left out, so fixing a typo in them
    keeps a reader's progress."""
    asked = question.model_dump(mode="json", include={"type", "prompt", "exhibit", "unit"})
    options = [[o.id, o.text] for o in types.of(question).asked(question)]
    text = json.dumps([asked, options, key(question)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]
