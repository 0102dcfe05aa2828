"""Study mode in a real browser with a controlled clock, on the quiz test site
(``tests/quiz_site.py``: the backups, distros and disk-space quizzes, review, progress).

The browser's clock starts on a fixed morning in UTC and moves only when a test moves
it, so "due", "today" and "tomorrow" are the same on every machine.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.quiz_site import EVIL, QUIZZES
from tests.support import axe_violations

START = "2026-12-02T09:00:00Z"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        viewport={"width": 1280, "height": 900},
        color_scheme="light",
        timezone_id="UTC",
        locale="en-GB",
        accept_downloads=True,
    )
    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    yield ctx
    ctx.close()


def review(context: BrowserContext, url: str) -> Page:
    return study_page(context, url + "quizzes/review/")


def study_page(context: BrowserContext, address: str) -> Page:
    """A new tab on the study page at ``address``, its clock at START, set up."""
    page = context.new_page()
    page.clock.install(time=START)
    page.goto(address)
    page.wait_for_selector(".study[data-study-ready]")
    return page


def card(page: Page) -> Locator:
    return page.locator(".study__card")


def status(page: Page) -> Locator:
    return page.locator(".study__status")


def answer(form: Locator, right: bool) -> str:
    """Answer the question in ``form`` right or wrong, check it; return its id."""
    respond(form, right)
    form.get_by_role("button", name="Check answer").click()
    expected = "\N{CHECK MARK} Correct." if right else "\N{BALLOT X} Not quite."
    expect(form.locator(".quiz__feedback")).to_have_text(expected)
    return form.get_attribute("data-question") or ""


def respond(form: Locator, right: bool) -> None:
    """Answer the question in ``form`` right or wrong (as its key says), without checking."""
    key = json.loads(form.get_attribute("data-key") or "{}")
    if "correct" in key:
        options = form.locator(".quiz__option")
        for index in range(options.count()):
            if (options.nth(index).get_attribute("data-option") in key["correct"]) == right:
                options.nth(index).locator("input").check()
                if not right:
                    break
    elif "expected" in key:  # order and match: one list per row
        lists = form.locator("select")
        for row, value in enumerate(key["expected"]):
            if not right and row == 0:
                values = lists.nth(0).locator("option").evaluate_all("os => os.map(o => o.value)")
                value = next(v for v in values if v and v != value)
            lists.nth(row).select_option(value)
    elif "accept" in key:
        form.locator("input").fill(key["accept"][0] if right else "surely not this")
    else:
        form.locator("input").fill(str(key["answer"] if right else key["answer"] + 1000))


def answer_and_next(page: Page, right: bool) -> str:
    question = answer(card(page).locator("form"), right)
    page.get_by_role("button", name="Next question").click()
    return question


def progress(page: Page, url: str) -> list[list[str]]:
    """The progress table's rows (quiz, questions, answered, right, due, last answer)."""
    page.goto(url + "quizzes/progress/")
    page.wait_for_selector(".study[data-study-ready]")
    rows = page.locator(".study__table tr")
    return [rows.nth(i).locator("th, td").all_inner_texts() for i in range(rows.count())][1:]


def test_wrong_answers_and_only_they_are_due_a_day_later(
    quiz_site: str, context: BrowserContext
) -> None:
    page = review(context, quiz_site)
    expect(status(page)).to_have_text("Due for review: 0. New questions left today: 5.")
    expect(card(page).locator(".study__from")).to_have_text(re.compile("^New · Backups"))
    wrong_first = answer_and_next(page, right=False)
    right = answer_and_next(page, right=True)
    wrong_second = answer_and_next(page, right=False)
    assert [q.split("-")[0] for q in (wrong_first, right, wrong_second)] == [
        "backups",
        "distros",
        "df",
    ]
    expect(status(page)).to_have_text("Due for review: 0. New questions left today: 2.")

    page.clock.fast_forward("09:00")  # nine minutes: the missed ones are not back yet
    page.reload()
    expect(status(page)).to_have_text("Due for review: 0. New questions left today: 2.")
    page.clock.fast_forward("24:00:00")
    page.reload()
    expect(status(page)).to_have_text("Due for review: 2. New questions left today: 5.")
    shown = []
    for _ in range(2):
        expect(card(page).locator(".study__from")).to_contain_text("Review · ")
        shown.append(answer_and_next(page, right=True))
    assert shown == [wrong_first, wrong_second]  # most overdue first; the right one not due
    expect(card(page).locator(".study__from")).to_contain_text("New · ")

    rows = progress(page, quiz_site)
    by_quiz = {row[0]: row[2:5] for row in rows}
    assert list(by_quiz.values()) == [["1", "1", "0"]] * 3 + [["0", "0", "0"], ["3", "3", "0"]]
    assert rows[-1][0] == "All quizzes" and rows[-1][5] == "3 Dec 2026"


