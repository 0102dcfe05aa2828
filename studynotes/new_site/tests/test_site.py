"""The site builds strict on every engine installed, with live output, quizzes and exports."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studynotes.engines import ENGINES as KNOWN

ROOT = Path(__file__).resolve().parents[1]
ENGINES = [name for name, e in KNOWN.items() if importlib.util.find_spec(e.module)]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_site_builds_strict(engine: str, tmp_path: Path) -> None:
    project = tmp_path / "site-project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".cache"))
    command = [sys.executable, "-m", "studynotes", "build", "--strict", "--engine", engine]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    built = project / "site"
    notes = (built / "notes" / "first-steps" / "index.html").read_text(encoding="utf-8")
    assert "Python 3." in notes  # the live output of python3 --version
    assert (
        'data-quiz="first-steps"' in (built / "quizzes" / "first-steps" / "index.html").read_text()
    )
    for export in ("first-steps.json", "first-steps.apkg", "first-steps.qti.zip", "study.json"):
        assert (built / "quizzes" / "exports" / export).is_file()
