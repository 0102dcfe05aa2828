"""Every built page, opened in Chromium once: axe-core in the light and the dark palette
finds no serious or critical violation, the theme's included (the project overrides what
falls short), and no table with an empty header cell; and the page asks nothing of a
third-party host (fonts, Mermaid and the repository link all come from the site)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support import Build, tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser  # spread over the cores test by test (conftest SPREAD)

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
SHARES = 6  # tests, each auditing every SHARES-th page: axe is CPU-bound, one per core
RUN = "options => axe.run(document, options).then(results => results.violations)"
# Every rule in the light palette; in the dark one, the rules that read colours (the
# others see the same page and would report the same thing twice).
SCHEMES = {
    "light": ("default", {"resultTypes": ["violations"]}),
    "dark": ("slate", {"resultTypes": ["violations"], "runOnly": COLOUR_RULES}),
}
# Minor in axe, but only the project's Markdown makes them: a table's corner cell left empty.
ALSO = {"empty-table-header"}


def _pages(site: Path) -> list[str]:
    """Every HTML page of the site as a URL path (blog posts, tags and 404 included)."""
    return [
        html.relative_to(site).as_posix().removesuffix("index.html")
        for html in sorted(site.rglob("*.html"))
    ]


def _audit(browser: Browser, site_url: str, paths: list[str]) -> list[str]:
    """Serious and critical violations of ``paths``, each page in both palettes, and the
    requests each made outside the site (none leaves the machine: they are refused)."""
    axe, found, outside = tool("AXE").read_text(encoding="utf-8"), [], []
    tab = browser.new_page(  # no worker keeping the site: nothing it does shows on a page
        viewport={"width": 1280, "height": 900}, color_scheme="light", service_workers="block"
    )
    tab.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    tab.on("request", lambda r: None if r.url.startswith(site_url) else outside.append(r.url))
    for path in paths:
        tab.goto(site_url + path)
        # Material fades colours in; axe must see the palette, not a step of the fade.
        tab.add_style_tag(content="*, *::before, *::after { transition: none !important }")
        tab.evaluate(axe)  # once per page: it stays for both palettes
        for name, (scheme, options) in SCHEMES.items():
            # What Material's palette toggle does: the scheme is an attribute of <body>.
            tab.evaluate(f"document.body.dataset.mdColorScheme = '{scheme}'")
            for violation in tab.evaluate(RUN, options):
                if violation["impact"] in ("serious", "critical") or violation["id"] in ALSO:
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    count = len(violation["nodes"])
                    found.append(f"{path} ({name}): {violation['id']} x{count} {targets}")
        tab.wait_for_load_state("networkidle")  # what the page asks for late is asked by now
        found += [f"{path}: asks {url}" for url in outside]
        outside.clear()
    tab.close()
    return found


@pytest.mark.parametrize("share", range(SHARES))
def test_every_page_is_accessible_and_asks_no_third_party_host(
    browser: Browser, site_build: Build, site_url: str, share: int
) -> None:
    """Every page, in SHARES tests that pytest-xdist spreads over the machine's cores."""
    pages = _pages(site_build.site)
    assert len(pages) > 40
    assert _audit(browser, site_url, pages[share::SHARES]) == []
