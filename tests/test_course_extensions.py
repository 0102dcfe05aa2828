"""A course extends the generator from its own repository, with no change to the library:
its own macro and snippet language, on every engine (issue 23)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from studynotes import scaffold
from studynotes.engines import ENGINES

OWN = '''
"""This course's own extension: a macro and a snippet language."""

import json

from studynotes.extension import (
    Extension, Macro, MacroDef, SnippetKind, SnippetLanguage, snippet_failure,
)


def _shout(site):
    return lambda text: f"<strong class=\\"shout\\">{text.upper()}</strong> ({site.current_page()})"


def _json(context):
    def check(snippet, files):
        try:
            json.loads(snippet.block.source)
        except ValueError as error:
            return snippet_failure(snippet, f"not JSON: {error}", fix="Write valid JSON")
        return None

    return check


extension = Extension(
    macros={"shout": MacroDef(Macro(("text",), 1, "the text, loud"), _shout)},
    snippet_languages=[
        SnippetLanguage(
            family="json",
            names=("json",),
            kinds={"parse": SnippetKind('json check="parse"', "parses it as JSON")},
            make=_json,
        )
    ],
)
'''
PAGE = """# JSON

{{ shout("hello") }}

```json check="parse"
{"ok": true}
```

```json check="parse"
{"ok": tru}
```
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    site = tmp_path / "course"
    scaffold.write(site)
    (site / "macros" / "own.py").write_text(OWN)
    config = site / "mkdocs.yml"
    text = config.read_text().replace("    extensions: []", "    extensions: [macros.own]")
    config.write_text(
        text.replace(
            "      - First steps: notes/first-steps.md\n",
            "      - First steps: notes/first-steps.md\n      - JSON: notes/json.md\n",
        )
    )
    (site / "docs" / "notes" / "json.md").write_text(PAGE)
    return site


def _studynotes(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studynotes", *args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_course_language_is_checked_like_the_generators_own(course: Path) -> None:
    done = _studynotes(course, "snippets", "docs/notes/json.md")
    report = done.stdout + done.stderr
    assert done.returncode == 1, report
    assert "docs/notes/json.md:9: not JSON: Expecting value" in report
    assert "fix: Write valid JSON" in report
    assert re.search(r"json\s+checked\s+2", report), report
    assert "The snippet check found 1 problem in 1 file." in report


def test_an_unmarked_block_of_a_course_language_must_be_marked(course: Path) -> None:
    page = course / "docs" / "notes" / "json.md"
    page.write_text(page.read_text().replace('```json check="parse"\n{"ok": tru}', "```json\n{}"))
    done = _studynotes(course, "snippets", "docs/notes/json.md")
    assert "docs/notes/json.md:9: this json block is neither runnable nor illustrative" in (
        done.stdout + done.stderr
    )


@pytest.mark.build
@pytest.mark.parametrize("engine", list(ENGINES))
def test_a_course_macro_and_marks_build_on_every_engine(course: Path, engine: str) -> None:
    done = _studynotes(course, "build", "--strict", "--engine", engine)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (course / "site" / "notes" / "json" / "index.html").read_text()
    assert '<strong class="shout">HELLO</strong> (notes/json.md)' in page
    assert 'check="parse"' not in page  # the marks never reach the reader
