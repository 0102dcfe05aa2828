"""The `studynotes` command: its commands, their help, and errors without tracebacks."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from studynotes import cli, scaffold
from studynotes.engines import ENGINES
from tests.support import ROOT

COMMANDS = ("new", "build", "serve", "check", "snippets", "quiz")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    for command in COMMANDS:
        assert f"    {command} " in shown


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    assert done.value.code == 0
    assert f"usage: studynotes {command}" in capsys.readouterr().out


def test_no_command_shows_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "usage: studynotes" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["build", "serve", "check", "snippets", "quiz"])
def test_a_folder_without_a_site_is_told_what_to_do(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main([command]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"studynotes {command}: no mkdocs.yml here ({tmp_path})")
    assert "'studynotes new DIR'" in error


def test_new_refuses_a_folder_that_is_not_empty_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "mine.md").write_text("keep me")
    assert cli.main(["new", str(target)]) == 2
    assert "is not empty: give a new folder, or add --force" in capsys.readouterr().err
    assert sorted(p.name for p in target.iterdir()) == ["mine.md"]  # nothing written
    assert cli.main(["new", str(target), "--force", "--name", "Networks 101"]) == 0
    assert (target / "mine.md").read_text() == "keep me"
    assert "site_name: Networks 101" in (target / "mkdocs.yml").read_text()


def test_new_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "f").write_text("")
    assert cli.main(["new", str(tmp_path / "f")]) == 2
    assert "is a file: give a folder for the new site" in capsys.readouterr().err


def test_new_writes_dotfiles_and_the_name(tmp_path: Path) -> None:
    written = scaffold.write(tmp_path / "big-data_course")
    names = {p.relative_to(tmp_path / "big-data_course").as_posix() for p in written}
    assert {".gitignore", ".github/workflows/ci.yml", ".github/workflows/pages.yml"} <= names
    assert not [name for name in names if "dot-" in name or "__pycache__" in name]
    assert "# Big Data Course notes" in (tmp_path / "big-data_course" / "README.md").read_text()


def test_a_missing_engine_names_the_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scaffold.write(tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a)
    )
    assert cli.main(["build", "--engine", "zensical"]) == 2
    assert capsys.readouterr().err == (
        "studynotes build: zensical is not installed: pip install 'studynotes[zensical]'\n"
    )


def test_an_unknown_engine_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["build", "--engine", "hugo"])
    assert done.value.code == 2
    assert "invalid choice: 'hugo'" in capsys.readouterr().err


def test_the_terminal_quiz_lists_the_extensions_quizzes_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert cli.main(["quiz"]) == 0
    listed = capsys.readouterr().out
    assert "distros" in listed and "disk-space" in listed  # disk-space: macros/course.py


BUILDS = {
    engine: ["-m", "studynotes", "build", "--strict", "--engine", engine] for engine in ENGINES
} | {"plain zensical": ["-m", "zensical", "build", "--strict"]}  # no check before it starts


@pytest.mark.build
@pytest.mark.parametrize("engine", BUILDS)
def test_a_refused_page_is_reported_without_a_traceback(engine: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    scaffold.write(site)
    page = site / "docs" / "notes" / "first-steps.md"
    text = page.read_text() + "\n{{ config }}\n\n{{ run('rm -rf /') }}\n"
    page.write_text(text)
    config = text.count("\n") - 2  # the line of {{ config }}
    done = subprocess.run(
        [sys.executable, *BUILDS[engine]],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert f"docs/notes/first-steps.md:{config}: {{{{ config }}}} is not a macro call" in output
    assert f"docs/notes/first-steps.md:{config + 2}: command 'rm -rf /' refused" in output
    assert "Traceback" not in output
    assert not list((site / "site").rglob("*.html"))
