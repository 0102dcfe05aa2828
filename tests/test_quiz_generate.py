"""Questions generated from df output: answers computed from the numbers df printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.df_quiz import (
    COURSE_LABEL,
    course_sample_questions,
    df_questions,
    disk_space_quiz,
    sudo_question,
)
from studynotes.quiz import QuizBank, QuizFile, link_errors
from studynotes.quiz.check import is_correct
from studynotes.quiz.schema import NumericQuestion, Question, SingleQuestion

DOCS = Path(__file__).resolve().parents[1] / "docs"
SYNTHETIC = """\
Filesystem      Size  Used Avail Use% Mounted on
udev            7.8G     0  7.8G   0% /dev
tmpfs           1.6G  2.1M  1.6G   1% /run
/dev/nvme0n1p1   48G   36G   12G  76% /
tmpfs           7.8G     0  7.8G   0% /dev/shm
/dev/nvme1n1    984G  120G  814G  13% /data
"""
DF_K = """\
Filesystem     1K-blocks     Used Available Use% Mounted on
/dev/sda1       10485760  3145728   7340032  30% /
tmpfs            1048576        0   1048576   0% /tmp
"""


def by_suffix(questions: list[Question]) -> dict[str, Question]:
    return {q.id.rsplit("-", 1)[-1] if "root" not in q.id else "root": q for q in questions}


def numeric(q: Question) -> NumericQuestion:
    assert isinstance(q, NumericQuestion)
    return q


def root_choice(q: Question) -> SingleQuestion:
    assert isinstance(q, SingleQuestion)
    return q


def test_course_sample() -> None:
    questions = by_suffix(course_sample_questions())
    size, used = numeric(questions["size"]), numeric(questions["used"])
    percent, available = numeric(questions["percent"]), numeric(questions["available"])
    assert (size.answer, size.unit) == (100, "GiB")
    assert (used.answer, used.unit) == (19, "GiB")
    assert (percent.answer, percent.unit) == (19, "%")
    assert (available.answer, available.unit) == (82, "GiB")
    root = root_choice(questions["root"])
    assert [o.text for o in root.options if o.correct] == ["`/dev/xvda1`"]
    assert {o.text for o in root.options} == {"`devtmpfs`", "`tmpfs`", "`/dev/xvda1`"}
    assert all(q.exhibit and q.exhibit.caption == COURSE_LABEL for q in questions.values())


def test_tolerance_follows_df_h_rounding() -> None:
    size = numeric(by_suffix(course_sample_questions())["size"])
    assert size.tolerance == 1  # "100G" is whole GiB, rounded up
    assert is_correct(size, "100")
    assert is_correct(size, "99.5")
    assert is_correct(size, "101")
    assert not is_correct(size, "90")
    assert not is_correct(size, "107.4")  # 100 GB, not GiB


def test_synthetic_nvme_output() -> None:
    questions = by_suffix(df_questions(SYNTHETIC, "Recorded somewhere", "df-test"))
    assert numeric(questions["size"]).answer == 48
    assert numeric(questions["used"]).answer == 36
    assert numeric(questions["percent"]).answer == 76
    assert numeric(questions["available"]).answer == 12
    root = root_choice(questions["root"])
    right = [o for o in root.options if o.correct]
    assert [o.text for o in right] == ["`/dev/nvme0n1p1`"]
    data_disk = next(o for o in root.options if o.text == "`/dev/nvme1n1`")
    assert "/data" in data_disk.feedback
    assert all(q.id.startswith("df-test-") for q in questions.values())


def test_small_and_exact_sizes() -> None:
    questions = by_suffix(df_questions(DF_K, "Recorded", "df-k"))
    size = numeric(questions["size"])
    assert size.answer == 10  # 10485760 KiB
    assert size.tolerance == 1
    used = numeric(questions["used"])
    assert used.answer == 3
    assert used.tolerance == pytest.approx(0.1)  # under 10 GiB df -h prints one decimal
    assert is_correct(used, "3.0") and not is_correct(used, "3.2")


def test_live_capture_is_labelled_and_kept_apart() -> None:
    label = "Live output of this build, captured 2026-11-23 19:04 UTC on build-host"
    quiz = disk_space_quiz(live_text=SYNTHETIC, live_label=label)
    live = [q for q in quiz.questions if q.id.startswith("df-live-")]
    assert len(live) == 5
    assert {q.exhibit.caption for q in live if q.exhibit} == {label}
    ids = [q.id for q in quiz.questions]
    assert len(ids) == len(set(ids))
    bank = QuizBank()
    bank.add(QuizFile(quiz, Path("generate.py")))  # no clash with itself


def test_without_live_output() -> None:
    quiz = disk_space_quiz()
    assert [q.id for q in quiz.questions][-1] == "df-why-sudo"
    assert len(quiz.questions) == 6


def test_sudo_question() -> None:
    question = sudo_question()
    right = [o for o in question.options if o.correct]
    assert [o.id for o in right] == ["unreadable-directories"]
    assert "root" in right[0].text


def test_generated_links_resolve_in_the_real_docs() -> None:
    bank = QuizBank([QuizFile(disk_space_quiz(), Path("generate.py"))])
    assert [e for e in link_errors(bank, DOCS) if "learn_more" in e.problem] == []


def test_not_df_output_is_refused() -> None:
    with pytest.raises(ValueError, match="df header"):
        df_questions("hello world\n", "x", "df-x")
    no_root = "Filesystem Size Used Avail Use% Mounted on\ntmpfs 1G 0 1G 0% /run\n"
    with pytest.raises(ValueError, match="mounted on /"):
        df_questions(no_root, "x", "df-x")
