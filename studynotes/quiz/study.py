"""Study mode: spaced review of every quiz's questions, and a reader's progress.

The reader's answers never leave the browser (``studynotes/browser/schedule.js`` keeps
and schedules them); the build provides what the browser cannot know:

- the question bank, ``quizzes/exports/study.json``: every question's form, as quiz
  pages show it, with its id and version (``check.version``), by quiz. Links in it
  count from the file itself (the review page resolves them), so the same file
  serves any page and every engine. A question removed from the data is not in it;
  a changed one has a new version, so the browser starts it afresh.
- the review, progress and practice exam pages' HTML (one raw HTML block each, as
  quizzes are), readable without JavaScript: they say what they would show and
  where the quizzes are instead; the exam page shows one fixed paper (``paper``), each
  answer in a closed box under its question, as quiz pages do.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import replace
from html import escape
from pathlib import Path

from studynotes.quiz.check import version
from studynotes.quiz.filecache import code_of, content_key, copy_cached
from studynotes.quiz.markup import inline, plain
from studynotes.quiz.render import asset_tags, question_form
from studynotes.quiz.schema import Question, Quiz
from studynotes.quiz.urls import AS_WRITTEN, Links, href

BANK = "study.json"  # in the settings' exports folder (``Links.export``)
FORMAT = "studynotes-study"
EXAM_SIZE = 20  # questions in an exam unless the reader asks for another number
EXAM_MINUTES = (10, 20, 30, 45, 60)  # the time limits offered, besides none
PAPER_SEED = "studynotes-exam"  # the paper readers without JavaScript get: fixed per bank


def bank(quizzes: Iterable[Quiz], links: Links = AS_WRITTEN) -> str:
    """The question bank as JSON text (links as the browser resolves them from it)."""
    links = replace(links, raw_html_rewritten=False)  # nothing rewrites URLs in a JSON file
    where = links.export(BANK)
    data = {
        "format": FORMAT,
        "quizzes": [
            {
                "id": quiz.id,
                "title": plain(quiz.title),
                "url": href(quiz.page, where, links),
                "questions": [
                    {
                        "id": q.id,
                        "v": version(q),
                        "html": question_form(q, where, links, no_js=False),
                    }
                    for q in quiz.questions
                ],
            }
            for quiz in quizzes
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_bank(
    quizzes: Iterable[Quiz], site_dir: Path, cache_dir: Path, links: Links = AS_WRITTEN
) -> Path:
    """Write ``BANK`` into the built site (made once per content, like the exports)."""
    text = bank(quizzes, links)
    name = BANK

    def write(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    key = content_key(code_of(__file__), text)
    return copy_cached(cache_dir, key, [name], write, site_dir / links.exports)[0]


def _ids(questions: Iterable[Question]) -> str:
    """What study.js knows questions by: id:version, space-separated."""
    return " ".join(f"{q.id}:{version(q)}" for q in questions)


def _no_script(page: str, links: Links, what: str) -> str:
    index = escape(href(links.quiz_index, page, links))
    return (
        # Out of the search index: a search should find the page, not this apology.
        f'<p class="study__nojs" data-search-exclude>{what} Your answers are kept in this '
        "browser, and this page needs JavaScript to read them, which is off or did not "
        "load. Without it, each "
        "quiz page shows every answer under its question, and the "
        f'<a href="{index}">quiz index</a> has each quiz as an Anki deck (Anki schedules '
        "reviews too), a QTI file and JSON.</p>"
    )


def _widget(
    kind: str,
    page: str,
    links: Links,
    no_script: str,
    body: list[str],
    scripts: tuple[str, ...] = (),
) -> str:
    """A study page's block: its stylesheet, the no-JS note, ``body``, its scripts."""
    css, js = asset_tags(page, links, study=True, more=scripts)
    # An engine that rewrites URLs in raw HTML (Zensical) rewrites href and src, not a
    # data- attribute: the bank's address is always the one the browser resolves.
    as_served = replace(links, raw_html_rewritten=False)
    bank_url = escape(href(links.export(BANK), page, as_served))
    lines = [
        f'<div class="quiz study" data-study="{kind}" data-bank="{bank_url}">',
        css,
        no_script,
        *body,
        js,
        "</div>",
    ]
    return "\n".join(lines) + "\n"


