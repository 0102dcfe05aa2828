"""linkchecker finds no broken internal link or anchor, and does catch one."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import Build, linkcheck, serve


def test_site_has_no_broken_links_or_anchors(site_url: str) -> None:
    result = linkcheck(site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors found" in result.stdout


def test_linkchecker_catches_a_broken_link_and_anchor(site_build: Build, tmp_path: Path) -> None:
    site = Path(shutil.copytree(site_build.site, tmp_path / "site"))
    page = site / "linux" / "distros" / "index.html"
    html = page.read_text()
    html = html.replace(
        "<article",
        '<a href="../gone/">gone</a><a href="../../glossary/#no-such-anchor">anchor</a><article',
        1,
    )
    page.write_text(html)
    with serve(site) as url:
        result = linkcheck(url)
    assert result.returncode != 0
    assert "gone/" in result.stdout and "404" in result.stdout
    assert "no-such-anchor" in result.stdout
