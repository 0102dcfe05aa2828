"""The Nu HTML Checker (vnu) over the built site: no error in the project's markup.

Material's own markup has three kinds of error that the project does not write and
cannot change without copying the theme's base templates; they are listed here, each
matched by what it says and the element it is on, so that nothing else can hide
behind them.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.support import Build, tool

pytestmark = pytest.mark.build

THEME_ERRORS = [
    # <input type="checkbox" autocomplete="off"> of the drawer, search and palette toggles
    ("Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox"'),
    # tabindex="" on the navigation's section labels
    ("Bad value “” for attribute “tabindex” on element “label”", 'tabindex=""'),
    # the table of contents' title, a label for a hidden checkbox
    ("The value of the “for” attribute of the “label” element must be the ID", 'for="__toc"'),
]


def _vnu() -> list[str]:
    if not shutil.which("java"):
        pytest.fail("No Java here: `make test` installs it (scripts/system-deps.sh)")
    return ["java", "-jar", str(tool("VNU"))]


def _theirs(message: dict[str, str]) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(text.startswith(what) and where in extract for what, where in THEME_ERRORS)


def test_the_project_s_markup_is_valid_html(site_build: Build) -> None:
    done = subprocess.run(
        [*_vnu(), "--skip-non-html", "--errors-only", "--format", "json", str(site_build.site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [m for m in json.loads(done.stderr)["messages"] if m.get("type") == "error"]
    ours = [
        f"{m['url'].rsplit(site_build.site.name + '/', 1)[-1]}:{m.get('lastLine')}: "
        f"{m['message']} | {m.get('extract', '').strip()[:120]}"
        for m in errors
        if not _theirs(m)
    ]
    assert ours == []
    # The list stays as short as the theme's errors: drop an entry that no longer occurs.
    for what, _ in THEME_ERRORS:
        assert any(_theirs(m) and m["message"].startswith(what) for m in errors), what