def render_review(page: str, links: Links = AS_WRITTEN) -> str:
    """The review page's widget: the questions due, one at a time (study.js fills it)."""
    return _widget(
        "review",
        page,
        links,
        _no_script(
            page,
            links,
            "Here study mode asks you the questions of every quiz that are due for review, "
            "one at a time: one you got wrong comes back soon, one you got right after "
            "longer and longer intervals, and new ones come in a few a day.",
        ),
        [
            '<p class="study__status study__js" role="status" tabindex="-1" hidden></p>',
            '<div class="study__card study__js" hidden></div>',
        ],
    )


def render_progress(quizzes: Iterable[Quiz], page: str, links: Links = AS_WRITTEN) -> str:
    """The progress page's table (study.js fills in the reader's figures) and the
    buttons that export, import and forget the progress."""
    quizzes = list(quizzes)
    dash = "<td>\N{EN DASH}</td>" * 4
    rows = [
        f'<tr data-quiz="{quiz.id}" data-questions="{_ids(quiz.questions)}"><th scope="row">'
        f'<a href="{escape(href(quiz.page, page, links))}">{inline(quiz.title)}</a></th>'
        f"<td>{len(quiz.questions)}</td>{dash}</tr>"
        for quiz in quizzes
    ]
    every = [q for quiz in quizzes for q in quiz.questions]
    table = [
        '<div class="study__table"><table>',
        '<thead><tr><th scope="col">Quiz</th><th scope="col">Questions</th>'
        '<th scope="col">Answered</th><th scope="col">Right</th>'
        '<th scope="col">Due</th><th scope="col">Last answer</th></tr></thead>',
        "<tbody>",
        *rows,
        "</tbody>",
        f'<tfoot><tr data-questions="{_ids(every)}"><th scope="row">All quizzes</th>'
        f"<td>{len(every)}</td>{dash}</tr></tfoot>",
        "</table></div>",
    ]
    keep = [
        '<div class="study__keep study__js" hidden>',
        '<p class="quiz__buttons"><button type="button" class="quiz__button study__export">'
        "Download my progress</button></p>",
        '<p><label for="study-import">Import progress from a file (it replaces what this '
        'browser keeps)</label><br><input type="file" id="study-import" class="study__import" '
        'accept=".json,application/json"></p>',
        '<p class="quiz__buttons"><button type="button" class="quiz__button study__forget">'
        "Forget my progress</button></p>",
        '<div class="study__confirm" hidden>',
        "<p>Forget every answer this browser keeps, on every quiz? This cannot be undone: "
        "download your progress first to keep a copy.</p>",
        '<p class="quiz__buttons"><button type="button" class="quiz__button '
        'study__forget-yes">Forget everything</button> <button type="button" '
        'class="quiz__button study__forget-no">Keep my progress</button></p>',
        "</div>",
        '<p class="study__message" role="status"></p>',
        "</div>",
    ]
    return _widget(
        "progress",
        page,
        links,
        _no_script(
            page,
            links,
            "With JavaScript this table shows, for each quiz, how many of its questions you "
            "have answered, how many you got right at the last try, how many are due for "
            "review now and the day of your last answer; the buttons below it save your "
            "progress to a file, load it on another browser, or forget it.",
        ),
        [*table, *keep],
    )


# --- the practice exam ---------------------------------------------------------------


