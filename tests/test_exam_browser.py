"""The practice exam in a real browser, with a controlled clock and exam number, on the
quiz test site (``tests/quiz_site.py``: its quizzes are the exam's topics)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.quiz_site import QUIZZES
from tests.support import axe_violations
from tests.test_study_browser import context, respond, status, study_page

__all__ = ["context"]  # the fixture: a fixed clock, UTC, en-GB, no internet

TOPICS = len(QUIZZES) + 1  # and the hostile quiz's one question
NUMBER = "4242"


def exam_page(context: BrowserContext, url: str) -> Page:
    return study_page(context, url + "quizzes/exam/")


def start(
    page: Page, *, count: int = 20, minutes: str = "0", number: str = NUMBER, drawn: int = 0
) -> Locator:
    """Start an exam of ``count`` questions; return its question forms (``drawn``, if
    the topics chosen have fewer)."""
    page.get_by_label("Number of questions").fill(str(count))
    page.get_by_label("Time limit").select_option(minutes)
    page.get_by_label(re.compile("^Exam number")).fill(number)
    page.get_by_role("button", name="Start the exam").click()
    forms = page.locator(".exam__questions form")
    expect(forms).to_have_count(drawn or count)
    return forms


def ids(forms: Locator) -> list[str]:
    return forms.evaluate_all("fs => fs.map(f => f.dataset.question)")


def topic_of(form: Locator) -> str:
    return form.locator(".quiz__number").inner_text().split(" \N{MIDDLE DOT} ", 1)[1]


def submit(page: Page) -> None:
    page.get_by_role("button", name="Submit the exam").click()
    if page.get_by_role("button", name="Submit now").is_visible():
        page.get_by_role("button", name="Submit now").click()
    expect(page.locator(".exam__score")).to_be_visible()


def test_an_exam_across_every_topic_is_sat_scored_and_its_misses_come_back_in_review(
    quiz_site: str, context: BrowserContext
) -> None:
    page = exam_page(context, quiz_site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    forms = start(page)
    drawn = ids(forms)
    topics = [topic_of(forms.nth(n)) for n in range(20)]
    assert len(set(topics)) == TOPICS and len(set(drawn)) == 20
    # Nothing is marked while the exam is sat: no check buttons, no verdict.
    expect(page.get_by_role("button", name="Check answer")).to_have_count(0)
    plan = ["right"] * 12 + ["wrong"] * 5 + ["empty"] * 3
    for n, how in enumerate(plan):
        if how != "empty":
            respond(forms.nth(n), right=how == "right")
    expect(page.locator(".quiz__verdict")).to_have_count(0)

    page.get_by_role("button", name="Submit the exam").click()
    confirm = page.locator(".study__confirm")
    expect(confirm).to_contain_text("3 questions have no answer; each counts as wrong.")
    expect(page.get_by_role("button", name="Submit now")).to_be_focused()
    page.get_by_role("button", name="Submit now").click()

    score = page.locator(".exam__score")
    expect(score).to_have_text("Your score: 12 of 20 (60%)")
    expect(score).to_be_focused()
    expect(page.locator(".exam__result")).to_contain_text("Submitted after less than a minute.")
    verdicts = forms.locator(".quiz__verdict")
    expected = {"right": "\N{CHECK MARK} Correct.", "wrong": "\N{BALLOT X} Not quite."}
    expected["empty"] = "\N{BALLOT X} Not answered."
    expect(verdicts).to_have_text([expected[how] for how in plan])
    for n in range(20):  # the answer sheet: the right answer, why, and where to read more
        expect(forms.nth(n).locator(".quiz__reveal")).to_be_visible()
        expect(forms.nth(n).locator(".quiz__more a")).to_have_attribute("href", re.compile("/#|/$"))
    rows = page.locator(".exam__result tbody tr")
    expect(rows).to_have_count(TOPICS)
    per_topic: dict[str, list[int]] = {}
    for topic, how in zip(topics, plan, strict=True):
        right, total = per_topic.get(topic, [0, 0])
        per_topic[topic] = [right + (how == "right"), total + 1]
    shown = {
        row[0]: row[1:]
        for row in (rows.nth(n).locator("th, td").all_inner_texts() for n in range(TOPICS))
    }
    assert shown == {
        topic: [f"{right} of {total}", f"{round(100 * right / total)}%"]
        for topic, (right, total) in per_topic.items()
    }

    # The misses are due in review ten minutes later, and only they.
    page.clock.fast_forward("10:00")
    page.goto(quiz_site + "quizzes/review/")
    page.wait_for_selector(".study[data-study-ready]")
    expect(status(page)).to_have_text(re.compile(r"^Due for review: 8\. "))
    due = page.locator(".study__card form").get_attribute("data-question")
    assert due in drawn[12:]

    # The result stays until another exam is chosen; the same number gives the same exam.
    page.goto(quiz_site + "quizzes/exam/")
    expect(page.locator(".exam__score")).to_have_text("Your score: 12 of 20 (60%)")
    page.get_by_role("button", name="Sit the same exam again").click()
    expect(page.locator(".exam__score")).to_have_count(0)
    assert ids(forms) == drawn
    expect(forms.locator("input:checked")).to_have_count(0)
    options = (
        "fs => fs.map(f => [...f.querySelectorAll('[data-option]')].map(o => o.dataset.option))"
    )
    first = forms.evaluate_all(options)
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Back to the exam").click()
    expect(forms.nth(0).locator("input, select").first).to_be_focused()
    page.reload()
    page.wait_for_selector(".exam__questions form")
    assert forms.evaluate_all(options) == first  # options in the same order too
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit now").click()
    expect(page.locator(".exam__score")).to_have_text("Your score: 0 of 20 (0%)")
    page.get_by_role("button", name="Choose another exam").click()
    expect(page.get_by_label(re.compile("^Exam number"))).to_have_value("")
    another = start(page, number="4243")
    assert ids(another) != drawn
    assert dialogs == []  # the hostile quiz's text stayed text, on the sheet and the result


def test_answers_survive_a_reload_and_the_time_limit_submits_the_exam(
    quiz_site: str, context: BrowserContext
) -> None:
    page = exam_page(context, quiz_site)
    forms = start(page, count=5, minutes="10")
    timer = page.locator(".exam__timer")
    expect(timer).to_have_text(re.compile(r"^Time left: (10:00|9:5\d)$"))  # real seconds pass
    respond(forms.nth(0), right=True)
    respond(forms.nth(1), right=False)
    page.clock.fast_forward("04:00")
    page.reload()  # the exam goes on where it was, the clock too
    expect(timer).to_have_text(re.compile(r"^Time left: [56]:\d\d$"))
    forms = page.locator(".exam__questions form")
    page.clock.fast_forward("01:30")
    expect(page.locator(".exam__warning")).to_have_text("5 minutes left.")
    page.clock.fast_forward("05:00")
    expect(page.locator(".exam__score")).to_have_text("Your score: 1 of 5 (20%)")
    expect(page.locator(".exam__result")).to_contain_text("Time was up")
    expect(forms.locator(".quiz__verdict").first).to_have_text("\N{CHECK MARK} Correct.")


def test_a_damaged_saved_exam_is_set_aside_for_a_new_one(
    quiz_site: str, context: BrowserContext
) -> None:
    page = exam_page(context, quiz_site)
    page.evaluate(
        "localStorage.setItem('studynotes-exam', JSON.stringify({seed: 5, topics: [], answers: 3}))"
    )
    page.reload()
    page.wait_for_selector(".study[data-study-ready]")
    expect(page.get_by_role("button", name="Start the exam")).to_be_visible()
    start(page, count=2)


def test_choosing_topics_limits_the_exam_to_them(quiz_site: str, context: BrowserContext) -> None:
    page = exam_page(context, quiz_site)
    for box in page.locator("input[name=topic]").all():
        box.uncheck()
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator(".exam__problem")).to_have_text("Choose at least one topic.")
    page.get_by_label(re.compile("Choosing a Linux distro")).check()
    forms = start(page, count=30, drawn=13)  # every question of the one topic, no more
    assert {topic_of(forms.nth(n)) for n in range(13)} == {"Choosing a Linux distro"}


def test_an_exam_by_keyboard_only(quiz_site: str, context: BrowserContext) -> None:
    page = exam_page(context, quiz_site)
    page.get_by_label(re.compile("^Exam number")).fill(NUMBER)
    page.get_by_label("Number of questions").fill("2")
    page.keyboard.press("Enter")  # submits the choices, as a form does
    about = page.locator(".exam__about")
    expect(about).to_be_focused()
    expect(about).to_contain_text(f"Exam {NUMBER}: 2 questions")
    for _ in range(40):
        if page.evaluate("document.activeElement.textContent") == "Submit the exam":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Submit now")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".exam__score")).to_be_focused()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_exam_page_passes_axe_at_each_step(
    quiz_site: str, browser: Browser, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(quiz_site + "quizzes/exam/")
        page.wait_for_selector(".study[data-study-ready]")
        palette = "slate" if scheme == "dark" else "default"
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{palette}')")
        steps = {"choices": axe_violations(page, ".study")}
        forms = start(page, count=4, minutes="20")
        respond(forms.nth(0), right=False)
        steps["sitting"] = axe_violations(page, ".study")
        submit(page)
        page.mouse.move(0, 0)  # off the table: a hovered row is shaded, as in every table
        steps["result"] = axe_violations(page, ".study")
        assert steps == {"choices": [], "sitting": [], "result": []}
    finally:
        context.close()


def test_without_javascript_the_page_is_one_fixed_paper_with_its_answers(
    quiz_site: str, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(quiz_site + "quizzes/exam/")
        expect(page.locator(".study__nojs")).to_contain_text("one fixed exam of 20 questions")
        expect(page.locator(".exam__setup")).to_be_hidden()
        questions = page.locator(".study__nojs form")
        expect(questions).to_have_count(20)
        first = questions.first.locator("details")
        first.locator("summary").click()
        expect(first.locator(".quiz__more a")).to_be_visible()
    finally:
        context.close()
