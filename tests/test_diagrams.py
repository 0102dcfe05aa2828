"""Diagrams ship drawn (studynotes/diagrams.py, scripts/render_diagrams.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markdown import Markdown

from studynotes import diagrams, markdown_code, page_check
from tests.support import ROOT

SCRIPT = ROOT / "scripts" / "render_diagrams.py"


# What superfences passes a formatter besides the fence itself.
def _kwargs() -> dict:
    return {"classes": [], "id_value": "", "attrs": {}}  # fresh: the formatter adds to them


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
        "data/diagrams/0123456789abcdef.svg: no page has this diagram any more",
        "  fix: Run 'make diagrams' and commit data/diagrams/",
        "",
        "docs/notes.md:5: this diagram is not drawn yet",
        "  fix: Run 'make diagrams' and commit data/diagrams/",
        "The diagram check found 2 problems in 2 files.",
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
        "graph LR\n  Alpha --> Beta\n", "mermaid", "mermaid", {}, Markdown(), **_kwargs()
    )
    assert new.startswith('<pre class="mermaid"><code>graph LR')


@pytest.mark.unit
def test_every_stored_drawing_is_what_mermaid_writes_and_a_tampered_one_is_not() -> None:
    for drawing in sorted((ROOT / diagrams.STORE).glob("*.svg")):
        assert diagrams.unsafe(drawing.read_text()) == [], drawing
    tampered = {
        "<svg><script>alert(1)</script></svg>": "a <script> element",
        '<svg onload="alert(1)"></svg>': "an event handler (onload=) on <svg>",
        "<svg><foreignObject><img src=x></foreignObject></svg>": "a <img> element",
        '<svg><a href="javascript:alert(1)"></a></svg>': "a link out of the drawing",
        "<svg></template><b>after</b></svg>": "a </template> end tag",
        "<svg><style>&#64;import 'x.css';</style></svg>": "a style sheet that reaches outside",
        "<svg><style>a{b:u\\72l(http://x)}</style></svg>": "a style sheet that reaches outside",
        '<svg style="background:url(http://x)"></svg>': "a style that reaches outside",
    }
    for svg, problem in tampered.items():
        assert any(found.startswith(problem) for found in diagrams.unsafe(svg)), svg


@pytest.mark.unit
def test_a_tampered_drawing_is_never_shipped_and_the_page_check_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    source = "graph LR\n  Alpha --> Beta\n"
    diagrams.stored(source).write_text("<svg><script>alert(1)</script></svg>")
    html = diagrams.fence(source, "mermaid", "mermaid", {}, Markdown(), **_kwargs())
    assert html.startswith('<pre class="mermaid">') and "alert" not in html
    lines = (project / "docs" / "notes.md").read_text().splitlines()
    (error,) = diagrams.problems(lines, markdown_code.read(lines), "docs/notes.md")
    assert str(error).startswith("docs/notes.md:5: the drawing of this diagram, data/diagrams/")
    assert "holds a <script> element, which Mermaid never writes" in str(error)


@pytest.mark.unit
def test_a_drawing_tampered_after_a_check_of_the_same_page_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page check keeps what a page's text alone shows, by its text, for the next
    save and build; a stored drawing is another file, read each time."""
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    source = "graph LR\n  Alpha --> Beta\n"
    diagrams.stored(source).write_text("<svg></svg>")
    page = project / "docs" / "notes.md"
    assert page_check.problems(page.read_text(), page, "docs/notes.md", project / "docs") == []
    diagrams.stored(source).write_text("<svg><script>alert(1)</script></svg>")
    for next_build in (False, True):  # a save in `make serve`, then another process
        if next_build:
            page_check._text_problems.cache_clear()
        found = page_check.problems(page.read_text(), page, "docs/notes.md", project / "docs")
        assert [e.line for e in found] == [5] and "<script>" in found[0].problem


@pytest.mark.unit
def test_make_check_names_a_diagram_not_drawn_with_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`studynotes check` (make check) says what the tests would fail on later."""
    from studynotes.check import _undrawn

    project = _project(tmp_path)
    assert _undrawn(project) == 1
    out = capsys.readouterr().out
    assert f"{project / 'docs' / 'notes.md'}:5: this diagram is not drawn yet" in out
    assert "  fix: Run 'make diagrams' and commit data/diagrams/" in out
    source = diagrams.normalized(FENCE.split("\n", 1)[1].rsplit("```", 1)[0])
    (project / diagrams.STORE / f"{diagrams.key(source, project)}.svg").write_text("<svg/>")
    assert _undrawn(project) == 0
    assert diagrams.undrawn(tmp_path / "elsewhere", project / "docs") == []  # no Mermaid copy
