"""What a reader does in a real browser: search, switch palette, navigate."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.support import nav_pages


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


def test_no_page_asks_a_third_party_host(page: Page, site_url: str) -> None:
    """Fonts, Mermaid and the repository link all come from the site (or nowhere)."""
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(site_url) else outside.append(r.url))
    for src in nav_pages():
        page.goto(site_url + built_url(src), wait_until="networkidle")
        assert not outside, f"{src} asked {outside}"


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
