"""Take a quiz in the terminal: ``studynotes quiz QUIZ_ID``.

Reads answers line by line from standard input, so it works interactively and with
piped input (``printf '1\\n2 3\\n' | studynotes quiz distros``). End of input
stops the quiz early; the score counts the questions answered so far.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from studynotes.errors import REPORTED
from studynotes.quiz.check import answer_text, is_correct, parse_number
from studynotes.quiz.load import QuizBank
from studynotes.quiz.markup import plain
from studynotes.quiz.schema import (
    MultipleQuestion,
    NumericQuestion,
    Option,
    Question,
    Quiz,
    SingleQuestion,
)

YES, NO = "\N{CHECK MARK}", "\N{BALLOT X}"
_Say = Callable[[str], None]


class _EndOfInput(Exception):
    pass


def run(
    quiz: Quiz, stdin: TextIO, stdout: TextIO, rng: random.Random | None = None
) -> tuple[int, int]:
    """Ask every question of ``quiz``; return (right, asked). ``rng=None`` keeps YAML order."""

    def say(text: str = "") -> None:
        print(text, file=stdout, flush=True)

    say(f"{plain(quiz.title)}: {len(quiz.questions)} questions. End input (Ctrl-D) to stop.")
    right = asked = 0
    for number, question in enumerate(quiz.questions, 1):
        say(f"\nQuestion {number} of {len(quiz.questions)}")
        try:
            correct = _ask(question, stdin, say, rng)
        except _EndOfInput:
            say("\n(input ended)")
            break
        asked += 1
        right += correct
    say(f"\nScore: {right} of {len(quiz.questions)} correct" + _unanswered(asked, quiz))
    return right, asked


def _unanswered(asked: int, quiz: Quiz) -> str:
    left = len(quiz.questions) - asked
    return f" ({left} not answered)." if left else "."


def _ask(question: Question, stdin: TextIO, say: _Say, rng: random.Random | None) -> bool:
    say(plain(question.prompt))
    if question.exhibit:
        say(f"[{plain(question.exhibit.caption)}]")
        say("\n".join(f"    {line}" for line in question.exhibit.text.splitlines()))
    options = _choices(question, rng)
    for index, option in enumerate(options, 1):
        say(f"  {index}) {plain(option.text)}")
    response = _read_answer(question, options, stdin, say)
    correct = is_correct(question, response)
    say(f"{YES} Correct." if correct else f"{NO} Not quite. Answer: {plain(answer_text(question))}")
    for option in options:
        if option.feedback and (option.correct or option.id in response):
            mark = YES if option.correct else NO
            say(f"  {mark} {plain(option.text)}: {plain(option.feedback)}")
    say(f"Why: {plain(question.explanation)}")
    say(f"More: docs/{question.learn_more}")
    return correct


def _choices(question: Question, rng: random.Random | None) -> list[Option]:
    if not isinstance(question, SingleQuestion | MultipleQuestion):
        return []
    options = list(question.options)
    if rng:
        rng.shuffle(options)
    return options


def _read_answer(
    question: Question, options: list[Option], stdin: TextIO, say: _Say
) -> str | list[str]:
    """Ask until the input makes sense for the question type (or the input ends)."""
    prompt, problem = _how_to_answer(question)
    while True:
        say(prompt)
        line = stdin.readline()
        if not line:
            raise _EndOfInput
        answer = _parse(question, options, line)
        if answer is not None:
            return answer
        say(problem)


def _how_to_answer(question: Question) -> tuple[str, str]:
    match question:
        case SingleQuestion():
            return "Your answer (a number):", "Type the number of one option."
        case MultipleQuestion():
            return (
                "Your answers (numbers separated by spaces or commas):",
                "Type the numbers of the options you choose, such as: 1 3",
            )
        case NumericQuestion():
            unit = f" in {question.unit}" if question.unit else ""
            return f"Your answer (a number{unit}):", "Type a number, such as 7 or 3.5."
    return "Your answer:", "Type an answer."


def _parse(question: Question, options: list[Option], line: str) -> str | list[str] | None:
    text = line.strip()
    if isinstance(question, SingleQuestion | MultipleQuestion):
        picks = text.replace(",", " ").split()
        if not picks or not all(p.isdigit() and 1 <= int(p) <= len(options) for p in picks):
            return None
        if isinstance(question, SingleQuestion) and len(picks) != 1:
            return None
        return [options[int(p) - 1].id for p in picks]
    if isinstance(question, NumericQuestion):
        return text if parse_number(text) is not None else None
    return text or None


def bank(config_file: Path) -> QuizBank:
    """The project's quizzes: its quiz files and its extensions' generated ones (made
    as outside a build: no command has run)."""
    from studynotes.site import quizzes_outside_build  # the site imports the quiz package

    return quizzes_outside_build(config_file)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="studynotes quiz", description=__doc__.split("\n")[0])
    parser.add_argument("quiz", nargs="?", help="id of the quiz to take; omit to list them")
    parser.add_argument(
        "--config-file", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml"
    )
    parser.add_argument("--no-shuffle", action="store_true", help="keep the options in file order")
    parser.add_argument("--seed", type=int, help="shuffle the options reproducibly")
    args = parser.parse_args(argv)
    try:
        quizzes = bank(args.config_file)
    except REPORTED as error:
        print(error, file=sys.stderr)
        return 2
    if not args.quiz:
        for quiz in quizzes.quizzes:
            print(f"{quiz.id:<12} {len(quiz.questions):>3} questions  {plain(quiz.title)}")
        return 0
    try:
        quiz = quizzes.get(args.quiz)
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    rng = None if args.no_shuffle else random.Random(args.seed)
    run(quiz, sys.stdin, sys.stdout, rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
