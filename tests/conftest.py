from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests import support
from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, build, serve

if TYPE_CHECKING:  # Playwright is imported by the browser tests only
    from playwright.sync_api import Browser, Page

# Kinds of test (registered in pyproject.toml). Tests that use these fixtures get the
# kind by themselves; others are marked where they are written; the rest are "unit".
_KIND_OF_FIXTURE = {
    "served_site": "build",
    "site_build": "build",
    "site_url": "build",
    "quiz_site": "build",
    "browser": "browser",
    "page": "browser",
}
_SLOW_KINDS = {"build", "browser", "docker", "snippets"}


# Files whose tests pytest-xdist may run on different cores (they have no module fixtures
# and are the longest: the audit of every page is cut in shares to spread it).
SPREAD = ("test_accessibility.py", "test_browser.py")  # the longest first


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """make test spreads tests over the cores a file at a time, so a module's fixtures (a
    site built per engine) are made once; the files of SPREAD go test by test.

    A scheduler of our own: pytest-xdist's ``xdist_group`` marks do nothing on pytest 9.2,
    whose node ids are no longer the attribute pytest-xdist 3.8 appends the group to.
    Files go in the order of ``_longest_first`` (not by their number of tests).
    """
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return nodeid if file.rsplit("/", 1)[-1] in SPREAD else file

    config.option.loadscopereorder = False
    return ByFile(config, log)  # type: ignore[arg-type]


def _longest_first(items: list[pytest.Item]) -> None:
    """The audit's shares first, then the files with most slow tests: the long ones start
    early and the short ones even out the cores at the end (a file keeps its own order)."""
    slow: dict[str, int] = {}
    for item in items:
        slow[item.path.name] = slow.get(item.path.name, 0) + (not item.get_closest_marker("unit"))

    def order(item: pytest.Item) -> tuple[int, int]:
        name = item.path.name
        return (SPREAD.index(name) if name in SPREAD else len(SPREAD), -slow[name])

    items.sort(key=order)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        fixtures = set(getattr(item, "fixturenames", ())) - set(callspec.params if callspec else ())
        for kind in sorted({_KIND_OF_FIXTURE[f] for f in fixtures if f in _KIND_OF_FIXTURE}):
            item.add_marker(kind)
            if kind == "browser":
                item.add_marker("build")  # the browser reads the served build
        if not {mark.name for mark in item.iter_markers()} & _SLOW_KINDS:
            item.add_marker("unit")
    _longest_first(items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # support.build() refuses to run for a test not marked "build", so a unit test
    # cannot quietly become a slow one.
    support.running_kinds = {mark.name for mark in item.iter_markers()}


@pytest.fixture(scope="session", autouse=True)
def live_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One live-output cache for the test run, empty at its start, shared by the
    pytest-xdist workers (their base folders are siblings in the run's own folder).

    The first build runs every command for real; the builds of modified copies
    that follow reuse those captures instead of rerunning docker for each (a command
    naming files of the tree is keyed by their contents, so a changed copy runs it).
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent / "live-cache" if os.environ.get("PYTEST_XDIST_WORKER") else None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STUDYNOTES_CACHE_DIR", str(shared or tmp_path_factory.mktemp("live-cache")))
        patch.delenv("STUDYNOTES_CACHE_TTL", raising=False)
        yield


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    """The real site, built once per test run in strict mode and served on 127.0.0.1.

    The server starts first so the build can use its address as ``site_url``:
    Material's instant navigation only intercepts links listed in sitemap.xml,
    which holds absolute URLs made from ``site_url``.
    """
    site = tmp_path_factory.mktemp("site")
    with serve(site) as url:
        result = build(ROOT, site, env={"SITE_URL": url})
        assert result.returncode == 0, result.log
        yield result, url


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small quiz and study-mode site of ``tests/quiz_site.py``, built and served."""
    from tests.quiz_site import quiz_site as build_quiz_site

    with build_quiz_site(tmp_path_factory.mktemp("quiz-project")) as url:
        yield url


@pytest.fixture(scope="session")
def site_build(served_site: tuple[Build, str]) -> Build:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site: tuple[Build, str]) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else None
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:
            pytest.fail(f"No Chromium to test with ({error}). Run `make test`, which installs it.")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser tab, light system palette, with the internet switched off.

    Without service workers: each new tab would download the whole site for reading
    offline; tests/test_offline.py and tests/test_engines.py test that on their own.
    """
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="light", service_workers="block"
    )
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    tab = context.new_page()
    yield tab
    context.close()
