"""The generator's features, each in one place: its macros (signature and function
together), its check before anything renders and its step after the engine wrote the site.

A feature is an ``Extension``, the shape a course's own extensions have too, so the
build (``Site``) loops over one list: the features the settings turn on, the ones
always on, then the course's extensions. ``MACROS``, what pages may call before any
extension adds to it, is derived from here: one reviewed list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studynotes import glossary, mkdocs_yml, offline, quiz, settings, user_cache
from studynotes.errors import SourceError
from studynotes.extension import Extension, MacroDef
from studynotes.render import console
from studynotes.template_code import Macro

# `site` below is the build (``studynotes.site.Site``) as a macro or step sees it.


def _unknown_quizzes(site: Any) -> list[SourceError]:
    """A problem for each quiz() call of an id that neither a quiz file nor a quiz
    generator (its id is known before it runs) has."""
    known = sorted([q.id for q in site.quiz_files.quizzes] + [g.id for g in site.generators()])
    return [
        SourceError(
            call.page,
            call.line,
            f"no quiz with id '{call.command}'",
            f"Use one of: {', '.join(known)} (the quiz files, *.yml)",
        )
        for call in site.calls
        if call.macro == "quiz" and call.command not in known
    ]


def _write_exports(site: Any, site_dir: Path) -> None:
    links = site.links
    quiz.write_exports_cached(
        site.bank.quizzes,
        site_dir / links.exports,
        user_cache.folder("quiz-exports"),  # never the project's: a commit would be published
        site_url=site.options.site_url,
    )


def _write_bank(site: Any, site_dir: Path) -> None:
    cache = user_cache.folder("quiz-exports")
    quiz.study.write_bank(site.bank.quizzes, site_dir, cache, site.links)


def _keep_offline(site: Any, site_dir: Path) -> str:
    """The service worker and its list of every file (``studynotes.offline``)."""
    config_file = site.options.config_file or site.options.root / "mkdocs.yml"
    line = 1
    if config_file.is_file():
        line = mkdocs_yml.document(config_file).line_of((*settings.KEY, "offline", "budget_mb"))
    chosen = site.settings.offline
    return offline.write(site_dir, chosen.exclude, chosen.budget_mb, config_file, line)


LIVE_OUTPUT = Extension(
    macros={
        "run": MacroDef(
            Macro(
                ("command", "expect_failure"),
                1,
                "a console block of the command's real output",
                live=True,
            ),
            lambda site: lambda command, expect_failure=False: site.shown(command, console.render),
        )
    }
)
QUIZZES = Extension(
    macros={
        "quiz": MacroDef(
            Macro(("quiz_id",), 1, "one interactive quiz of the quiz files"),
            lambda site: (
                lambda quiz_id: quiz.render_quiz(
                    site.bank.get(quiz_id), site.current_page(), links=site.links
                )
            ),
        ),
        "quiz_index": MacroDef(
            Macro((), 0, "the list of every quiz, with its exports"),
            lambda site: (
                lambda: quiz.render_index(
                    site.bank.quizzes,
                    site.current_page(),
                    answer_key_page=site.settings.pages.answer_key,
                    links=site.links,
                )
            ),
        ),
        "answer_key": MacroDef(
            Macro((), 0, "every quiz's answers and explanations"),
            lambda site: (
                lambda: quiz.render_answer_key(
                    site.bank.quizzes, site.current_page(), links=site.links
                )
            ),
        ),
    },
    check=_unknown_quizzes,
    finish=_write_exports,
)
STUDY = Extension(
    macros={
        "study_review": MacroDef(
            Macro((), 0, "study mode: the questions due for review, from every quiz"),
            lambda site: lambda: quiz.study.render_review(site.current_page(), site.links),
        ),
        "study_progress": MacroDef(
            Macro((), 0, "study mode: a reader's progress per quiz, kept or moved"),
            lambda site: (
                lambda: quiz.study.render_progress(
                    site.bank.quizzes, site.current_page(), site.links
                )
            ),
        ),
        "study_exam": MacroDef(
            Macro((), 0, "study mode: a practice exam drawn across every quiz, scored by topic"),
            lambda site: (
                lambda: quiz.study.render_exam(site.bank.quizzes, site.current_page(), site.links)
            ),
        ),
    },
    finish=_write_bank,
)
GLOSSARY = Extension(
    macros={
        "glossary_table": MacroDef(
            Macro((), 0, "the glossary's table, from the abbreviations"),
            lambda site: (
                lambda: glossary.to_markdown(
                    glossary.load(site.options.docs_dir / site.settings.glossary)
                )
            ),
        )
    }
)
REPOSITORY = Extension(
    macros={
        "repo_url": MacroDef(
            Macro((), 0, "the address of the project's repository"),
            lambda site: lambda: site.options.repo_url,
        )
    }
)

# The features the settings turn on and off (``features:`` in ``extra.studynotes``)...
FEATURES: dict[str, Extension] = {
    "live_output": LIVE_OUTPUT,
    "quizzes": QUIZZES,
    "study": STUDY,
    "glossary": GLOSSARY,
    "offline": Extension(finish=_keep_offline),
}
LAST = ("offline",)  # finished after every other feature and extension (Site.finish)
ALWAYS = (REPOSITORY,)  # ... and the ones always on.
MACROS: dict[str, Macro] = {
    name: definition.macro
    for feature in (*FEATURES.values(), *ALWAYS)
    for name, definition in feature.macros.items()
}
