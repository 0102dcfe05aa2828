"""`make check PAGE=...`: the strict build and the snippet checks of a page, in one report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import copy_project
from tests.test_page_check import PASTED

pytestmark = pytest.mark.build


def _check(project: Path, *pages: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studynotes.check", *pages, "--root", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_pasted_page_gets_the_build_and_the_snippet_reports(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "linux" / "pasted.md").write_text(PASTED)
    done = _check(project, "docs/linux/pasted.md")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "The page check found 11 problems in 1 file." in out  # the build's
    assert "docs/linux/pasted.md:14: an indented code block" in out  # the snippets'
    assert "The snippet check found 2 problems in 1 file." in out
    assert done.stdout.rstrip().endswith("Fix what the build and snippets reported above.")
    assert "Traceback" not in out


def test_the_second_check_rebuilds_only_what_changed_and_stays_strict(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "linux" / "distros.md"
    assert _check(project, "docs/linux/distros.md").returncode == 0
    page.write_text(page.read_text() + "\nA new closing line.\n")
    quizzes = project / "data" / "quizzes" / "distros.yml"  # shown by an unchanged page
    quizzes.write_text(quizzes.read_text().replace("small server room", "tiny server room", 1))
    again = _check(project, "docs/linux/distros.md")
    assert again.returncode == 0, again.stdout + again.stderr
    site = project / ".cache" / "check-site"
    assert "A new closing line." in (site / "linux" / "distros" / "index.html").read_text()
    assert "tiny server room" in (site / "quizzes" / "distros" / "index.html").read_text()
    assert "All checks passed." in again.stdout
    page.write_text(page.read_text() + "\n[gone](no-such-page.md)\n")
    broken = _check(project, "docs/linux/distros.md")
    assert broken.returncode == 1 and "no-such-page.md" in broken.stdout + broken.stderr