def test_nothing_due_says_until_when(quiz_site: str, context: BrowserContext) -> None:
    page = review(context, quiz_site)
    for _ in range(5):
        answer_and_next(page, right=True)
    # Five new ones a day: the next come at midnight, before any answer is due (2 days).
    # The reader's own date format (ICU's wording varies a little between browser builds).
    until = re.compile(r"^Nothing due until Thursday,? 3 December 2026,? at 00:00\.$")
    expect(status(page)).to_have_text(until)
    expect(card(page)).to_be_empty()
    expect(status(page)).to_be_focused()


def test_an_answer_on_a_quiz_page_counts_and_instant_navigation_keeps_working(
    quiz_site: str, context: BrowserContext
) -> None:
    page = context.new_page()
    page.clock.install(time=START)
    page.goto(quiz_site + "quizzes/distros/")
    page.wait_for_selector(".quiz[data-quiz-ready]")
    answer(page.locator("form.quiz__question").first, right=False)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="progress", exact=True).click()
    page.wait_for_selector(".study[data-study-ready]")
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    distros = page.locator("tr[data-quiz='distros'] td")
    expect(distros).to_have_text(["13", "1", "0", "0", "2 Dec 2026"])
    page.clock.fast_forward("10:00")
    page.get_by_role("link", name="review", exact=True).click()
    page.wait_for_selector(".study[data-study-ready] .study__card form")
    assert page.evaluate("window.__sameDocument") is True
    expect(status(page)).to_have_text("Due for review: 1. New questions left today: 4.")
    answer_and_next(page, right=True)
    expect(card(page).locator("form")).to_have_count(1)  # one handler, one question at a time


def test_export_forget_and_import_restore_progress(
    quiz_site: str, context: BrowserContext, tmp_path: Path
) -> None:
    page = review(context, quiz_site)
    answered = [answer_and_next(page, right) for right in (False, True, False)]
    before = progress(page, quiz_site)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my progress").click()
    assert download.value.suggested_filename == "study-notes-progress-2026-12-02.json"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["format"] == "studynotes-progress" and sorted(data["cards"]) == sorted(answered)

    page.get_by_role("button", name="Forget my progress").click()
    keep = page.get_by_role("button", name="Keep my progress")
    expect(page.get_by_role("button", name="Forget everything")).to_be_focused()
    keep.click()
    expect(page.locator(".study__message")).to_have_text("Nothing was forgotten.")
    assert progress(page, quiz_site) == before
    page.get_by_role("button", name="Forget my progress").click()
    page.get_by_role("button", name="Forget everything").click()
    expect(page.locator(".study__message")).to_have_text(
        "Your progress on this browser is forgotten."
    )
    expect(page.locator("tfoot td")).to_have_text(
        [re.compile(r"^\d+$"), "0", "0", "0", "\N{EN DASH}"]
    )
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('studynotes'))") == []

    page.get_by_label(re.compile("Import progress from a file")).set_input_files(saved)
    expect(page.locator(".study__message")).to_contain_text("answers to 3 questions")
    assert progress(page, quiz_site) == before
    page.goto(quiz_site + "quizzes/review/")
    page.clock.fast_forward("24:00:00")
    page.reload()
    expect(status(page)).to_have_text("Due for review: 2. New questions left today: 5.")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("notes.txt", b"not json at all", "This file is not JSON"),
        ("distros.json", None, "is not a progress file of these notes"),
        (
            "damaged.json",
            b'{"format": "studynotes-progress", "version": 1, '
            b'"cards": {"q": {"box": 7}}, "quizzes": {}}',
            "damaged",
        ),
    ],
)
def test_a_file_that_is_not_a_progress_export_is_refused_and_changes_nothing(
    quiz_site: str, context: BrowserContext, name: str, content: bytes | None, says: str
) -> None:
    page = review(context, quiz_site)
    answer_and_next(page, right=True)
    before = progress(page, quiz_site)
    if content is None:  # a real JSON file of the site, but a quiz export
        content = page.request.get(quiz_site + "quizzes/exports/distros.json").body()
    page.get_by_label(re.compile("Import progress")).set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )
    message = page.locator(".study__message")
    expect(message).to_contain_text(f"{name}: ")
    expect(message).to_contain_text(says)
    expect(message).to_contain_text("Nothing was changed.")
    assert progress(page, quiz_site) == before


