"""Quizzes for the study notes: data in the quiz folder's ``*.yml``, no MkDocs imports.

The site's adapters (macros, a build hook) call these pure functions:

Loading and checking
    ``load_quizzes(folder: Path) -> QuizBank``
        Every quiz file, validated (schema, unknown type, no correct option, duplicate
        ids across files, malformed YAML); a mistake raises ``SourceError`` with the
        quiz file and line. ``bank.get(quiz_id) -> Quiz`` (KeyError if unknown),
        ``bank.quizzes -> list[Quiz]``, ``bank.add(QuizFile(quiz, path))`` for
        generated quizzes.
    ``check_links(bank: QuizBank, docs_dir: Path) -> None``
        Raises ``SourceError`` (quiz file and line) if a quiz's ``page`` or a question's
        ``learn_more`` page is missing from docs/, or its ``#anchor`` is not a heading
        id of that page. ``link_errors(bank, docs_dir) -> list[SourceError]`` lists all.

Rendering (HTML strings to put in a Markdown page; each is one raw HTML block)
    ``render_quiz(quiz, page=None, *, links=AS_WRITTEN, assets=True) -> str``
        One quiz for the page ``page`` (docs-relative, e.g. ``"quizzes/distros.md"``,
        default ``quiz.page``). With ``assets=True`` the block carries the
        ``<link>``/``<script>`` of ``quiz.css`` and ``quiz.js`` (``links.assets``), so only
        pages with quizzes load them; pass ``assets=False`` if the adapter adds
        ``asset_tags(page, links) -> (link_tag, script_tag)`` itself.
    ``render_index(quizzes, page, *, answer_key_page=None, links=AS_WRITTEN) -> str``
        A table of every quiz: title linked to its page, question count, downloads.
    ``render_answer_key(quizzes, page, *, links=AS_WRITTEN) -> str``
        The printable instructor key: every question, right answers, feedback,
        explanations; no JavaScript.

Exports
    ``write_exports(quizzes, out_dir: Path, site_url="") -> list[Path]``
        Per quiz: ``<id>.json``, ``<id>.qti.zip`` (IMS QTI 1.2) and ``<id>.apkg`` (Anki),
        named as ``export_files(quiz)`` says; write them to
        ``site_dir / links.exports`` so ``render_index``'s links work.
    Quizzes computed at build time come from a site's extensions
    (``studynotes.extension.QuizGenerator``).

Study mode (``study``)
    ``study.render_review(page, links)``, ``study.render_progress(quizzes, page, links)``
        The review and progress pages' HTML; ``study.write_bank(quizzes, site_dir,
        cache_dir, directory_urls)`` writes the question bank they read,
        ``quizzes/exports/study.json``.

Terminal
    ``python -m studynotes.quiz [QUIZ_ID]`` asks the questions, reads answers from
    standard input and prints the score; ``runner.run(quiz, stdin, stdout, rng)``.
"""

from __future__ import annotations

from studynotes.quiz import study
from studynotes.quiz.export import export_files, write_exports, write_exports_cached
from studynotes.quiz.links import check_links, link_errors
from studynotes.quiz.load import QuizBank, QuizFile, load_quizzes
from studynotes.quiz.render import asset_tags, render_answer_key, render_index, render_quiz
from studynotes.quiz.schema import Question, Quiz
from studynotes.quiz.urls import Links

__all__ = [
    "Links",
    "Question",
    "Quiz",
    "QuizBank",
    "QuizFile",
    "asset_tags",
    "check_links",
    "export_files",
    "link_errors",
    "load_quizzes",
    "render_answer_key",
    "render_index",
    "render_quiz",
    "study",
    "write_exports",
    "write_exports_cached",
]
