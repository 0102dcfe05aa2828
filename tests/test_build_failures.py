"""Broken input fails the build and the message names the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import build, copy_project


def _project_with_page(tmp_path: Path, text: str, in_nav: bool = True) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "linux" / "broken.md").write_text(text)
    if in_nav:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text().replace(
                "      - Choosing a distro: linux/distros.md",
                "      - Choosing a distro: linux/distros.md\n      - Broken: linux/broken.md",
            )
        )
    return project


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Broken\n\nSee [the missing page](no-such-page.md).\n", "no-such-page.md"),
        ("# Broken\n\nSee [the tree](distros.md#no-such-heading).\n", "#no-such-heading"),
    ],
    ids=["missing-page", "missing-anchor"],
)
def test_broken_link_fails_the_build_naming_the_page(
    tmp_path: Path, text: str, expected: str
) -> None:
    result = build(_project_with_page(tmp_path, text), tmp_path / "site")
    assert result.returncode != 0
    failing = [w for w in result.warnings if "linux/broken.md" in w]
    assert failing and expected in failing[0], result.log
    assert "Aborted" in result.log


def test_page_missing_from_nav_fails_the_build(tmp_path: Path) -> None:
    project = _project_with_page(tmp_path, "# Orphan\n", in_nav=False)
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    message = result.log[result.log.index('not included in the "nav"') :]
    assert "- linux/broken.md" in message, result.log
