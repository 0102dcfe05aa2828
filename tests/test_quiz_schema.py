"""Quiz files: every mistake is a SourceError naming the quiz file and the line to fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from studynotes.errors import SourceError, SourceErrors
from studynotes.headings import heading_ids, slugify
from studynotes.quiz import QuizFile, check_links, link_errors, load_quizzes
from studynotes.quiz.schema import QUESTION_TYPES, MultipleQuestion, SingleQuestion
from studynotes.snippets.strip import strip_marks

ROOT = Path(__file__).resolve().parents[1]
QUIZZES = ROOT / "data" / "quizzes"
DOCS = ROOT / "docs"

HEADER = """\
id: {quiz_id}
title: A quiz
description: Testing.
page: quizzes/test.md
source: The tests.
questions:
"""
SINGLE = """\
  - id: {question_id}
    type: single
    prompt: Pick one.
    options:
      - text: Right
        correct: true
      - text: Wrong
    explanation: Because.
    learn_more: linux/distros.md#aws-vm
"""


def quiz_file(folder: Path, name: str, body: str, quiz_id: str = "test") -> Path:
    path = folder / name
    path.write_text(HEADER.format(quiz_id=quiz_id) + textwrap.dedent(body), encoding="utf-8")
    return path


def line_of(path: Path, marker: str) -> int:
    """The 1-based line of the first line containing ``marker``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if marker in line)


def load_error(folder: Path) -> SourceError:
    """The one problem of the folder's quizzes."""
    with pytest.raises(SourceErrors) as caught:
        load_quizzes(folder)
    assert len(caught.value.errors) == 1, caught.value.report()
    return caught.value.errors[0]


# --- the real quiz files ---------------------------------------------------------------


def test_real_quizzes_load_with_unique_ids() -> None:
    bank = load_quizzes(QUIZZES)
    ids = [q.id for q in bank.quizzes]
    assert ids == sorted(path.stem for path in QUIZZES.glob("*.yml"))  # one quiz per file
    assert {"backups", "distros"} <= set(ids)
    distros = bank.get("distros")
    assert len(distros.questions) == 13  # the twelve scenarios, then the family tree
    assert all(isinstance(q, SingleQuestion | MultipleQuestion) for q in distros.questions[:12])
    assert distros.questions[12].type == "match"
    backups = bank.get("backups")
    assert {q.type for q in backups.questions} == {
        "single",
        "multiple",
        "short",
        "numeric",
        "order",
    }
    every_type = {q.type for quiz in bank.quizzes for q in quiz.questions}
    assert every_type == set(QUESTION_TYPES)  # each type has real questions
    ids = [q.id for quiz in bank.quizzes for q in quiz.questions]
    assert len(ids) == len(set(ids))


def test_distros_quiz_covers_every_scenario_heading() -> None:
    questions = load_quizzes(QUIZZES).get("distros").questions
    anchors = {q.learn_more for q in questions if q.type != "match"}
    scenarios = [
        "servers-with-budget",
        "servers-on-budget",
        "old-servers",
        "recent-desktop",
        "old-family-pc",
        "old-pc-server",
        "linux-vm-on-windows",
        "bleeding-edge",
        "iot-arm",
        "container-image",
        "oracle-server",
        "aws-vm",
    ]
    assert anchors == {f"linux/distros.md#{s}" for s in scenarios}


def test_real_learn_more_links_resolve_in_the_real_docs() -> None:
    problems = [e for e in link_errors(load_quizzes(QUIZZES), DOCS) if "learn_more" in e.problem]
    assert problems == []


def test_unknown_quiz_id_is_a_lookup_error_naming_the_known_ones() -> None:
    with pytest.raises(LookupError, match="backups, distros"):
        load_quizzes(QUIZZES).get("nope")


# --- bad input: file and line ----------------------------------------------------------


def test_malformed_yaml(tmp_path: Path) -> None:
    path = quiz_file(tmp_path, "bad.yml", SINGLE.format(question_id="q1") + "  - id: [oops\n")
    error = load_error(tmp_path)
    assert error.path == str(path)
    assert "invalid YAML" in error.problem
    assert error.line is not None and error.line >= line_of(path, "[oops")


