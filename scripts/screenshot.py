"""Screenshot built pages in headless Chromium, to look at what readers see.

    .venv/bin/python scripts/screenshot.py SITE_DIR OUT_DIR PAGE [PAGE ...]

PAGE is a path inside the site such as ``linux/distros/``; each is shot in the
light and the dark palette, full page, into OUT_DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support import CHROMIUM, CHROMIUM_ARGS, serve


def main(site: Path, out: Path, pages: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            tab = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            for path in pages:
                tab.goto(url + path)
                tab.wait_for_timeout(500)
                name = path.strip("/").replace("/", "_") or "home"
                tab.screenshot(path=out / f"{name}-{scheme}.png", full_page=True)
                print(out / f"{name}-{scheme}.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
