"""Study mode's build side: question versions, the question bank, the two pages' HTML,
and the size and minifying of the quiz scripts and styles readers download."""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.df_quiz import disk_space_quiz
from studynotes import assets
from studynotes.errors import SourceErrors
from studynotes.quiz import load_quizzes, study
from studynotes.quiz.check import version
from studynotes.quiz.schema import Quiz
from studynotes.quiz.urls import AS_WRITTEN, page_url

ROOT = Path(__file__).resolve().parents[1]
QUIZ_ASSETS = assets.BROWSER
BUDGET = 6500  # bytes, gzip: every quiz script and stylesheet (6184 with order and match)


@pytest.fixture(scope="module")
def quizzes() -> list[Quiz]:
    return [*load_quizzes(ROOT / "data" / "quizzes").quizzes, disk_space_quiz()]


def edited(quiz: Quiz, **changes: object) -> Quiz:
    """``quiz`` with its first question changed (``options`` edits the first option)."""
    first = quiz.questions[0]
    if "options" in changes:
        option = first.options[0].model_copy(update=changes.pop("options"))  # type: ignore[attr-defined]
        changes["options"] = [option, *first.options[1:]]  # type: ignore[attr-defined]
    question = first.model_copy(update=changes)
    return quiz.model_copy(update={"questions": [question, *quiz.questions[1:]]})


def test_a_question_changes_version_when_what_is_asked_or_right_changes(
    quizzes: list[Quiz],
) -> None:
    quiz = next(q for q in quizzes if q.id == "backups")
    before = version(quiz.questions[0])
    assert version(quizzes[0].questions[0]) == version(quizzes[0].questions[0])
    changed = {
        "prompt": version(edited(quiz, prompt="Another prompt?").questions[0]),
        "option text": version(edited(quiz, options={"text": "Other"}).questions[0]),
        "right answer": version(edited(quiz, options={"correct": False}).questions[0]),
    }
    assert before not in changed.values() and len(set(changed.values())) == 3
    # Fixing the explanation or feedback keeps a reader's progress.
    same = edited(quiz, explanation="Reworded.", options={"feedback": "Reworded."})
    assert version(same.questions[0]) == before
    every = [version(q) for quiz in quizzes for q in quiz.questions]
    assert len(set(every)) == len(every)


def test_the_bank_has_every_question_with_its_form_and_links_from_its_file(
    quizzes: list[Quiz],
) -> None:
    data = json.loads(study.bank(quizzes))
    assert data["format"] == "studynotes-study"
    assert [q["id"] for q in data["quizzes"]] == [q.id for q in quizzes]
    bank_dir = posixpath.dirname(AS_WRITTEN.export(study.BANK))
    for entry, quiz in zip(data["quizzes"], quizzes, strict=True):
        assert posixpath.normpath(posixpath.join(bank_dir, entry["url"])) + "/" == (
            page_url(quiz.page)
        )
        for item, question in zip(entry["questions"], quiz.questions, strict=True):
            form = BeautifulSoup(item["html"], "html.parser").form
            assert item["id"] == form["data-question"] == question.id
            assert item["v"] == form["data-version"] == version(question)
            # The review shows the answer once checked: no no-JS <details> to carry.
            assert form.select_one("details") is None
            assert form.select_one(".quiz__reveal")["hidden"] == ""
            more = form.select_one(".quiz__more a")["href"]
            target = question.learn_more.partition("#")[0]
            assert posixpath.normpath(posixpath.join(bank_dir, more.partition("#")[0])) == (
                page_url(target).rstrip("/")
            )


