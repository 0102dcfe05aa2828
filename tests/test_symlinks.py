"""No symbolic link where the build reads: each is named with its target, none followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from studynotes import symlinks
from tests.support import ROOT

pytestmark = pytest.mark.unit


def test_every_link_is_named_with_its_target_and_none_is_followed(tmp_path: Path) -> None:
    docs, data = tmp_path / "docs", tmp_path / "data"
    (docs / "assets").mkdir(parents=True)
    data.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "deeper.md").symlink_to("/etc/passwd")  # beyond a linked folder
    (docs / "assets" / "env.txt").symlink_to("/proc/self/environ")
    (docs / "config.yml").symlink_to("../mkdocs.yml")  # inside the project, still refused
    (docs / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    (data / "gone.json").symlink_to("/nonexistent")  # dangling
    (docs / "page.md").write_text("# A page\n")
    found = {
        Path(e.path).relative_to(tmp_path).as_posix(): e.problem
        for e in symlinks.problems([docs, data])
    }
    assert set(found) == {"docs/assets/env.txt", "docs/config.yml", "docs/linked", "data/gone.json"}
    assert found["docs/assets/env.txt"].startswith("a symbolic link to '/proc/self/environ'")
    assert "'../mkdocs.yml'" in found["docs/config.yml"]


def test_a_linked_folder_itself_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "docs").symlink_to(tmp_path / "real", target_is_directory=True)
    (error,) = symlinks.problems([tmp_path / "docs"])
    assert error.path.endswith("docs") and "Replace the link with a copy" in error.fix


def test_the_repository_has_none() -> None:
    assert symlinks.problems([ROOT / "docs", ROOT / "data", ROOT / "overrides"]) == []


def test_a_link_where_the_build_writes_is_refused(tmp_path: Path) -> None:
    """Every engine empties the site folder first: 'site -> /' would wipe the machine."""
    (tmp_path / "site").symlink_to("/", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / ".cache").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    found = symlinks.written(
        tmp_path, [tmp_path / "site", tmp_path / ".cache" / "live-output", Path("/tmp/out")]
    )
    assert [Path(e.path).name for e in found] == ["site", ".cache"]
    assert "the build would write into (and first empty) whatever it points to" in found[0].problem


def test_the_snippet_checker_reads_no_page_through_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from studynotes.snippets.__main__ import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "zero.md").symlink_to("/dev/zero")  # would never finish reading
    assert main(["--root", str(tmp_path)]) == 1
    assert "docs/zero.md: a symbolic link to '/dev/zero'" in capsys.readouterr().err
