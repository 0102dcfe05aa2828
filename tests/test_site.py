"""The build's site object on a small project: macros from MACROS, finish, shared per build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from studynotes.errors import SourceErrors
from studynotes.features import MACROS
from studynotes.site import Options, Site, live_settings
from tests.support import ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two pages, the real allowlist and one quiz file; no live command."""
    monkeypatch.setenv("STUDYNOTES_CACHE_DIR", str(tmp_path / "cache"))
    docs = tmp_path / "docs"
    (docs / "linux").mkdir(parents=True)
    (docs / "quizzes").mkdir()
    (docs / "includes").mkdir()
    (docs / "includes" / "abbreviations.md").write_text("*[CLI]: command-line interface\n")
    shutil.copy(ROOT / "docs" / "linux" / "distros.md", docs / "linux")  # the quiz links it
    (docs / "index.md").write_text("# Home\n\n[repo]({{ repo_url() }}) {{ glossary_table() }}\n")
    (tmp_path / "data" / "quizzes").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "commands.yml", tmp_path / "data" / "commands.yml")
    shutil.copy(ROOT / "data" / "quizzes" / "distros.yml", tmp_path / "data" / "quizzes")
    (docs / "quizzes" / "distros.md").write_text("# Distros quiz\n\n{{ quiz('distros') }}\n")
    return tmp_path


def _options(project: Path, **changes: object) -> Options:
    return Options(project, project / "docs", repo_url="https://example.org/repo", **changes)


def test_macros_are_exactly_the_checked_list_and_render(project: Path) -> None:
    site = Site(_options(project))
    macros = site.macros(lambda: "quizzes/distros.md")
    assert set(macros) == set(MACROS)
    assert macros["repo_url"]() == "https://example.org/repo"
    assert 'data-quiz="distros"' in macros["quiz"]("distros")
    assert "command-line interface" in macros["glossary_table"]()


def test_a_bad_page_stops_the_site_before_anything_runs(project: Path) -> None:
    (project / "docs" / "index.md").write_text("# D\n\n{{ config }}\n")
    with pytest.raises(SourceErrors, match=r"docs/index.md:3: \{\{ config \}\}"):
        Site(_options(project))


def test_one_report_holds_page_problems_and_unknown_quiz_ids(project: Path) -> None:
    (project / "docs" / "index.md").write_text(
        "# D\n\n{{ quiz('nope') }} [gone](nope.md) [typo](linux/distro.md)\n"
    )
    with pytest.raises(SourceErrors) as caught:
        Site(_options(project))
    found = {e.problem: (e.line, e.fix) for e in caught.value.errors}
    assert found["no quiz with id 'nope'"] == (
        3,
        "Use one of: distros (the quiz files, *.yml)",
    )
    typo = found["the link 'linux/distro.md' leads to no file of the site"]
    assert typo[0] == 3 and typo[1].startswith("Did you mean 'linux/distros.md'?")
    gone = found["the link 'nope.md' leads to no file of the site"]
    assert "Did you mean" not in gone[1]  # nothing near "nope.md": no wild guess
    assert len(found) == 3


def test_shared_is_one_site_until_a_source_changes(project: Path) -> None:
    first = Site.shared(_options(project))
    assert Site.shared(_options(project)) is first  # an engine asking again for each page
    page = project / "docs" / "linux" / "distros.md"
    page.write_text(page.read_text() + "\nMore.\n")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    assert Site.shared(_options(project)) is not first
    assert Site.shared(_options(project, site_url="https://x/")) is not first


def test_finish_writes_the_exports_and_checks_the_site(project: Path) -> None:
    site = Site(_options(project))
    built = project / "site"
    (built / "quizzes" / "distros").mkdir(parents=True)
    (built / "quizzes" / "distros" / "index.html").write_text(
        '<a href="../exports/distros.json">json</a>'
    )
    assert site.finish(built).startswith("Site check: 1 pages, 1 internal links")
    assert (built / "quizzes" / "exports" / "distros.json").is_file()
    (built / "index.html").write_text('<a href="gone/">x</a>')
    with pytest.raises(SourceErrors, match="'gone/' leads to no file"):
        site.finish(built)


def test_live_settings_follow_the_environment(tmp_path: Path) -> None:
    settings = live_settings(tmp_path, {"STUDYNOTES_REQUIRE_LIVE": "1"})
    assert settings.require_live and settings.allowlist == tmp_path / "data" / "commands.yml"
    assert not live_settings(tmp_path, {"STUDYNOTES_REQUIRE_LIVE": "0"}).require_live
