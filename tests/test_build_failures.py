"""Broken input fails the build and the message names the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import Build, build, copy_project, uncredited

pytestmark = pytest.mark.build


def _project_with_page(tmp_path: Path, text: str, in_nav: bool = True) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "linux" / "broken.md").write_text(text)
    uncredited(project, "linux/broken.md")
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
    assert (
        "docs/linux/broken.md:1: this page is not in the navigation ('nav:' of mkdocs.yml)"
        in result.log
    ), result.log
    assert "fix: Add it under its topic there, e.g. '- Title: linux/broken.md'" in result.log


# One page with one of each problem the built-site check exists for; line numbers count
# the front matter.
SITE_CHECK_PAGE = """---
tags:
  - Linux
---

# Broken

A raw image: <img src="missing.png" alt="">

A raw link: <a href="../linux/nope.md">nope</a>

See [the tree](distros.md#no-such-heading).

<div id="twice">one</div>
<div id="twice">two</div>
"""


@pytest.fixture(scope="module")
def site_check_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp_path = tmp_path_factory.mktemp("site-check")
    return build(_project_with_page(tmp_path, SITE_CHECK_PAGE), tmp_path / "site")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (8, "image 'missing.png' leads to no file of the site"),
        (10, "link '../linux/nope.md' leads to no file of the site"),
        (
            12,
            "link '../distros/#no-such-heading': docs/linux/distros.md has no heading "
            "or element with id 'no-such-heading'",
        ),
        (15, "id 'twice' is used twice on this page"),
    ],
    ids=["raw-html-image", "raw-html-link", "fragment-on-another-page", "duplicate-id"],
)
def test_site_check_fails_the_build_at_the_markdown_line(
    site_check_build: Build, line: int, expected: str
) -> None:
    assert site_check_build.returncode != 0
    assert f"docs/linux/broken.md:{line}: {expected}" in site_check_build.log, site_check_build.log
    assert "The site check found 4 problems in 1 file." in site_check_build.log
    assert "Traceback" not in site_check_build.log
