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
from studynotes.quiz import types
from studynotes.quiz.check import answer_text, is_correct
from studynotes.quiz.load import QuizBank
from studynotes.quiz.markup import NO, YES, plain
from studynotes.quiz.schema import (
    Option,
    Question,
    Quiz,
)

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
    options = types.of(question).choices(question, rng)
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


def _read_answer(
    question: Question, options: list[Option], stdin: TextIO, say: _Say
) -> str | list[str]:
    """Ask until the input makes sense for the question type (or the input ends)."""
    kind = types.of(question)
    prompt, problem = kind.how_to_answer(question)
    while True:
        say(prompt)
        line = stdin.readline()
        if not line:
            raise _EndOfInput
        answer = kind.parse(question, options, line.strip())
        if answer is not None:
            return answer
        say(problem)


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
