"""Pages include (--8<--) only files of the folders mkdocs.yml's pymdownx.snippets
base_path lists, as the extension itself reads and resolves them."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown import Markdown

from studynotes import includes
from studynotes.page_check import problems
from tests.support import ROOT

pytestmark = pytest.mark.unit

SETTINGS = """\
markdown_extensions:
  - pymdownx.snippets:
      base_path: {bases}
      check_paths: true
      auto_append: [{append}]{extra}
"""


def _project(tmp_path: Path, bases: str = "[docs/includes]", append: str = "", extra: str = ""):
    (tmp_path / "docs" / "includes").mkdir(parents=True)
    (tmp_path / "docs" / "includes" / "terms.md").write_text("*[CPU]: Central Processing Unit\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote]\n  url = https://token@example.com\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(SETTINGS.format(bases=bases, append=append, extra=extra))
    return config


def _refused(tmp_path: Path, page: str) -> list[tuple[int | None, str]]:
    allowed, errors = includes.from_config(_project(tmp_path))
    assert allowed is not None and errors == []
    return [(e.line, e.problem) for e in allowed.problems(page.split("\n"), "docs/page.md")]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('--8<-- "mkdocs.yml"', "no file 'mkdocs.yml' in docs/includes/"),
        ('--8<-- ".git/config"', "no file '.git/config' in docs/includes/"),
        ('--8<-- "../../mkdocs.yml"', "'../../mkdocs.yml' is outside docs/includes/"),
        ('--8<-- "/etc/passwd"', "'/etc/passwd' is outside docs/includes/"),
        ("-8<- '/proc/self/environ:1:3'", "'/proc/self/environ' is outside docs/includes/"),
        ('--8<-- "https://example.com/x.md"', "'https://example.com/x.md' is a web address"),
        ('    --8<-- "mkdocs.yml"', "no file 'mkdocs.yml' in docs/includes/"),
        ('--8<-- "docs/includes/terms.md"', "no file 'docs/includes/terms.md'"),
    ],
    ids=["config", "git", "parent", "absolute", "lines", "url", "indented", "from-root"],
)
def test_an_include_outside_the_folders_is_refused_at_its_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    ((number, refused),) = _refused(tmp_path, f"# Page\n\nText.\n{line}\n")
    assert number == 4 and refused.startswith(f"include refused: {problem}"), refused


def test_the_fix_names_the_file_by_its_path_in_the_folder(tmp_path: Path) -> None:
    allowed, _ = includes.from_config(_project(tmp_path))
    assert allowed is not None
    (error,) = allowed.problems(['--8<-- "docs/includes/terms.md"'], "docs/page.md")
    assert error.fix.startswith("Write 'terms.md'; to show a '--8<--' line as it is")


def test_allowed_includes_escaped_lines_and_code_pass(tmp_path: Path) -> None:
    page = '# P\n\n--8<-- "terms.md"\n\n;--8<-- "mkdocs.yml"\n\n```text\n;--8<--\n```\n'
    assert _refused(tmp_path, page) == []


def test_a_block_of_names_reads_every_line_as_a_file(tmp_path: Path) -> None:
    """A '--8<--' line alone in running text opens a block: what follows are file names."""
    page = "# P\n\n--8<--\nterms.md\nrequirements.in\n--8<--\n\nText\n--8<--\nmore text\n"
    found = _refused(tmp_path, page)
    assert found[0] == (
        5,
        "include refused: no file 'requirements.in' in docs/includes/ (this line is read as "
        "a file name: the '--8<--' line 3 opens a list of files to include)",
    )
    assert found[1][0] == 10 and "'more text'" in found[1][1]
    assert found[2][0] == 9 and "never closed" in found[2][1]


def test_code_blocks_are_no_exception(tmp_path: Path) -> None:
    """The extension includes inside fences too, so the check reads them."""
    assert _refused(tmp_path, '```yaml\n--8<-- "mkdocs.yml"\n```\n')[0][0] == 2


def test_an_included_file_may_not_reach_out_either(tmp_path: Path) -> None:
    allowed, _ = includes.from_config(_project(tmp_path))
    assert allowed is not None
    terms = tmp_path / "docs" / "includes" / "terms.md"
    terms.write_text('Intro\n--8<-- "../../mkdocs.yml"\n')
    (error,) = allowed.problems(['--8<-- "terms.md"'], "docs/page.md")
    assert (Path(error.path), error.line) == (terms, 2)


def test_a_linked_file_in_the_folder_is_refused(tmp_path: Path) -> None:
    allowed, _ = includes.from_config(_project(tmp_path))
    assert allowed is not None
    (tmp_path / "docs" / "includes" / "env.md").symlink_to("/proc/self/environ")
    (error,) = allowed.problems(['--8<-- "env.md"'], "docs/page.md")
    assert "leads out of docs/includes/ (through a symbolic link)" in error.problem


def test_a_section_marker_in_a_page_is_reported(tmp_path: Path) -> None:
    found = _refused(tmp_path, "# P\n\nSee --8<-- [start:demo] here\n")
    assert found == [(3, found[0][1])] and "the renderer removes this line" in found[0][1]


@pytest.mark.parametrize(
    ("bases", "extra", "problem"),
    [
        ("[.]", "", "base_path '.' lets pages include files from all of the project"),
        ("[docs/includes, ../..]", "", "base_path '../..' lets pages include files from outside"),
        ("[docs/includes]", "\n      url_download: true", "url_download: true lets a page"),
        ("[docs/includes]", "\n      restrict_base_path: false", "restrict_base_path: false"),
    ],
    ids=["root", "outside", "url-download", "unrestricted"],
)
def test_settings_that_open_the_project_are_refused_at_their_line(
    tmp_path: Path, bases: str, extra: str, problem: str
) -> None:
    config = _project(tmp_path, bases=bases, extra=extra)
    _, errors = includes.from_config(config)
    assert len(errors) == 1 and problem in errors[0].problem
    assert errors[0].path.endswith("mkdocs.yml")
    assert errors[0].line == (3 if problem.startswith("base_path") else 6)


def test_auto_append_is_checked_at_its_line(tmp_path: Path) -> None:
    _, errors = includes.from_config(_project(tmp_path, append="terms.md, ../../mkdocs.yml"))
    assert [(e.line, e.problem[:40]) for e in errors] == [
        (5, "include refused: '../../mkdocs.yml' is o")
    ]


def test_escaped_text_renders_as_written_and_includes_nothing(tmp_path: Path) -> None:
    """Macro output (quiz text, command output) goes through the extension: escaped, each
    line reads as it was written, through the real pymdownx.snippets."""
    allowed, _ = includes.from_config(_project(tmp_path))
    assert allowed is not None
    text = '--8<-- "terms.md"\n;--8<-- "x"\n--8<--\nterms.md\n--8<--\nA --8<-- [start:s] B'
    markdown = Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path / "docs/includes")]}},
    )
    processed = markdown.preprocessors["snippet"].run(allowed.escape(text).split("\n"))
    assert processed == text.split("\n")


def test_the_site_s_own_pages_and_settings_pass() -> None:
    allowed, errors = includes.from_config(ROOT / "mkdocs.yml")
    assert allowed is not None and errors == []
    assert allowed.folders() == "docs/includes/ or data/docker/"
    page = ROOT / "docs" / "containers" / "dockerfiles.md"
    docs = ROOT / "docs"
    assert problems(page.read_text(), page, "docs/containers/dockerfiles.md", docs, allowed) == []
    assert allowed.resolve("hello/Dockerfile") == ROOT / "data" / "docker" / "hello" / "Dockerfile"


def test_a_binary_or_huge_included_file_is_refused(tmp_path: Path) -> None:
    allowed, _ = includes.from_config(_project(tmp_path))
    assert allowed is not None
    folder = tmp_path / "docs" / "includes"
    (folder / "photo.md").write_bytes(b"\xff\xd8\xff\xe0 not text")
    with (folder / "dump.md").open("wb") as file:
        file.truncate(2 * includes.MAX_BYTES)
    found = allowed.problems(['--8<-- "photo.md"', '--8<-- "dump.md"'], "docs/page.md")
    assert [(e.line, e.problem) for e in found] == [
        (1, "include refused: 'photo.md' is not UTF-8 text"),
        (
            2,
            "include refused: 'dump.md' is 2,000,000 bytes, more than the 1,000,000 an include "
            "may be",
        ),
    ]


def test_a_section_the_file_does_not_mark_is_refused(tmp_path: Path) -> None:
    """The build's extension raises on it (check_paths): a traceback before this check."""
    allowed, _ = includes.from_config(_project(tmp_path))
    assert allowed is not None
    terms = tmp_path / "docs" / "includes" / "terms.md"
    terms.write_text("--8<-- [start:cpu]\n*[CPU]: Central Processing Unit\n--8<-- [end:cpu]\n")
    found = allowed.problems(['--8<-- "terms.md:cpu"', '--8<-- "terms.md:gpu"'], "docs/page.md")
    assert [(e.line, e.problem) for e in found] == [
        (2, "include refused: 'terms.md' marks no section 'gpu'")
    ]
