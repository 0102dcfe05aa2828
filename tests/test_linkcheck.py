"""linkchecker finds no broken internal link or anchor, and does catch one."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import Build, linkcheck, serve


def test_site_has_no_broken_links_or_anchors(site_build: Build, site_url: str) -> None:
    result = linkcheck(site_url, site_build.site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("0 errors found") == 2  # the crawl and the anchor pass


def test_linkchecker_catches_a_broken_link_and_anchor(site_build: Build, tmp_path: Path) -> None:
    site = Path(shutil.copytree(site_build.site, tmp_path / "site"))
    page = site / "linux" / "distros" / "index.html"
    html = page.read_text()
    article = '<article class="md-content__inner md-typeset">'
    assert article in html
    broken = '<a href="../gone/">gone</a><a href="../../glossary/#no-such-anchor">anchor</a>'
    html = html.replace(article, article + broken, 1)
    page.write_text(html)
    with serve(site) as url:
        result = linkcheck(url, site)
    assert result.returncode != 0
    assert "gone/" in result.stdout and "404" in result.stdout
    assert "no-such-anchor" in result.stdout
