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
from studynotes.quiz.urls import AS_WRITTEN, Links, page_url

ROOT = Path(__file__).resolve().parents[1]
QUIZ_ASSETS = assets.BROWSER
# Bytes, gzip, of the generator's browser code each kind of page loads, minified (quiz.css,
# schedule.js, quiz.js: 4660; review and progress add study.js: 6512; the exam adds
# exam.js: 9511; the service worker's code, before its list of files: 739).
BUDGETS = {
    "quiz page": (("quiz.css", "schedule.js", "quiz.js"), 5000),
    "review and progress": (("quiz.css", "schedule.js", "quiz.js", "study.js"), 7000),
    "exam": (("quiz.css", "schedule.js", "quiz.js", "study.js", "exam.js"), 10000),
    "service worker": (("sw.js",), 1000),
}


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
    assert set(sizes) == {name for files, _ in BUDGETS.values() for name in files}
    over = {
        kind: sum(sizes[name] for name in files)
        for kind, (files, budget) in BUDGETS.items()
        if sum(sizes[name] for name in files) >= budget
    }
    assert over == {}, sizes


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
        assets.minify_kept.cache_clear()  # as a new process starts
        assert assets.minify_kept(".js", text) == "min\n"
    assert calls == ["var a = 1;\n", "var a = 2;\n"]
    assert len(list((tmp_path / "studynotes" / "minified").iterdir())) == 2


def test_an_exam_takes_every_topic_in_turn_and_the_same_seed_draws_the_same(
    quizzes: list[Quiz],
) -> None:
    drawn = study.paper(quizzes, 20)
    assert len(drawn) == 20 and len({q.id for _, q in drawn}) == 20
    assert {quiz.id for quiz, _ in drawn} == {quiz.id for quiz in quizzes}  # 13 topics
    assert all(q in quiz.questions for quiz, q in drawn)
    assert study.paper(quizzes, 20) == drawn
    assert study.paper(quizzes, 20, seed="another") != drawn
    small = quizzes[:2]
    every = study.paper(small, 1000)  # more than there are: each question once
    assert len(every) == sum(len(q.questions) for q in small)


def test_the_exam_page_offers_every_topic_and_without_javascript_one_paper(
    quizzes: list[Quiz],
) -> None:
    html = BeautifulSoup(study.render_exam(quizzes, "quizzes/exam.md"), "html.parser")
    topics = html.select(".exam__setup input[name=topic]")
    assert [box["value"] for box in topics] == [quiz.id for quiz in quizzes]
    assert all(box.has_attr("checked") for box in topics)
    count = html.select_one("#exam-count")
    total = sum(len(quiz.questions) for quiz in quizzes)
    assert (count["value"], count["max"]) == ("20", str(total))
    assert html.select_one(".exam__setup").has_attr("hidden")
    nojs = html.select_one(".study__nojs")
    assert nojs.has_attr("data-search-exclude") and "one fixed exam of 20" in nojs.get_text()
    forms = nojs.select("form.quiz__question")
    drawn = study.paper(quizzes)
    assert [f["data-question"] for f in forms] == [q.id for _, q in drawn]
    assert all(f.select_one("details.quiz__answer .quiz__more a") for f in forms)
    first = forms[0].select_one(".quiz__number").get_text()
    assert first == f"Question 1 of 20 \N{MIDDLE DOT} {drawn[0][0].title}"
    scripts = [s["src"].rsplit("/", 1)[-1] for s in html.select("script")]
    assert scripts == ["schedule.js", "quiz.js", "study.js", "exam.js"]
    assert html.select_one(".study")["data-bank"] == "../exports/study.json"


def test_the_bank_address_is_the_served_one_where_the_engine_rewrites_raw_html(
    quizzes: list[Quiz],
) -> None:
    """Zensical rewrites href and src in raw HTML from the .md file, never data-bank:
    the widget carries the address the browser resolves from the page."""
    zensical = Links(raw_html_rewritten=True)
    for html in (
        study.render_review("quizzes/review.md", zensical),
        study.render_exam(quizzes, "quizzes/review.md", zensical),
    ):
        widget = BeautifulSoup(html, "html.parser")
        assert widget.select_one(".study")["data-bank"] == "../exports/study.json"
        assert widget.select_one("script")["src"] == "../assets/quiz/schedule.js"  # rewritten
