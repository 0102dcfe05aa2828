"""Quiz HTML for the site: one quiz, the index of all quizzes, the instructor's answer key.

Each result is one raw HTML block (one ``<div>``, one line per element, no blank
lines) so Python-Markdown passes it through untouched (md_in_html only looks inside a
block marked ``markdown="1"``; ``markdown="0"`` would stay in the page as an invalid
attribute). Answers, explanations and option feedback carry ``data-search-exclude``:
searching a question's words finds the quiz, not its answer. All quiz
text goes through ``markup`` (escaped first). Without JavaScript every question still
shows its answer and explanation in a ``<details>`` block; ``quiz.js`` turns the forms
into a checked, scored quiz and hides those blocks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape

from studynotes.quiz import types
from studynotes.quiz.check import version
from studynotes.quiz.export import export_files
from studynotes.quiz.markup import inline, paragraphs
from studynotes.quiz.schema import (
    Exhibit,
    Question,
    Quiz,
)
from studynotes.quiz.urls import AS_WRITTEN, Links, href

CSS = "quiz.css"  # in the built site under the settings' ``assets`` (Links.assets)
# quiz.js uses schedule.js, study.js both; each waits for what it uses (see asset_tags).
JS = ("schedule.js", "quiz.js")
STUDY_JS = "study.js"


def asset_tags(
    page: str, links: Links = AS_WRITTEN, *, study: bool = False, more: tuple[str, ...] = ()
) -> tuple[str, str]:
    """The stylesheet and the script tags a quiz (or ``study``) page needs.

    They travel inside the quiz HTML so only those pages load them. On a page load
    ``defer`` runs them in this order; on Material's instant navigation the new
    content's ``<link>`` loads with it and its ``<script>``s are re-created all at once,
    so they run as they arrive: each script waits for the ones it uses, then
    initialises through ``document$`` (once, however many times it is loaded).
    ``more``: a study page's own scripts, after study.js (the exam's).
    """
    css = escape(href(links.asset(CSS), page, links))
    scripts = [*JS, STUDY_JS, *more] if study else JS
    js = "".join(
        f'<script src="{escape(href(links.asset(s), page, links))}" defer></script>'
        for s in scripts
    )
    return f'<link rel="stylesheet" href="{css}">', js


def render_quiz(
    quiz: Quiz,
    page: str | None = None,
    *,
    links: Links = AS_WRITTEN,
    assets: bool = True,
) -> str:
    """One quiz as an HTML block for the page ``page`` (docs-relative, default ``quiz.page``)."""
    page = page or quiz.page
    total = len(quiz.questions)
    css, js = asset_tags(page, links) if assets else ("", "")
    lines = [
        f'<div class="quiz" data-quiz="{quiz.id}">',
        css,  # first, so the quiz is never painted unstyled
        f'<p class="quiz__intro">{inline(quiz.description)}</p>',
        f'<p class="quiz__source"><small>Source: {inline(quiz.source)}</small></p>',
        *(
            question_form(q, page, links, f"Question {n} of {total}")
            for n, q in enumerate(quiz.questions, 1)
        ),
        '<div class="quiz__summary" hidden>',
        f'<p class="quiz__score">0 of {total} correct</p>',
        '<p class="quiz__buttons"><button type="button" class="quiz__button quiz__retry">'
        "Retry wrong answers</button> "
        '<button type="button" class="quiz__button quiz__reset">Reset quiz</button></p>',
        "</div>",
        js,
        "</div>",
    ]
    return _block(lines) + "\n"


def question_form(
    q: Question, page: str, links: Links = AS_WRITTEN, number: str = "", *, no_js: bool = True
) -> str:
    """One question's form (``number``, e.g. "Question 2 of 9", above its prompt); links
    count from ``page``. ``data-version`` is what study mode knows this version by.

    With ``no_js`` the answer waits in a ``<details>`` with every option judged, for
    readers without JavaScript (quiz.js moves ``.quiz__reveal`` out of it, to show once
    an answer is checked); without, it is the hidden ``.quiz__reveal`` alone.
    """
    kind = types.of(q)
    data = escape(json.dumps(kind.key(q), separators=(",", ":")), quote=True)
    label = f'<span class="quiz__number">{escape(number)}</span> ' if number else ""
    more = escape(href(q.learn_more, page, links))
    reveal = [
        '<div class="quiz__reveal">' if no_js else '<div class="quiz__reveal" hidden>',
        kind.answer_html(q),
        paragraphs(q.explanation),
        f'<p class="quiz__more"><a href="{more}">Learn more in the notes</a></p>',
        "</div>",
    ]
    if no_js:
        reveal = [
            '<details class="quiz__answer" data-search-exclude>',
            "<summary>Show the answer</summary>",
            *reveal,
            kind.judged_html(q),
            "</details>",
        ]
    return _block(
        [
            f'<form class="quiz__question" id="q-{q.id}" data-question="{q.id}" '
            f'data-version="{version(q)}" data-type="{q.type}" data-grader="{kind.grader}" '
            f'data-key="{data}" '
            'method="dialog">',
            "<fieldset>",
            f'<legend>{label}<span class="quiz__prompt">{inline(q.prompt)}</span></legend>',
            _exhibit(q.exhibit),
            kind.response_html(q),
            "</fieldset>",
            '<p class="quiz__actions"><button type="submit" class="quiz__button quiz__check"'
            " hidden>Check answer</button></p>",
            '<div class="quiz__feedback" role="status" aria-live="polite"></div>',
            *reveal,
            "</form>",
        ]
    )


def _block(lines: list[str]) -> str:
    # No empty lines: a blank line would end the raw HTML block in Markdown.
    return "\n".join(line for line in lines if line)


def _exhibit(exhibit: Exhibit | None) -> str:
    if exhibit is None:
        return ""
    # &#10; keeps line breaks inside <pre> without putting raw newlines (or blank
    # lines, which would end the HTML block) into the Markdown source.
    text = escape(exhibit.text.rstrip("\n")).replace("\n", "&#10;")
    # Inline layout: Material centres figures, and the answer key page loads no quiz.css.
    return (
        '<figure class="quiz__exhibit" style="width:auto;margin:.8em 0;text-align:left">'
        f'<figcaption style="max-width:none;margin:0 0 .4em">{inline(exhibit.caption)}'
        f"</figcaption><pre><code>{text}</code></pre></figure>"
    )


# --- the index and the answer key -------------------------------------------------------


def render_index(
    quizzes: Iterable[Quiz],
    page: str,
    *,
    answer_key_page: str | None = None,
    links: Links = AS_WRITTEN,
) -> str:
    """A table of every quiz: title (linked to its page), question count, export downloads."""
    rows = []
    for quiz in quizzes:
        link = escape(href(quiz.page, page, links))
        downloads = " · ".join(
            f'<a href="{escape(href(links.export(name), page, links))}" download>{escape(kind)}</a>'
            for kind, name in export_files(quiz).items()
        )
        rows.append(
            f'<tr><td><a href="{link}">{inline(quiz.title)}</a></td>'
            f"<td>{inline(quiz.description)}</td>"
            f'<td style="text-align:right">{len(quiz.questions)}</td><td>{downloads}</td></tr>'
        )
    lines = [
        '<div class="quiz-index">',
        "<table>",
        "<thead><tr><th>Quiz</th><th>What it covers</th><th>Questions</th>"
        "<th>Downloads</th></tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
    ]
    if answer_key_page:
        key_link = escape(href(answer_key_page, page, links))
        # A link alone in its paragraph: Material does not underline links inside text.
        lines.append(f'<p><a href="{key_link}">Answer key for instructors</a></p>')
    lines.append("</div>")
    return "\n".join(lines) + "\n"


def render_answer_key(quizzes: Iterable[Quiz], page: str, *, links: Links = AS_WRITTEN) -> str:
    """Every question with its right answers, feedback and explanation: printable, no JS."""
    sections = []
    for quiz in quizzes:
        items = "\n".join(_key_item(q, page, links) for q in quiz.questions)
        sections.append(
            f'<section class="quiz-key__quiz" id="key-{quiz.id}">\n'
            f"<h2>{inline(quiz.title)}</h2>\n"
            f"<p>{inline(quiz.description)} <small>Source: {inline(quiz.source)}</small></p>\n"
            f"<ol>\n{items}\n</ol>\n</section>"
        )
    return '<div class="quiz-key">\n' + "\n".join(sections) + "\n</div>\n"


def _key_item(q: Question, page: str, links: Links) -> str:
    link = escape(href(q.learn_more, page, links))
    kind = types.of(q)
    body = kind.answer_html(q) + kind.judged_html(q) + kind.key_note(q)
    return (
        f'<li id="key-{q.id}"><p><strong>{inline(q.prompt)}</strong></p>'
        f"{_exhibit(q.exhibit)}{body}{paragraphs(q.explanation)}"
        f'<p><a href="{link}">Notes: {escape(q.learn_more)}</a></p></li>'
    )
