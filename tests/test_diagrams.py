"""Diagrams ship drawn (studynotes/diagrams.py, scripts/render_diagrams.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown import Markdown

from studynotes import diagrams
from tests.support import ROOT

SCRIPT = ROOT / "scripts" / "render_diagrams.py"
# What superfences passes a formatter besides the fence itself.
_KWARGS: dict = {"classes": [], "id_value": "", "attrs": {}}
FENCE = "```mermaid\ngraph LR\n  Alpha --> Beta\n```\n"


def _run(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *options],
        cwd=project,
        capture_output=True,
        text=True,
    )


@pytest.mark.unit
def test_every_diagram_of_the_pages_is_drawn_and_every_drawing_used() -> None:
    result = _run(ROOT, "--check")
    assert result.returncode == 0, (
        result.stdout + "\nRun 'make diagrams' and commit data/diagrams/."
    )
    assert len(list(diagrams.in_pages(ROOT / "docs"))) >= 19


def _project(tmp: Path) -> Path:
    """A page with one diagram (in an admonition) and one drawing no page uses."""
    version = tmp / diagrams.MERMAID_VERSION_FILE
    version.parent.mkdir(parents=True)
    shutil.copy(ROOT / diagrams.MERMAID_VERSION_FILE, version)
    (tmp / "docs" / "notes.md").write_text(
        "# Notes\n\n!!! note\n\n    " + FENCE.replace("\n", "\n    ")
    )
    (tmp / diagrams.STORE).mkdir(parents=True)
    (tmp / diagrams.STORE / "0123456789abcdef.svg").write_text("<svg/>")
    return tmp


@pytest.mark.unit
def test_a_diagram_not_drawn_and_a_drawing_not_used_are_named(tmp_path: Path) -> None:
    result = _run(_project(tmp_path), "--check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/notes.md:5: this diagram is not drawn yet",
        "  fix: run 'make diagrams'",
        "data/diagrams/0123456789abcdef.svg: no page has this diagram any more",
        "  fix: run 'make diagrams'",
    ]


@pytest.mark.browser
def test_make_diagrams_draws_with_the_theme_s_palette_variables(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _run(project)
    assert result.stdout == "1 drawn, 1 removed, 1 diagrams in the pages.\n", result.stderr
    (drawing,) = (project / diagrams.STORE).glob("*.svg")
    svg = drawing.read_text()
    assert svg.startswith(f'<svg id="diagram-{drawing.stem}"') and "Alpha" in svg and "Beta" in svg
    assert "var(--md-mermaid-node-bg-color)" in svg  # Material's theme CSS, both schemes
    assert _run(project, "--check").returncode == 0


@pytest.mark.unit
def test_a_changed_diagram_gets_a_new_key_and_indentation_does_not() -> None:
    source = "graph LR\n  Alpha --> Beta\n"
    assert diagrams.key(source) == diagrams.key("    graph LR\n      Alpha --> Beta  \n\n")
    assert diagrams.key(source) != diagrams.key(source.replace("Beta", "Gamma"))


@pytest.mark.unit
def test_the_fence_ships_the_drawing_or_falls_back_to_mermaid_in_the_browser() -> None:
    drawn = next(diagrams.in_pages(ROOT / "docs"))
    html = diagrams.fence(drawn.source, "mermaid", "mermaid", {}, Markdown())
    assert html.startswith('<div class="mermaid"><template shadowrootmode="open"><svg id="diagram-')
    new = diagrams.fence(
        "graph LR\n  Alpha --> Beta\n", "mermaid", "mermaid", {}, Markdown(), **_KWARGS
    )
    assert new.startswith('<pre class="mermaid"><code>graph LR')
