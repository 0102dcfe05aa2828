"""axe-core over every built page, in the light and the dark palette: no serious or
critical violation, the theme's included (the project overrides what falls short), and
no table with an empty header cell."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support import CHROMIUM, CHROMIUM_ARGS, Build

pytestmark = pytest.mark.browser

WORKERS = 2  # browsers auditing at once; axe is most of the time, and CPU-bound
SCHEMES = {"light": "default", "dark": "slate"}
# Minor in axe, but only the project's Markdown makes them: a table's corner cell left empty.
ALSO = {"empty-table-header"}


def _pages(site: Path) -> list[str]:
    """Every HTML page of the site as a URL path (blog posts, tags and 404 included)."""
    return [
        html.relative_to(site).as_posix().removesuffix("index.html")
        for html in sorted(site.rglob("*.html"))
    ]


def _audit(site_url: str, paths: list[str]) -> list[str]:
    """Serious and critical violations of ``paths``, each page in both palettes."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe, found = Axe(), []
    executable = CHROMIUM if Path(CHROMIUM).exists() else None
    with sync_playwright() as playwright:  # one per thread: Playwright's objects are not shared
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
        for path in paths:
            tab.goto(site_url + path)
            # Material fades colours in; axe must see the palette, not a step of the fade.
            tab.add_style_tag(content="*, *::before, *::after { transition: none !important }")
            for name, scheme in SCHEMES.items():
                # What Material's palette toggle does: the scheme is an attribute of <body>.
                tab.evaluate(f"document.body.dataset.mdColorScheme = '{scheme}'")
                for violation in axe.run(tab).response["violations"]:
                    if violation["impact"] in ("serious", "critical") or violation["id"] in ALSO:
                        targets = [node["target"] for node in violation["nodes"][:3]]
                        count = len(violation["nodes"])
                        found.append(f"{path} ({name}): {violation['id']} x{count} {targets}")
        browser.close()
    return found


def test_no_serious_or_critical_axe_violation_on_any_page(site_build: Build, site_url: str) -> None:
    pages = _pages(site_build.site)
    assert len(pages) > 40
    shares = [pages[start::WORKERS] for start in range(WORKERS)]
    with ThreadPoolExecutor(WORKERS) as pool:
        found = [line for share in pool.map(_audit, [site_url] * WORKERS, shares) for line in share]
    assert found == []
