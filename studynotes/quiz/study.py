"""Study mode: spaced review of every quiz's questions, and a reader's progress.

The reader's answers never leave the browser (``studynotes/browser/schedule.js`` keeps
and schedules them); the build provides what the browser cannot know:

- the question bank, ``quizzes/exports/study.json``: every question's form, as quiz
  pages show it, with its id and version (``check.version``), by quiz. Links in it
  count from the file itself (the review page resolves them), so the same file
  serves any page and every engine. A question removed from the data is not in it;
  a changed one has a new version, so the browser starts it afresh.
- the review page's and the progress page's HTML (one raw HTML block each, as
  quizzes are), readable without JavaScript: they say what they would show and
  where the quizzes are instead.
"""

from __future__ import annotations

import json
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


def _widget(kind: str, page: str, links: Links, what: str, body: list[str]) -> str:
    """A study page's block: its stylesheet, the no-JS note, ``body``, its scripts."""
    css, js = asset_tags(page, links, study=True)
    lines = [
        f'<div class="quiz study" data-study="{kind}" '
        f'data-bank="{escape(href(links.export(BANK), page, links))}">',
        css,
        _no_script(page, links, what),
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
        "Here study mode asks you the questions of every quiz that are due for review, "
        "one at a time: one you got wrong comes back soon, one you got right after "
        "longer and longer intervals, and new ones come in a few a day.",
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
        "With JavaScript this table shows, for each quiz, how many of its questions you "
        "have answered, how many you got right at the last try, how many are due for "
        "review now and the day of your last answer; the buttons below it save your "
        "progress to a file, load it on another browser, or forget it.",
        [*table, *keep],
    )
