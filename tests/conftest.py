from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, build, serve


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test run in strict mode."""
    result = build(ROOT, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def site_url(site_build: Build) -> Iterator[str]:
    with serve(site_build.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser tab, light system palette, with the internet switched off."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    tab = context.new_page()
    yield tab
    context.close()
