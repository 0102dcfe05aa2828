"""A course extends the generator from its own repository, with no change to the library:
its own macro, snippet language and question type, on every engine (issue 23)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from studynotes import scaffold
from studynotes.engines import ENGINES
from tests.support import answer_a_choice, serve

OWN = '''
"""This course's own extension: a macro and a snippet language."""

import json

from typing import Literal

from studynotes.extension import (
    ChoiceType, Extension, Macro, MacroDef, Option, QuestionBase, SnippetKind,
    SnippetLanguage, qti, snippet_failure,
)


class TrueFalseQuestion(QuestionBase):
    """A statement that is true or false (`answer: true`)."""

    type: Literal["truefalse"]
    answer: bool

    @property
    def options(self):
        return [
            Option(text="True", id="true", correct=self.answer),
            Option(text="False", id="false", correct=not self.answer),
        ]


TRUE_FALSE = ChoiceType(
    "truefalse",
    TrueFalseQuestion,
    qti_type="true_false_question",
    multiple=False,
    qti_right=lambda q, test: test.append(qti.varequal("true" if q.answer else "false")),
    how_to_answer=("True or false (1 or 2):", "Type 1 for true or 2 for false."),
)


def _shout(site):
    return lambda text: f"<strong class=\\"shout\\">{text.upper()}</strong> ({site.current_page()})"


def _json(context):
    def check(snippet, files):
        try:
            json.loads(snippet.block.source)
        except ValueError as error:
            return snippet_failure(snippet, f"not JSON: {error}", fix="Write valid JSON")
        return None

    return check


extension = Extension(
    macros={"shout": MacroDef(Macro(("text",), 1, "the text, loud"), _shout)},
    question_types=[TRUE_FALSE],
    snippet_languages=[
        SnippetLanguage(
            family="json",
            names=("json",),
            kinds={"parse": SnippetKind('json check="parse"', "parses it as JSON")},
            make=_json,
        )
    ],
)
'''
PAGE = """# JSON

!!! info "Sources"
    The JSON specification, https://www.json.org/.

{{ shout("hello") }}

{{ quiz("facts") }}

```json check="parse"
{"ok": true}
```

```json check="parse"
{"ok": tru}
```
"""


FACTS = """id: facts
title: Facts
description: True or false.
page: notes/json.md
source: The tests.
questions:
  - id: facts-json-comments
    type: truefalse
    prompt: JSON allows comments.
    answer: false
    explanation: JSON has no comments; YAML has.
    learn_more: notes/json.md
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    site = tmp_path / "course"
    scaffold.write(site)
    (site / "macros" / "own.py").write_text(OWN)
    config = site / "mkdocs.yml"
    text = config.read_text().replace("    extensions: []", "    extensions: [macros.own]")
    config.write_text(
        text.replace(
            "      - First steps: notes/first-steps.md\n",
            "      - First steps: notes/first-steps.md\n      - JSON: notes/json.md\n",
        )
    )
    (site / "docs" / "notes" / "json.md").write_text(PAGE)
    (site / "data" / "quizzes" / "facts.yml").write_text(FACTS)
    return site


def _studynotes(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studynotes", *args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_course_language_is_checked_like_the_generators_own(course: Path) -> None:
    done = _studynotes(course, "snippets", "docs/notes/json.md")
    report = done.stdout + done.stderr
    assert done.returncode == 1, report
    assert "docs/notes/json.md:14: not JSON: Expecting value" in report
    assert "fix: Write valid JSON" in report
    assert re.search(r"json\s+checked\s+2", report), report
    assert "The snippet check found 1 problem in 1 file." in report


def test_an_unmarked_block_of_a_course_language_must_be_marked(course: Path) -> None:
    page = course / "docs" / "notes" / "json.md"
    page.write_text(page.read_text().replace('```json check="parse"\n{"ok": tru}', "```json\n{}"))
    done = _studynotes(course, "snippets", "docs/notes/json.md")
    report = done.stdout + done.stderr
    assert "docs/notes/json.md:14: this json block is neither runnable nor illustrative" in report
    assert 'fix: Add check="parse" (see CONTRIBUTING.md' in report  # a check of its language


@pytest.mark.build
@pytest.mark.parametrize("engine", list(ENGINES))
def test_a_course_macro_and_marks_build_on_every_engine(course: Path, engine: str) -> None:
    done = _studynotes(course, "build", "--strict", "--engine", engine)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (course / "site" / "notes" / "json" / "index.html").read_text()
    assert '<strong class="shout">HELLO</strong> (notes/json.md)' in page
    assert 'check="parse"' not in page  # the marks never reach the reader
    assert 'data-type="truefalse" data-grader="choice"' in page
    exports = course / "site" / "quizzes" / "exports"
    assert (
        "true_false_question"
        in zipfile.ZipFile(exports / "facts.qti.zip").read("facts/facts.xml").decode()
    )
    bank = json.loads((exports / "study.json").read_text())
    assert "facts-json-comments" in [q["id"] for quiz in bank["quizzes"] for q in quiz["questions"]]


def test_a_course_question_type_is_asked_in_the_terminal(course: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "studynotes", "quiz", "facts", "--no-shuffle"],
        cwd=course,
        input="3\n2\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Type 1 for true or 2 for false." in done.stdout
    assert done.stdout.rstrip().endswith("Score: 1 of 1 correct.")


@pytest.mark.build
def test_a_reader_answers_a_course_question_type(course: Path, page) -> None:  # type: ignore[no-untyped-def]
    done = _studynotes(course, "build", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(course / "site") as url:
        answer_a_choice(page, url + "notes/json/", "facts-json-comments", "False")