def test_unknown_type_points_at_the_type_line(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace("type: single", "type: essay")
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert (error.path, error.line) == (str(path), line_of(path, "type: essay"))
    assert "essay" in error.problem


def test_missing_type_points_at_the_question(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace("    type: single\n", "")
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert (error.path, error.line) == (str(path), line_of(path, "- id: q1"))


def test_no_correct_option(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace("        correct: true\n", "")
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert (error.path, error.line) == (str(path), line_of(path, "options:") + 1)
    assert "exactly one option with `correct: true`, found 0" in error.problem


def test_two_correct_options_in_a_single_choice(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace(
        "      - text: Wrong\n", "      - text: Wrong\n        correct: true\n"
    )
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert error.line == line_of(path, "options:") + 1
    assert "found 2" in error.problem


def test_multiple_choice_without_a_correct_option(tmp_path: Path) -> None:
    body = (
        SINGLE.format(question_id="q1")
        .replace("type: single", "type: multiple")
        .replace("        correct: true\n", "")
    )
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert (error.path, error.line) == (str(path), line_of(path, "options:") + 1)
    assert "no option has `correct: true`" in error.problem


def test_an_answer_that_is_not_an_option(tmp_path: Path) -> None:
    # Choice questions mark options correct; a free-standing answer is refused at its line.
    body = SINGLE.format(question_id="q1").replace(
        "    explanation:", "    answer: Fedora\n    explanation:"
    )
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert (error.path, error.line) == (str(path), line_of(path, "answer: Fedora"))
    assert "answer" in error.problem


def test_repeated_option_ids(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace("- text: Wrong", "- text: right")
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert error.line == line_of(path, "options:") + 1
    assert "ids repeat: right (give each an `id` of its own)" in error.problem


def test_duplicate_question_ids_across_files(tmp_path: Path) -> None:
    first = quiz_file(tmp_path, "a.yml", SINGLE.format(question_id="shared"), quiz_id="a")
    second = quiz_file(
        tmp_path,
        "b.yml",
        SINGLE.format(question_id="own") + SINGLE.format(question_id="shared"),
        quiz_id="b",
    )
    error = load_error(tmp_path)
    second_lines = second.read_text().splitlines()
    assert error.path == str(second)
    assert second_lines[error.line - 1].strip() == "- id: shared"
    assert f"{first}:{line_of(first, '- id: shared')}" in error.problem


def test_duplicate_quiz_ids_across_files(tmp_path: Path) -> None:
    quiz_file(tmp_path, "a.yml", SINGLE.format(question_id="q1"), quiz_id="same")
    second = quiz_file(tmp_path, "b.yml", SINGLE.format(question_id="q2"), quiz_id="same")
    error = load_error(tmp_path)
    assert (error.path, error.line) == (str(second), 1)
    assert "quiz id 'same' is already used" in error.problem


@pytest.mark.parametrize(
    ("replacement", "marker"),
    [
        ("learn_more: /linux/distros.md", "learn_more:"),
        ("learn_more: ../distros.md#x", "learn_more:"),
        ("learn_more: linux/distros.html", "learn_more:"),
    ],
)
def test_learn_more_must_be_a_docs_page(tmp_path: Path, replacement: str, marker: str) -> None:
    body = SINGLE.format(question_id="q1").replace(
        "learn_more: linux/distros.md#aws-vm", replacement
    )
    path = quiz_file(tmp_path, "quiz.yml", body)
    assert load_error(tmp_path).line == line_of(path, marker)


def test_numeric_and_short_constraints(tmp_path: Path) -> None:
    body = """\
      - id: n1
        type: numeric
        prompt: How many?
        answer: 7
        tolerance: -1
        explanation: Because.
        learn_more: linux/backups.md
    """
    path = quiz_file(tmp_path, "quiz.yml", body)
    assert load_error(tmp_path).line == line_of(path, "tolerance: -1")
    body = (
        body.replace("type: numeric", "type: short")
        .replace("answer: 7", "accept: []")
        .replace("        tolerance: -1\n", "")
    )
    path = quiz_file(tmp_path, "quiz.yml", body)
    assert load_error(tmp_path).line == line_of(path, "accept: []")


def test_unknown_key_is_refused_not_ignored(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace(
        "    explanation:", "    explanaton: typo\n    explanation:"
    )
    path = quiz_file(tmp_path, "quiz.yml", body)
    error = load_error(tmp_path)
    assert error.line == line_of(path, "explanaton:")
    assert "Extra inputs are not permitted" in error.problem


def test_every_problem_of_every_quiz_file_is_reported_in_one_run(tmp_path: Path) -> None:
    typo = SINGLE.format(question_id="q1").replace(
        "    explanation:", "    explanaton: typo\n    explanation:"
    )
    essay = SINGLE.format(question_id="q2").replace("type: single", "type: essay")
    first = quiz_file(tmp_path, "a.yml", typo + essay.replace("q2", "q3"), quiz_id="a")
    second = quiz_file(tmp_path, "b.yml", essay, quiz_id="b")
    with pytest.raises(SourceErrors) as caught:
        load_quizzes(tmp_path)
    found = [(Path(e.path).name, e.line) for e in caught.value.errors]
    assert found == [
        ("a.yml", line_of(first, "explanaton:")),
        ("a.yml", line_of(first, "type: essay")),
        ("b.yml", line_of(second, "type: essay")),
    ]
    assert caught.value.report().endswith("The quiz check found 3 problems in 2 files.")


# --- links against a docs folder -------------------------------------------------------


def make_docs(folder: Path) -> Path:
    docs = folder / "docs"
    (docs / "linux").mkdir(parents=True)
    (docs / "quizzes").mkdir()
    (docs / "quizzes" / "test.md").write_text("# Quiz\n", encoding="utf-8")
    (docs / "linux" / "distros.md").write_text(
        "# Distros\n\n## A VM in AWS { #aws-vm }\n", encoding="utf-8"
    )
    return docs


def test_missing_page_names_the_quiz_line(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace("linux/distros.md#", "linux/gone.md#")
    path = quiz_file(tmp_path, "quiz.yml", body)
    docs = make_docs(tmp_path / "site")
    with pytest.raises(SourceErrors) as caught:
        check_links(load_quizzes(tmp_path), docs)
    assert (caught.value.errors[0].path, caught.value.errors[0].line) == (
        str(path),
        line_of(path, "learn_more:"),
    )
    assert "'linux/gone.md' does not exist" in caught.value.errors[0].problem


def test_missing_anchor_names_the_quiz_line(tmp_path: Path) -> None:
    body = SINGLE.format(question_id="q1").replace("#aws-vm", "#no-such-heading")
    path = quiz_file(tmp_path, "quiz.yml", body)
    docs = make_docs(tmp_path / "site")
    with pytest.raises(SourceErrors) as caught:
        check_links(load_quizzes(tmp_path), docs)
    assert (caught.value.errors[0].path, caught.value.errors[0].line) == (
        str(path),
        line_of(path, "learn_more:"),
    )
    assert "no heading with id 'no-such-heading'" in caught.value.errors[0].problem


def test_missing_quiz_page(tmp_path: Path) -> None:
    path = quiz_file(tmp_path, "quiz.yml", SINGLE.format(question_id="q1"))
    docs = make_docs(tmp_path / "site")
    (docs / "quizzes" / "test.md").unlink()
    errors = link_errors(load_quizzes(tmp_path), docs)
    assert [(e.path, e.line) for e in errors] == [(str(path), line_of(path, "page:"))]


def test_good_links_pass(tmp_path: Path) -> None:
    quiz_file(tmp_path, "quiz.yml", SINGLE.format(question_id="q1"))
    check_links(load_quizzes(tmp_path), make_docs(tmp_path / "site"))


def test_generated_quizzes_have_no_line(tmp_path: Path) -> None:
    bank = load_quizzes(tmp_path)
    quiz_file(tmp_path / "..", "x.yml", SINGLE.format(question_id="q1"))
    bank.add(QuizFile(load_quizzes(tmp_path / "..").quizzes[0], Path("generate.py")))
    errors = link_errors(bank, tmp_path)
    assert errors and all(e.line is None and e.path == "generate.py" for e in errors)


# --- heading ids as Python-Markdown's toc makes them --------------------------------------


def test_heading_ids_follow_toc() -> None:
    page = textwrap.dedent(
        """\
        ---
        # not a heading: front matter
        tags: [x]
        ---
        # Managing disk space
        ## How full is the disk: `df -h` { #df }
        ## The columns
        ## The columns
        ### 1. The VM will not start
        ## What's *new* in 2026 & more -- yes!
        ## Straße café
        ```bash
        # a comment in code, not a heading
        ```
            ```text
            ## indented fence content
            ```
        ## Trailing hashes ##
        """
    )
    assert heading_ids(page) == {
        "managing-disk-space",
        "df",
        "the-columns",
        "the-columns_1",
        "1-the-vm-will-not-start",
        "whats-new-in-2026-more-yes",
        "strae-cafe",
        "trailing-hashes",
    }


def test_heading_ids_match_markdown_on_every_docs_page() -> None:
    markdown = pytest.importorskip("markdown")
    import re

    for path in sorted(DOCS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("---", 2)[2] if text.startswith("---") else text
        body = strip_marks(body)  # as the site's hook does before Markdown renders
        html = markdown.Markdown(
            extensions=["toc", "attr_list", "admonition", "md_in_html", "pymdownx.superfences"]
        ).convert(body)
        assert heading_ids(text) == set(re.findall(r'<h[1-6][^>]*\bid="([^"]+)"', html)), path


def test_slugify_strips_markup() -> None:
    assert slugify("Why it needs `sudo`") == "why-it-needs-sudo"
    assert slugify("[Links](x.md) and _snake_case_") == "links-and-snake_case"
