"""What a reader does in a real browser: search, switch palette, navigate."""

from __future__ import annotations

from playwright.sync_api import Page, expect


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
