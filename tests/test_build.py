"""The real site builds in strict mode, in and outside git, with every nav page present."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import ROOT, Build, build, built_page, copy_project, nav_pages


def test_strict_build_has_no_warnings(site_build: Build) -> None:
    assert site_build.warnings == []


def test_the_build_ends_with_the_site_check_of_every_page(site_build: Build) -> None:
    summary = re.search(
        r"Site check: (\d+) pages, (\d+) internal links.*, no problems", site_build.log
    )
    assert summary, site_build.log
    assert int(summary[1]) == sum(1 for _ in site_build.site.rglob("*.html"))
    assert int(summary[2]) > 1000  # navigation alone links every page from every page


def test_every_nav_entry_exists_and_is_built(site_build: Build) -> None:
    nav = nav_pages()
    assert "linux/distros.md" in nav
    for src in nav:
        assert (ROOT / "docs" / src).is_file(), f"nav entry {src} has no file"
        html = built_page(site_build.site, src)
        assert html.is_file(), f"{src} was not built to {html}"


def test_site_has_404_sitemap_and_search_index(site_build: Build) -> None:
    assert (site_build.site / "404.html").is_file()
    assert (site_build.site / "sitemap.xml").is_file()
    index = json.loads((site_build.site / "search" / "search_index.json").read_text())
    assert any(doc["location"].startswith("linux/distros/") for doc in index["docs"])


def test_pages_link_to_their_source(site_build: Build) -> None:
    soup = BeautifulSoup((site_build.site / "linux/distros/index.html").read_text(), "html.parser")
    edit = soup.select_one('a[title="Edit this page"]')
    assert edit is not None and edit["href"].endswith("/edit/main/docs/linux/distros.md")
    assert soup.select_one('a[title="View source of this page"]') is not None


def test_glossary_is_appended_to_every_page(site_build: Build) -> None:
    soup = BeautifulSoup((site_build.site / "linux/distros/index.html").read_text(), "html.parser")
    titles = {abbr.get_text(): abbr["title"] for abbr in soup.select("article abbr")}
    assert titles.get("RHEL") == "Red Hat Enterprise Linux"
    glossary = (site_build.site / "glossary/index.html").read_text()
    assert "Amazon Machine Image" in glossary


def test_mermaid_diagram_ships_as_its_drawing(site_build: Build) -> None:
    soup = BeautifulSoup((site_build.site / "linux/distros/index.html").read_text(), "html.parser")
    template = soup.select_one("div.mermaid > template[shadowrootmode=open]")
    assert template is not None and template.find("svg") is not None
    assert "Raspberry Pi OS" in template.get_text()
    assert soup.select_one("pre.mermaid") is None
    assert not [s for s in soup.select("script[src]") if "mermaid" in str(s["src"])]


def _last_updated(site: Path) -> str:
    soup = BeautifulSoup((site / "linux/distros/index.html").read_text(), "html.parser")
    stamp = soup.select_one(".git-revision-date-localized-plugin-date")
    assert stamp is not None, "no last-updated date on the page"
    return stamp.get_text(strip=True)


@pytest.mark.build
def test_builds_outside_git_with_build_date(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert _last_updated(result.site)


@pytest.mark.build
def test_builds_in_a_shallow_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", ROOT.as_uri(), str(clone)], check=True
    )
    result = build(clone, tmp_path / "site")
    assert result.returncode == 0, result.log
    assert _last_updated(result.site)
