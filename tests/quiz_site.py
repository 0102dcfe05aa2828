"""The small real Material for MkDocs site the quiz and study-mode browser tests use.

It has two quiz pages, the disk-space quiz, the index, the answer key, the review,
progress and practice exam pages of study mode, and non-quiz pages whose Markdown
contains the rendered quiz HTML, as the macros will put it there; instant navigation
is on, so ``site_url`` is the address it is served at. After ``mkdocs build`` it
gets what ``Site.finish`` adds on every engine: the quiz exports, the study bank and
the minified assets, so the browser runs the scripts readers get.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros.df_quiz import disk_space_quiz
from studynotes import assets
from studynotes.headings import heading_ids
from studynotes.quiz import (
    QuizFile,
    load_quizzes,
    render_answer_key,
    render_index,
    render_quiz,
    study,
    write_exports,
)
from studynotes.quiz.schema import Quiz
from studynotes.quiz.urls import AS_WRITTEN
from tests.support import ROOT, serve

CONFIG = """\
site_name: Quiz test
site_url: {url}
plugins: []  # no search: its worker indexes the site on every page load, slowing tests
theme:
  name: material
  features:
    - navigation.instant
  palette:
    - scheme: default
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - scheme: slate
      primary: indigo
      accent: indigo
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - pymdownx.details
  - toc:
      permalink: true
"""
PAGES = {
    "index.md": (
        "# Home\n\nNo quiz here. Try the [distros quiz](quizzes/distros.md), or"
        " [hostile text](quizzes/hostile.md).\n"
    ),
    "quizzes/distros.md": (
        "# Distros quiz\n\n{distros}\nNext: the [backups quiz](backups.md), or see your "
        "[progress](progress.md).\n"
    ),
    "quizzes/backups.md": "# Backups quiz\n\n{backups}\nBack [home](../index.md).\n",
    "quizzes/disk-space.md": "# Disk space quiz\n\n{disk}\n",
    "quizzes/index.md": "# All quizzes\n\n{index}\n",
    "quizzes/key.md": "# Answer key\n\n{key}\n",
    "quizzes/hostile.md": "# Hostile text\n\n{hostile}\n",
    "quizzes/review.md": "# Review\n\n{review}\n",
    "quizzes/progress.md": "# Progress\n\n{progress}\n\nBack to [review](review.md).\n",
    "quizzes/exam.md": "# Practice exam\n\n{exam}\n",
}
EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE = {
    "id": "hostile",
    "title": EVIL,
    "description": EVIL,
    "page": "quizzes/hostile.md",
    "source": EVIL,
    "questions": [
        {
            "id": "hostile-q",
            "type": "single",
            "prompt": f"Pick {EVIL}",
            "options": [
                {"text": EVIL, "correct": True, "feedback": EVIL},
                {"text": f"`{EVIL}`", "feedback": EVIL, "id": "code"},
            ],
            "explanation": EVIL,
            "learn_more": "linux/distros.md#aws-vm",
        }
    ],
}


# The quizzes with pages here, in the index; study mode draws from these and the hostile one.
QUIZZES = ("backups", "distros", "disk-space")


@contextmanager
def quiz_site(folder: Path) -> Iterator[str]:
    """Build the test site in ``folder`` with ``mkdocs build --strict``, serve it on
    127.0.0.1 and yield its address."""
    site = folder / "site"
    site.mkdir()
    with serve(site) as url:
        bank = load_quizzes(ROOT / "data" / "quizzes")
        bank.add(QuizFile(disk_space_quiz(), Path("generate.py")))
        listed = [bank.get(i) for i in QUIZZES]
        hostile = Quiz.model_validate(HOSTILE)
        studied = [*listed, hostile]
        docs = folder / "docs"
        fills = {
            "distros": render_quiz(bank.get("distros")),
            "backups": render_quiz(bank.get("backups")),
            "disk": render_quiz(bank.get("disk-space")),
            "index": render_index(listed, "quizzes/index.md", answer_key_page="quizzes/key.md"),
            "key": render_answer_key(bank.quizzes, "quizzes/key.md"),
            "hostile": render_quiz(hostile),
            "review": study.render_review("quizzes/review.md"),
            "progress": study.render_progress(studied, "quizzes/progress.md"),
            "exam": study.render_exam(studied, "quizzes/exam.md"),
        }
        for name, text in PAGES.items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_text(text.format(**fills), encoding="utf-8")
        _learn_more_stubs(docs, bank.quizzes)
        (folder / "mkdocs.yml").write_text(CONFIG.format(url=url), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=folder,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        write_exports(bank.quizzes, site / "quizzes" / "exports", site_url=url)
        study.write_bank(studied, site, folder / "cache")
        assets.add(assets.bundled(Path(AS_WRITTEN.assets)), site)
        yield url


def _learn_more_stubs(docs: Path, quizzes: list[Quiz]) -> None:
    """Pages with the headings the questions link to, so links work and --strict passes."""
    anchors: dict[str, set[str]] = {}
    for quiz in quizzes:
        for question in quiz.questions:
            page, _, anchor = question.learn_more.partition("#")
            anchors.setdefault(page, set()).update({anchor} - {""})
    for page, ids in anchors.items():
        headings = "".join(f"\n## Section {i} {{ #{i} }}\n\nText.\n" for i in sorted(ids))
        text = f"# {page}\n{headings}"
        assert ids <= heading_ids(text)
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(text, encoding="utf-8")