def test_a_review_by_keyboard_only(quiz_site: str, context: BrowserContext) -> None:
    page = review(context, quiz_site)
    form = card(page).locator("form")
    first = form.locator("input").first
    first.focus()  # as a reader tabs into the question
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("Tab")  # out of the radio group, to the button
    expect(form.get_by_role("button", name="Check answer")).to_be_focused()
    page.keyboard.press("Enter")
    expect(form.locator(".quiz__feedback")).to_be_focused()
    next_button = page.get_by_role("button", name="Next question")
    for _ in range(10):
        if next_button.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(next_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(card(page).locator("form input").first).to_be_focused()
    expect(card(page).locator(".study__from")).to_contain_text("Choosing a Linux distro")


def test_without_javascript_the_pages_say_what_they_would_show(
    quiz_site: str, browser: Browser
) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = ctx.new_page()
    try:
        page.goto(quiz_site + "quizzes/review/")
        expect(page.locator(".study__nojs")).to_contain_text("needs JavaScript")
        expect(page.locator(".study__status")).to_be_hidden()
        page.get_by_role("link", name="quiz index").click()
        expect(page.locator("h1")).to_contain_text("All quizzes")
        page.goto(quiz_site + "quizzes/progress/")
        expect(page.locator(".study__nojs")).to_contain_text("how many are due for review")
        expect(page.locator("tbody th")).to_have_count(len(QUIZZES) + 1)  # and the hostile one
        expect(page.get_by_role("button", name="Download my progress")).to_be_hidden()
    finally:
        ctx.close()


def serious(page: Page) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in axe_violations(page, {"include": [[".study"]]})
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_light_and_dark_and_no_sideways_scroll(
    quiz_site: str, context: BrowserContext, width: int
) -> None:
    page = review(context, quiz_site)
    page.set_viewport_size({"width": width, "height": 800})
    answer(card(page).locator("form"), right=False)  # marks and feedback on screen
    checks = {"review": page}
    other = context.new_page()
    progress(other, quiz_site)
    other.set_viewport_size({"width": width, "height": 800})
    other.get_by_role("button", name="Forget my progress").click()  # the confirmation too
    checks["progress"] = other
    for name, tab in checks.items():
        assert serious(tab) == [], (name, "light")
        tab.locator("[data-md-component=palette] label:not([hidden])").first.click()
        expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        assert serious(tab) == [], (name, "dark")
        overflow = tab.evaluate("document.scrollingElement.scrollWidth - innerWidth")
        assert overflow <= 0, (name, width, overflow)


def test_quiz_text_never_runs_as_script_in_review(quiz_site: str, context: BrowserContext) -> None:
    page = review(context, quiz_site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for _ in range(3):  # one question from each quiz, then the hostile quiz's
        answer_and_next(page, right=True)
    question = card(page).locator("form")
    expect(question.locator("legend")).to_contain_text(f"Pick {EVIL}")
    expect(card(page).locator(".study__from")).to_contain_text(EVIL)
    answer(question, right=True)
    expect(question.locator(".quiz__reveal")).to_contain_text(EVIL)
    assert card(page).locator("script, img").count() == 0
    assert dialogs == []
