"""The terminal quiz: answers from standard input, score and explanations on standard output."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from studynotes.quiz import load_quizzes, types
from studynotes.quiz.check import is_correct
from studynotes.quiz.markup import number
from studynotes.quiz.runner import run
from studynotes.quiz.schema import NumericQuestion, Question, Quiz, ShortQuestion
from studynotes.quiz.types.numeric import parse_number

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def backups() -> Quiz:
    return load_quizzes(ROOT / "data" / "quizzes").get("backups")


def right_answer(question: Question) -> str:
    """What a student who knows the answer types (options in file order)."""
    if question.type in ("order", "match"):  # for each row as shown, its answer's number
        kind = types.of(question)
        right = dict(zip((r.id for r in kind.rows(question)), kind.expected(question), strict=True))
        place = {answer.id: n for n, answer in enumerate(kind.answers(question), 1)}
        return " ".join(str(place[right[row.id]]) for row in kind.shown(question))
    if isinstance(question, ShortQuestion):
        return f"  {question.accept[0].upper()}  "
    if isinstance(question, NumericQuestion):
        return number(question.answer)
    return " ".join(str(n) for n, o in enumerate(question.options, 1) if o.correct)


def wrong_answer(question: Question) -> str:
    if question.type in ("order", "match"):
        return " ".join(["1"] * len(types.of(question).rows(question)))
    if isinstance(question, ShortQuestion):
        return "no idea"
    if isinstance(question, NumericQuestion):
        return number(question.answer + question.tolerance + 1)
    return next(str(n) for n, o in enumerate(question.options, 1) if not o.correct)


def take(quiz: Quiz, lines: list[str]) -> tuple[tuple[int, int], str]:
    out = io.StringIO()
    score = run(quiz, io.StringIO("".join(f"{line}\n" for line in lines)), out)
    return score, out.getvalue()


def test_all_right(backups: Quiz) -> None:
    score, output = take(backups, [right_answer(q) for q in backups.questions])
    total = len(backups.questions)  # ten scenarios and an order question
    assert score == (total, total) and total == 11
    assert output.count("\N{CHECK MARK} Correct.") == total
    assert output.rstrip().endswith(f"Score: {total} of {total} correct.")
    assert "Why: Boot errors usually mean" in output
    assert "More: docs/linux/backups.md#vm-will-not-start" in output


def test_all_wrong_shows_answers_and_explanations(backups: Quiz) -> None:
    score, output = take(backups, [wrong_answer(q) for q in backups.questions])
    assert score == (0, 11)
    assert output.count("Not quite. Answer:") == 11
    assert "Not quite. Answer: 7 days" in output
    assert "Answer: Make a scratch directory with mkdir -p ~/restore → Extract" in output
    assert output.rstrip().endswith("Score: 0 of 11 correct.")


def test_bad_input_is_asked_again(backups: Quiz) -> None:
    first = backups.questions[0]
    score, output = take(backups, ["", "9", "one", right_answer(first)])
    assert "Type the number of one option." in output
    assert output.count("Type the number of one option.") == 3
    assert score == (1, 1)


def test_input_ending_early_counts_what_was_answered(backups: Quiz) -> None:
    answers = [right_answer(q) for q in backups.questions[:3]]
    score, output = take(backups, answers)
    assert score == (3, 3)
    assert "(input ended)" in output
    assert "Score: 3 of 11 correct (8 not answered)." in output


def test_shuffled_options_are_still_graded_by_id(backups: Quiz) -> None:
    # With the options shuffled, only the printed numbering tells which is which.
    order = list(backups.questions[0].options)
    random.Random(4).shuffle(order)  # what the runner's Random(4) does to question 1
    pick = next(n for n, o in enumerate(order, 1) if o.correct)
    out = io.StringIO()
    run(backups, io.StringIO(f"{pick}\n"), out, random.Random(4))
    assert "\N{CHECK MARK} Correct." in out.getvalue()


def command(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "studynotes", "quiz", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_command_line_with_piped_answers(backups: Quiz) -> None:
    answers = [right_answer(q) for q in backups.questions]
    answers[7] = "3"  # the weekly full backup: 7 days, not 3
    result = command("backups", "--no-shuffle", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Question 11 of 11" in result.stdout
    assert "Give each step its place: 1 is done first." in result.stdout
    assert result.stdout.rstrip().endswith("Score: 10 of 11 correct.")


def test_command_line_lists_and_refuses_unknown() -> None:
    listing = command()
    assert listing.returncode == 0
    quiz_ids = [quiz.id for quiz in load_quizzes(ROOT / "data" / "quizzes").quizzes]
    listed = [line.split()[0] for line in listing.stdout.splitlines()]
    assert listed == [*quiz_ids, "disk-space"]
    unknown = command("nope")
    assert unknown.returncode == 2 and "no quiz with id 'nope'" in unknown.stderr


def test_grading_rules(backups: Quiz) -> None:
    short = next(q for q in backups.questions if q.id == "backups-termination-protection")
    assert is_correct(short, "  Termination   PROTECTION ")
    assert not is_correct(short, "termination")
    numeric = next(q for q in backups.questions if q.id == "backups-weekly-full-max-loss")
    assert is_correct(numeric, "7") and is_correct(numeric, "7,0 days")
    assert not is_correct(numeric, "6.5") and not is_correct(numeric, "seven")
    multiple = next(q for q in backups.questions if q.id == "backups-spot-terminated")
    right = [o.id for o in multiple.options if o.correct]
    assert is_correct(multiple, list(reversed(right)))
    assert not is_correct(multiple, right[:-1])
    assert parse_number(" 3.5 GiB") == 3.5 and parse_number("") is None
