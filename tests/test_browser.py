"""What a reader does in a real browser: search, switch palette, navigate."""

from __future__ import annotations

import contextlib

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# Session fixtures only (the served site, one Chromium per worker): the tests spread over
# the cores one by one (tests/conftest.py, SPREAD).


def test_search_finds_the_distros_page(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    # Typed key by key: Material searches on keyboard events, which fill() skips.
    page.locator("input.md-search__input").press_sequentially("Raspbian", delay=20)
    hit = page.locator(".md-search-result__item a[href*='linux/distros/?h=raspbian']").first
    expect(hit).to_be_visible()
    assert "linux/distros/" in (hit.get_attribute("href") or "")
    hit.click()
    page.wait_for_url("**/linux/distros/**")
    # The search term is highlighted on the page it opens.
    expect(page.locator("article mark:visible", has_text="Raspbian").first).to_be_visible()


def test_searching_a_quiz_question_finds_the_quiz_not_the_answer_key(
    page: Page, site_url: str
) -> None:
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    # Words of a prompt of the distros quiz (data/quizzes/distros.yml).
    page.locator("input.md-search__input").press_sequentially("venture capital", delay=20)
    expect(
        page.locator(".md-search-result__item a[href*='quizzes/distros/']").first
    ).to_be_attached()
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert not [href for href in hrefs if "answer-key" in href], hrefs


def test_palette_follows_system_then_toggles(page: Page, site_url: str) -> None:
    page.goto(site_url)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    # Toggle order: system -> light -> dark; click until dark, at most three times.
    for _ in range(3):
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark_bg != light_bg


def test_dark_system_preference_gives_dark_palette(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_instant_navigation_keeps_the_page_alive(page: Page, site_url: str) -> None:
    # Material enables instant navigation once it has fetched the sitemap.
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_url)
    page.evaluate("window.__notReloaded = true")
    page.locator(".md-content a[href$='linux/distros/']").first.click()
    page.wait_for_url("**/linux/distros/")
    expect(page.locator("h1")).to_contain_text("Choosing a Linux distro")
    # A full page load would have dropped the marker: this was instant navigation.
    assert page.evaluate("window.__notReloaded === true")


def built_url(src: str) -> str:
    """The URL path of docs page ``src`` (directory URLs)."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


def test_diagrams_show_without_running_mermaid(page: Page, site_url: str) -> None:
    """The drawing of `make diagrams` is in the page, in an open shadow root."""
    page.goto(site_url + "containers/docker-basics/")
    drawn = page.locator("div.mermaid").first
    expect(drawn).to_be_visible()
    assert (drawn.bounding_box() or {"height": 0})["height"] > 50
    expect(drawn.get_by_text("Docker daemon")).to_be_visible()  # locators pierce it
    scripts = page.eval_on_selector_all("script[src]", "s => s.map(e => e.src)")
    assert not any("mermaid" in s for s in scripts)
    # The theme's palette variables reach the drawing: its labels change with the scheme.
    label = drawn.get_by_text("Docker daemon")
    light = label.evaluate("e => getComputedStyle(e).color")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert label.evaluate("e => getComputedStyle(e).color") != light


WIDE_CODE = (
    "[...document.querySelectorAll('pre > code')].filter(c => c.scrollWidth > c.clientWidth)"
)


def untabbable_wide_code(page: Page) -> list[str]:
    """The start of each code block wider than its box that Tab cannot reach, once the
    page has laid them out (there are a few on the page) and up to 5 s for the script."""
    page.wait_for_function(f"{WIDE_CODE}.length > 3")
    untabbable = f"{WIDE_CODE}.filter(c => c.getAttribute('tabindex') !== '0')"
    with contextlib.suppress(PlaywrightTimeout):  # the assertion says which, below
        page.wait_for_function(f"{untabbable}.length === 0", timeout=5000)
    return page.evaluate(f"{untabbable}.map(c => c.textContent.slice(0, 40))")


def test_code_blocks_below_the_fold_scroll_from_the_keyboard_and_copy_in_view(
    page: Page, site_url: str
) -> None:
    """Material sets code blocks up as they come into view (content.lazy): wide ones are
    focusable from the start all the same (code-focus.js), and a block's copy button
    appears once it is in view and copies the block's text."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(site_url + "containers/docker-basics/")
    assert untabbable_wide_code(page) == []
    last = page.locator("pre > code").last
    button = page.locator("pre").last.locator("button[data-md-type=copy]")
    expect(button).to_have_count(0)  # not set up yet: far below the fold
    last.scroll_into_view_if_needed()
    button.click()
    expect(page.locator(".md-dialog")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() == last.inner_text().strip()


def test_wide_code_blocks_scroll_from_the_keyboard_after_instant_navigation(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 700})
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_url + "containers/")
    page.evaluate("window.__notReloaded = true")
    page.locator(".md-content a[href$='docker-basics/']").first.click()
    page.wait_for_url("**/containers/docker-basics/**")
    assert untabbable_wide_code(page) == []
    assert page.evaluate("window.__notReloaded === true")  # instant navigation, no reload
