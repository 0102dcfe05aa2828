"""Reading offline: the real site, published under a project path as GitHub Pages does
(``/study-notes/``), kept by its service worker after one visit (studynotes/offline.py).

"Publishing" points the served folder at a build; once the reader is offline it points
at an empty folder too, so nothing a page shows can have come from the server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from studynotes import offline
from studynotes.quiz.urls import page_url
from tests.support import build, copy_project, nav_pages, serve
from tests.test_study_browser import START, answer

pytestmark = [pytest.mark.build, pytest.mark.browser]
ONLY_IN_V2 = "A sentence only the second build has."
CHANGED = "linux/distros.md"


@dataclass
class Published:
    url: str  # the site's address, under its project path
    link: Path  # what the server serves at that path
    builds: dict[str, Path]  # "v1", "v2", "nothing"

    def publish(self, name: str) -> None:
        self.link.unlink(missing_ok=True)
        self.link.symlink_to(self.builds[name], target_is_directory=True)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    www = tmp_path_factory.mktemp("www")
    folder = tmp_path_factory.mktemp("builds")
    # Revalidated: a build published a few seconds after the last is seen at once, as
    # one published after GitHub Pages' ten minutes of caching is.
    with serve(www, revalidate=True) as host:
        url = host + "study-notes/"
        project = copy_project(folder / "project")
        builds = {"v1": folder / "v1", "v2": folder / "v2", "nothing": folder / "nothing"}
        builds["nothing"].mkdir()
        first = build(project, builds["v1"], env={"SITE_URL": url})
        assert first.returncode == 0, first.log
        page = project / "docs" / CHANGED
        page.write_text(page.read_text() + f"\n{ONLY_IN_V2}\n")
        second = build(project, builds["v2"], env={"SITE_URL": url})
        assert second.returncode == 0, second.log
        yield Published(url, www / "study-notes", builds)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        viewport={"width": 1280, "height": 900}, timezone_id="UTC", locale="en-GB"
    )
    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    yield ctx
    ctx.close()


def first_visit(context: BrowserContext, published: Published, version: str = "v1") -> Page:
    """Open the home page online and wait until the worker keeps the site."""
    published.publish(version)
    page = context.new_page()
    page.clock.install(time=START)
    page.goto(published.url)
    page.evaluate("navigator.serviceWorker.ready.then(() => undefined)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    return page


def go_offline(context: BrowserContext, published: Published) -> None:
    published.publish("nothing")
    context.set_offline(True)


def kept(page: Page, path: str) -> list[str]:
    """The cache keys the worker keeps for the file at ``path`` (relative to the site)."""
    return page.evaluate(
        """async (path) => {
            const found = [];
            for (const name of await caches.keys()) {
                for (const request of await (await caches.open(name)).keys()) {
                    if (request.url.split("?")[0].endsWith("/study-notes/" + path)) {
                        found.push(request.url);
                    }
                }
            }
            return found;
        }""",
        path,
    )


def search(page: Page, words: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Typed key by key: Material searches on keyboard events, which fill() skips.
    page.locator("input.md-search__input").press_sequentially(words, delay=20)


def test_after_one_visit_every_page_search_quizzes_and_review_work_offline(
    context: BrowserContext, published: Published
) -> None:
    page = first_visit(context, published)
    go_offline(context, published)

    # Every nav page, as the worker answers it (a fetch each: a page load each would take
    # half a minute); then a page of each section opened for real, the way a reader does.
    titles = page.evaluate(
        """async (urls) => Promise.all(urls.map(async (url) => {
            const response = await fetch(url);
            const html = await response.text();
            return response.status + " " + new DOMParser().parseFromString(html, "text/html").title;
        }))""",
        [published.url + page_url(src) for src in nav_pages()],
    )
    suffix = " - Data Engineering Study Notes"
    assert [t for t in titles if not (t.startswith("200 ") and t.endswith(suffix))] == []
    for src in nav_pages()[:: len(nav_pages()) // 6]:
        response = page.goto(published.url + page_url(src))
        assert response is not None and response.ok, src
        expect(page).to_have_title(re.compile(f"{suffix}$"))

    page.goto(published.url)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-tabs__link, .md-nav__link", has_text="Linux").first.click()
    expect(page).to_have_url(re.compile(r"/study-notes/linux/distros/$"))
    expect(page.locator("article h1")).to_have_text(re.compile("distro", re.I))
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"

    search(page, "Raspbian")
    hit = page.locator(".md-search-result__item a[href*='linux/distros/']").first
    expect(hit).to_be_visible()

    page.goto(published.url + "quizzes/distros/")
    page.wait_for_selector(".quiz[data-quiz-ready]")
    missed = answer(page.locator("form.quiz__question").first, right=False)
    page.clock.fast_forward("11:00")  # a missed question is due again after ten minutes
    page.goto(published.url + "quizzes/review/")
    status = page.locator(".study__status")
    expect(status).to_have_text(re.compile(r"^Due for review: 1\. "))
    expect(page.locator(".study__card form")).to_have_attribute("data-question", missed)
    answer(page.locator(".study__card form"), right=True)


def test_a_new_build_reaches_a_reader_of_the_old_one_on_the_next_visit_online(
    context: BrowserContext, published: Published
) -> None:
    page = first_visit(context, published, "v1")
    published.publish("v2")
    page.goto(published.url + page_url(CHANGED))  # online: the new page, at once
    expect(page.get_by_text(ONLY_IN_V2)).to_be_visible()
    # The browser fetched sw.js again on that visit: the new worker keeps the new page
    # and drops the old one.
    changed = offline.address(page_url(CHANGED) + "index.html")
    new = offline.digest(published.builds["v2"] / page_url(CHANGED) / "index.html")
    for _ in range(300):  # the browser checks sw.js a second after the page settles
        if kept(page, changed) == [f"{published.url}{changed}?studynotes-rev={new}"]:
            break
        page.wait_for_timeout(100)
    assert kept(page, changed) == [f"{published.url}{changed}?studynotes-rev={new}"]
    go_offline(context, published)
    page.goto(published.url + page_url(CHANGED))
    expect(page.get_by_text(ONLY_IN_V2)).to_be_visible()


def test_without_a_service_worker_the_site_is_as_before(
    browser: Browser, published: Published
) -> None:
    """A browser without service workers reads the site online as before; offline it
    gets nothing, which is also what shows that going offline in these tests is real."""
    context = browser.new_context(service_workers="block")
    try:
        published.publish("v1")
        page = context.new_page()
        page.goto(published.url + "quizzes/distros/")
        page.wait_for_selector(".quiz[data-quiz-ready]")
        answer(page.locator("form.quiz__question").first, right=True)
        assert page.evaluate("navigator.serviceWorker.controller") is None
        context.set_offline(True)
        with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
            page.goto(published.url + "linux/distros/")
    finally:
        context.close()
