"""CONTRIBUTING.md stays true: its worked example against the real checkers, its commands."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest

from studynotes import cli, credit, markdown_code, nav, page_check
from studynotes.snippets.fences import blocks
from studynotes.snippets.marks import read_snippets
from tests.support import ROOT

pytestmark = pytest.mark.unit

GUIDE = ROOT / "CONTRIBUTING.md"
PAGE = "docs/big-data/kafka-on-docker.md"


def _example(marker: str) -> str:
    """The fenced block right under ``<!-- worked example: MARKER -->``."""
    lines = GUIDE.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"<!-- worked example: {marker} -->") + 1
    fence = next(f for f in markdown_code.fences(lines) if f.start == start)
    return fence.body(lines)


def _report(tmp_path: Path, text: str, nav_entry: str) -> tuple[list[str], list[str]]:
    """(the build's problem lines, the snippet checker's) for the page ``text``."""
    path = tmp_path / PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "assets" / "images").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "assets" / "images" / "kafka-architecture.svg").write_text("<svg/>")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"nav:\n  - Home: index.md\n{nav_entry}")
    docs = tmp_path / "docs"
    _, template = page_check.read_calls(text, PAGE)
    build = nav.unlisted(config, [PAGE]) + template
    build += page_check.problems(text, path, PAGE, docs) + credit.problems([(PAGE, text)], [])
    found, unreadable = blocks(path, tmp_path)
    marked, malformed = read_snippets(found)
    malformed += unreadable
    snippets = page_check.code_problems_of(path, PAGE) + malformed
    assert all(s.kind == "illustrative" for s in marked)  # nothing here runs
    shown = sorted(build, key=lambda e: e.line or 0), sorted(snippets, key=lambda e: e.line or 0)
    return [e.report() for e in shown[0]], [e.report() for e in shown[1]]


def test_the_worked_example_prints_what_the_guide_shows(tmp_path: Path) -> None:
    build, snippets = _report(tmp_path, _example("pasted"), "")
    report = _example("report")
    build_part, snippet_part = report.split("== The snippets\n")
    assert _problem_lines(build_part) == "\n".join(build).split("\n")
    assert _problem_lines(snippet_part) == "\n".join(snippets).split("\n")
    assert f"The page check found {len(build)} problems in 1 file." in build_part
    assert f"The snippet check found {len(snippets)} problems in 1 file." in snippet_part


def test_the_fixed_example_passes(tmp_path: Path) -> None:
    entry = "  - Big data:\n      - Kafka on Docker: big-data/kafka-on-docker.md\n"
    assert _report(tmp_path, _example("fixed"), entry) == ([], [])


def _problem_lines(report: str) -> list[str]:
    """A report's problem and fix lines, without MkDocs' log prefix."""
    lines = [re.sub(r"^ERROR\s+-\s+", "", line) for line in report.split("\n")]
    return [line for line in lines if line.startswith(("docs/", "  fix: "))]


# -- every command the guides give exists ------------------------------------------------
def _commands() -> list[tuple[str, list[str]]]:
    found = []
    for guide in (ROOT / "README.md", GUIDE):
        lines = guide.read_text(encoding="utf-8").split("\n")
        for fence in markdown_code.fences(lines):
            if fence.language == "bash":
                for line in fence.body(lines).splitlines():
                    words = shlex.split(line, comments=True)
                    if words:
                        found.append((guide.name, words))
    return found


TARGETS = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.MULTILINE))


COMMANDS = _commands()


@pytest.mark.parametrize(
    ("guide", "words"), COMMANDS, ids=[f"{g}: {' '.join(w)[:50]}" for g, w in COMMANDS]
)
def test_every_command_in_the_guides_exists(guide: str, words: list[str]) -> None:
    if words[0] == "make":
        assert words[1] in TARGETS, f"{guide}: no make target {words[1]!r}"
    elif words[0] in ("studynotes", ".venv/bin/studynotes"):
        assert words[1] in cli.commands(), f"{guide}: no command 'studynotes {words[1]}'"
    elif words[0] == "pip":  # the README's start for another course (tests/test_generator.py)
        assert words[1:3] == ["install", "studynotes[properdocs,zensical]"], words
    elif words[0] == "cd":
        assert (guide, words) in [("README.md", ["cd", "course"])], "only into a new site"
    elif "-m" in words:
        module = words[words.index("-m") + 1]
        assert importlib.util.find_spec(module), f"{guide}: no module {module!r}"
    else:
        assert (ROOT / words[0]).exists(), f"{guide}: no {words[0]!r}"
    for word in words:
        path = word.partition("=")[2] or word
        if path.startswith("docs/"):
            assert (ROOT / path).exists(), f"{guide}: no {path!r}"


def test_the_reading_rules_state_the_limits_the_code_applies() -> None:
    from studynotes import yamlfile

    guide = GUIDE.read_text(encoding="utf-8")
    assert f"nested more than {yamlfile.MAX_DEPTH} levels" in guide
    assert f"over {yamlfile.MAX_BYTES // 1_000_000} MB" in guide
    assert f"up to {yamlfile.MAX_EXPANDED:,} values once expanded" in guide
    folders = "`docs/includes/` and `data/docker/`"
    assert f"include folders, {folders} (`base_path` in" in guide.replace("\n  ", " ")


def test_the_snippet_table_is_the_checkers_own() -> None:
    """CONTRIBUTING's table of marks is made from the language registry: a language or a
    check added there must be documented here (paste ``contributing_table()``)."""
    from studynotes.snippets.languages import contributing_table

    assert contributing_table() in GUIDE.read_text(encoding="utf-8")


def test_the_importing_table_is_the_checks_own() -> None:
    """The "Importing notes" table is written from the rules the checks use: a construct
    added there must be documented here (paste ``foreign_syntax.table()``)."""
    from studynotes.foreign_syntax import table

    assert table() in GUIDE.read_text(encoding="utf-8")
