"""The quizzes wired into the real site: pages, assets, exports, live df questions."""

from __future__ import annotations

import json
import zipfile

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from macros import df_output as df
from studynotes.quiz import export_files, load_quizzes
from tests.support import ROOT, Build, answer_a_choice


def _soup(site_build: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup((site_build.site / page / "index.html").read_text(), "html.parser")


def _quiz_ids() -> list[str]:
    return [quiz.id for quiz in load_quizzes(ROOT / "data" / "quizzes").quizzes] + ["disk-space"]


def test_every_quiz_has_its_page_and_exports(site_build: Build) -> None:
    for quiz_id in _quiz_ids():
        quiz = _soup(site_build, f"quizzes/{quiz_id}").select_one(f'.quiz[data-quiz="{quiz_id}"]')
        assert quiz is not None, quiz_id
    exports = site_build.site / "quizzes" / "exports"
    bank = load_quizzes(ROOT / "data" / "quizzes")
    for quiz in bank.quizzes:
        for name in export_files(quiz).values():
            assert (exports / name).stat().st_size > 0, name
        with zipfile.ZipFile(exports / f"{quiz.id}.qti.zip") as qti:
            assert qti.namelist()
    total = sum(len(quiz.questions) for quiz in bank.quizzes)
    assert total >= 60


def test_quiz_assets_load_only_on_quiz_pages(site_build: Build) -> None:
    def scripts(page: str) -> list[str]:
        return [s.get("src", "") for s in _soup(site_build, page).select("script")]

    assert any(src.endswith("assets/quiz/quiz.js") for src in scripts("quizzes/distros"))
    assert not any("quiz.js" in src for src in scripts("linux/distros"))


def test_disk_space_quiz_uses_this_builds_df(site_build: Build) -> None:
    page = _soup(site_build, "linux/disk-space")
    output = page.select_one("div.language-console code").get_text().partition("\n")[2]
    root = df.root(df.parse(output))
    key = _soup(site_build, "quizzes/answer-key").get_text(" ", strip=True)
    assert "Live output of this build" in key
    assert root.source in key  # the live question on the root device has it as its answer


def test_search_finds_a_question_but_not_its_answers(site_build: Build) -> None:
    """The answer key and each question's answer, explanation and option feedback stay
    out of the search index; the prompts stay in."""
    index = json.loads((site_build.site / "search" / "search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("quizzes/answer-key/")]
    text = json.dumps([d for d in index["docs"] if d["location"].startswith("quizzes/")])
    quizzes = load_quizzes(ROOT / "data" / "quizzes").quizzes
    question = quizzes[0].questions[0]
    assert " ".join(question.prompt.split()[:6]) in text
    questions = [q for quiz in quizzes for q in quiz.questions]
    feedback = [o.feedback for q in questions for o in getattr(q, "options", []) if o.feedback]
    explanations = [q.explanation for q in questions]
    assert feedback and explanations
    for hidden in feedback + explanations:
        assert " ".join(hidden.split()[:8]) not in text, hidden


def test_answering_a_quiz_on_the_real_site(page: Page, site_url: str) -> None:
    answer_a_choice(
        page,
        site_url + "quizzes/distros/",
        "distros-servers-with-budget",
        "Red Hat Enterprise Linux (RHEL)",
    )


@pytest.mark.build
def test_unknown_quiz_id_fails_the_build_at_its_line(tmp_path) -> None:
    from tests.support import build, copy_project

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "quizzes" / "s3.md"
    lines = page.read_text().splitlines()
    page.write_text("\n".join([*lines, "", '{{ quiz("nope") }}']) + "\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"quizzes/s3.md:{len(lines) + 2}: no quiz with id 'nope'" in result.log, result.log
    assert "Traceback" not in result.log
