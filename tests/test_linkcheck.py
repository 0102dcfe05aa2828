"""linkchecker crawls the served site as a browser would: every page and asset answers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.support import Build, linkcheck, serve


def _fetched(output: str) -> set[str]:
    """URLs linkchecker requested (it fetches a page once for all its #fragments)."""
    return {url.partition("#")[0] for url in re.findall(r"^Real URL\s+(\S+)$", output, re.M)}


def test_every_page_and_asset_answers_over_http(site_build: Build, site_url: str) -> None:
    result = linkcheck(site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors found" in result.stdout
    fetched = _fetched(result.stdout)
    pages = {
        site_url + path.relative_to(site_build.site).as_posix().removesuffix("index.html")
        for path in site_build.site.rglob("*.html")
        if path.name != "404.html"  # linked from nowhere: the host serves it for misses
    }
    assert pages <= fetched, sorted(pages - fetched)
    assert any(url.endswith(".css") for url in fetched)
    assert any(url.endswith(".js") for url in fetched)


def test_linkchecker_reports_a_page_that_is_not_served(site_build: Build, tmp_path: Path) -> None:
    site = Path(shutil.copytree(site_build.site, tmp_path / "site"))
    home = site / "index.html"  # the crawl starts there: linkchecker's "internal" is below it
    article = '<article class="md-content__inner md-typeset">'
    html = home.read_text()
    assert article in html
    home.write_text(html.replace(article, article + '<a href="linux/gone/">gone</a>', 1))
    with serve(site) as url:
        result = linkcheck(url, "--recursion-level", "1")  # the home page and what it links
    assert result.returncode != 0
    assert re.search(r"^Real URL\s+\S+/linux/gone/$", result.stdout, re.M), result.stdout
    assert "404" in result.stdout