def paper(
    quizzes: Iterable[Quiz], size: int = EXAM_SIZE, seed: str = PAPER_SEED
) -> list[tuple[Quiz, Question]]:
    """``size`` questions drawn across ``quizzes``, one quiz after another in turn (so
    every topic is in an exam of as many questions as topics), then mixed; the same
    draw for the same seed and quizzes. (exam.js draws the same way, in the browser.)"""
    rng = random.Random(seed)
    pools = [
        [(quiz, q) for q in rng.sample(quiz.questions, len(quiz.questions))] for quiz in quizzes
    ]
    rng.shuffle(pools)
    drawn: list[tuple[Quiz, Question]] = []
    while len(drawn) < size and any(pools):
        for pool in pools:
            if pool and len(drawn) < size:
                drawn.append(pool.pop(0))
    rng.shuffle(drawn)
    return drawn


def render_exam(quizzes: Iterable[Quiz], page: str, links: Links = AS_WRITTEN) -> str:
    """The practice exam page's widget: the reader's choices (topics, number of
    questions, time limit, exam number), then exam.js draws, times and scores it.
    Without JavaScript: one fixed paper, each answer in a closed box."""
    quizzes = list(quizzes)
    total = sum(len(quiz.questions) for quiz in quizzes)
    size = min(EXAM_SIZE, total)
    topics = [
        f'<li><label><input type="checkbox" name="topic" value="{quiz.id}" checked> '
        f"<span>{inline(quiz.title)} <small>({_questions(len(quiz.questions))})</small></span>"
        "</label></li>"
        for quiz in quizzes
    ]
    minutes = "".join(f'<option value="{m}">{m} minutes</option>' for m in EXAM_MINUTES)
    setup = [
        '<form class="exam__setup study__js" hidden>',
        '<fieldset class="exam__topics"><legend>Topics</legend>',
        '<ul class="exam__topic-list">',
        *topics,
        "</ul>",
        "</fieldset>",
        '<p><label for="exam-count">Number of questions</label> '
        f'<input type="number" id="exam-count" name="count" min="1" max="{total}" '
        f'value="{size}" required></p>',
        '<p><label for="exam-minutes">Time limit</label> <select id="exam-minutes" '
        f'name="minutes"><option value="0">None</option>{minutes}</select></p>',
        '<p><label for="exam-number">Exam number (to sit an exam again, or the one a friend '
        'sat; leave empty for a new one)</label><br><input type="text" id="exam-number" '
        'name="number" inputmode="numeric" pattern="[0-9]{1,9}" autocomplete="off"></p>',
        '<p class="exam__problem" role="alert"></p>',
        '<p class="quiz__buttons"><button type="submit" class="quiz__button">'
        "Start the exam</button></p>",
        "</form>",
        '<div class="exam__sheet study__js" hidden></div>',
    ]
    return _widget(
        "exam", page, links, _static_paper(quizzes, page, links, size), setup, ("exam.js",)
    )


def _questions(count: int) -> str:
    return f"{count} question" + "s" * (count != 1)


def _static_paper(quizzes: list[Quiz], page: str, links: Links, size: int) -> str:
    drawn = paper(quizzes, size)
    index = escape(href(links.quiz_index, page, links))
    forms = [
        question_form(
            q, page, links, f"Question {n} of {len(drawn)} \N{MIDDLE DOT} {plain(quiz.title)}"
        )
        for n, (quiz, q) in enumerate(drawn, 1)
    ]
    return "\n".join(
        [
            # Out of the search index: a search should find the quizzes, not this copy.
            '<div class="study__nojs" data-search-exclude>',
            "<p>With JavaScript you choose the topics, the number of questions and a time "
            "limit; the questions are drawn across every quiz, you answer them all, submit "
            "once, and get your score per topic and an answer sheet, and the questions you "
            "missed come back in review. JavaScript is off or did not load, so here is one "
            f"fixed exam of {len(drawn)} questions across the quizzes instead: write your "
            "answers down, then open the box under each question to mark them. The "
            f'<a href="{index}">quiz index</a> has every quiz.</p>',
            *forms,
            "</div>",
        ]
    )
