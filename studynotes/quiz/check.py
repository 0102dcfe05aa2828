"""Grading answers, and the answer key in the form the browser and the exports use.

The browser (``studynotes/browser/quiz.js``) applies the same rules to the same key.
"""

from __future__ import annotations

import hashlib
import json

from studynotes.quiz.markup import number
from studynotes.quiz.schema import (
    MultipleQuestion,
    NumericQuestion,
    Question,
    ShortQuestion,
    SingleQuestion,
)

# A float answer computed at build time (19.0 GiB) must match a typed "19" exactly.
EPSILON = 1e-9


def normalize(text: str) -> str:
    """Short answers compare case-insensitively, with runs of whitespace as one space.

    lower(), not casefold(): the browser's toLowerCase() must agree with it.
    """
    return " ".join(text.split()).lower()


def correct_option_ids(question: SingleQuestion | MultipleQuestion) -> list[str]:
    return [option.id for option in question.options if option.correct]


def is_correct(question: Question, response: str | list[str]) -> bool:
    """Whether ``response`` (option ids for choices, typed text otherwise) is right."""
    match question:
        case SingleQuestion() | MultipleQuestion():
            chosen = [response] if isinstance(response, str) else response
            return sorted(set(chosen)) == sorted(correct_option_ids(question))
        case ShortQuestion():
            return normalize(str(response)) in {normalize(a) for a in question.accept}
        case NumericQuestion():
            value = parse_number(str(response))
            return (
                value is not None and abs(value - question.answer) <= question.tolerance + EPSILON
            )
    return False


def parse_number(text: str) -> float | None:
    """A typed number; a decimal comma and a trailing unit word are tolerated ("7,5 days")."""
    words = text.strip().replace(",", ".").split()
    try:
        return float(words[0]) if words else None
    except ValueError:
        return None


def answer_text(question: Question) -> str:
    """The right answer in words, as a key or a terminal shows it."""
    match question:
        case SingleQuestion() | MultipleQuestion():
            return "; ".join(option.text for option in question.options if option.correct)
        case ShortQuestion():
            return question.accept[0]
        case NumericQuestion():
            unit = f" {question.unit}" if question.unit else ""
            spread = f" (± {number(question.tolerance)}{unit})" if question.tolerance else ""
            return f"{number(question.answer)}{unit}{spread}"
    raise TypeError(question)


def key(question: Question) -> dict[str, object]:
    """What the browser needs to grade ``question`` (it is in the page's no-JS answer anyway)."""
    match question:
        case SingleQuestion() | MultipleQuestion():
            return {"correct": correct_option_ids(question)}
        case ShortQuestion():
            return {"accept": [normalize(a) for a in question.accept]}
        case NumericQuestion():
            return {"answer": question.answer, "tolerance": question.tolerance}
    raise TypeError(question)


def version(question: Question) -> str:
    """A hash of what is asked and what is right: study mode starts a question afresh
    when it changes. Explanations and feedback are left out, so fixing a typo in them
    keeps a reader's progress."""
    asked = question.model_dump(mode="json", include={"type", "prompt", "exhibit", "unit"})
    options = [[o.id, o.text] for o in getattr(question, "options", [])]
    text = json.dumps([asked, options, key(question)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]