def test_the_bank_is_written_once_per_content(quizzes: list[Quiz], tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    written = study.write_bank(quizzes, tmp_path / "a", cache)
    assert written == tmp_path / "a" / AS_WRITTEN.export(study.BANK)
    assert json.loads(written.read_text())["quizzes"]
    assert len(list(cache.iterdir())) == 1
    study.write_bank(quizzes, tmp_path / "b", cache)
    assert len(list(cache.iterdir())) == 1  # same content: the same entry
    study.write_bank(quizzes[:1], tmp_path / "c", cache)
    assert len(list(cache.iterdir())) == 2
    assert (tmp_path / "c" / AS_WRITTEN.export(study.BANK)).read_text() == study.bank(quizzes[:1])


def test_the_pages_say_what_they_would_show_without_javascript(quizzes: list[Quiz]) -> None:
    review = BeautifulSoup(study.render_review("quizzes/review.md"), "html.parser")
    progress = BeautifulSoup(study.render_progress(quizzes, "quizzes/progress.md"), "html.parser")
    for page in (review, progress):
        text = page.select_one(".study__nojs")
        assert "needs JavaScript" in text.get_text()
        assert text.a["href"] == "../"  # the quiz index, for the exports
        assert all(el.has_attr("hidden") for el in page.select(".study__js"))
        scripts = [s["src"].rsplit("/", 1)[-1] for s in page.select("script")]
        assert scripts == ["schedule.js", "quiz.js", "study.js"]
    rows = progress.select("tbody tr")
    assert [row["data-quiz"] for row in rows] == [q.id for q in quizzes]
    assert [row.th.get_text() for row in rows] == [q.title for q in quizzes]
    first = rows[0]["data-questions"].split()
    assert first == [f"{q.id}:{version(q)}" for q in quizzes[0].questions]
    total = sum(len(q.questions) for q in quizzes)
    assert len(progress.select_one("tfoot tr")["data-questions"].split()) == total
    assert progress.select_one("tfoot td").get_text() == str(total)


def test_quiz_scripts_and_styles_stay_under_budget_minified() -> None:
    sizes = {
        path.name: len(gzip.compress(assets.MINIFIERS[path.suffix](path.read_text()).encode(), 9))
        for path in assets.sources(QUIZ_ASSETS)
    }
    assert set(sizes) == {"quiz.css", "quiz.js", "schedule.js", "study.js"}
    assert sum(sizes.values()) < BUDGET, sizes


def test_the_minified_scheduler_passes_the_scheduler_tests(tmp_path: Path) -> None:
    """tests/js/ run against schedule.js as readers get it, not only as written."""
    source = (QUIZ_ASSETS / "schedule.js").read_text()
    small = tmp_path / "schedule.min.js"
    small.write_text(assets.minify_js(source))
    assert len(small.read_text()) < len(source) / 2 and "/*" not in small.read_text()
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: `make test` installs it (Debian package nodejs)")
    tests = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    done = subprocess.run(
        [node, "--test", *tests],
        env={**os.environ, "SCHEDULE_JS": str(small)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# pass 9" in done.stdout and "# fail 0" in done.stdout


def test_minifying_the_site_names_a_broken_script_and_writes_nothing_until_fixed(
    tmp_path: Path,
) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    for folder in (docs / "js", site / "js"):
        folder.mkdir(parents=True)
    (docs / "js" / "ok.js").write_text("// comment\nvar answer = 42;\n")
    (docs / "js" / "vendor.min.js").write_text("var  kept  =  1;\n")
    (docs / "js" / "new.js").write_text("var a = 1;\nlet b = () => 2;\n")
    for name in ("ok.js", "vendor.min.js", "new.js"):
        (site / "js" / name).write_text((docs / "js" / name).read_text())
    with pytest.raises(SourceErrors) as raised:
        assets.minify_site(docs, site)
    report = str(raised.value)
    assert "docs/js/new.js:2: " in report.replace(str(tmp_path) + "/", "")
    assert "fix: Write the script in ES5" in report
    assert "Traceback" not in report
    # Nothing is half-written: with one script broken, the site keeps every copy as it was.
    assert (site / "js" / "ok.js").read_text() == "// comment\nvar answer = 42;\n"
    (docs / "js" / "new.js").write_text("var a = 1;\nvar b = function () { return 2; };\n")
    written = assets.minify_site(docs, site)
    assert sorted(p.name for p in written) == ["new.js", "ok.js"]
    assert (site / "js" / "ok.js").read_text() == "var answer=42\n"
    assert (site / "js" / "vendor.min.js").read_text() == "var  kept  =  1;\n"


def test_a_minified_script_is_kept_for_the_next_build_by_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next build (another process) reads what this one minified; an edit is new text."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls: list[str] = []
    monkeypatch.setitem(assets.MINIFIERS, ".js", lambda text: calls.append(text) or "min\n")
    for text in ("var a = 1;\n", "var a = 1;\n", "var a = 2;\n"):
        assets._minified.cache_clear()  # as a new process starts
        assert assets._minified(".js", text) == "min\n"
    assert calls == ["var a = 1;\n", "var a = 2;\n"]
    assert len(list((tmp_path / "studynotes" / "minified").iterdir())) == 2
