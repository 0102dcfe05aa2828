"""The quizzes in a real browser, on the small real Material for MkDocs site of
``tests/quiz_site.py`` (the ``quiz_site`` fixture)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect

from studynotes.quiz import load_quizzes
from tests.quiz_site import EVIL
from tests.support import ROOT, axe_violations


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    yield ctx
    ctx.close()


def open_quiz(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".quiz[data-quiz-ready]")


def check(question: Locator) -> None:
    question.get_by_role("button", name="Check answer").click()


def verdict(question: Locator) -> Locator:
    return question.locator(".quiz__feedback")


def score(page: Page) -> Locator:
    return page.locator(".quiz__score")


# --- answering ---------------------------------------------------------------------------


def test_right_and_wrong_answers_with_feedback(quiz_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    open_quiz(page, quiz_site + "quizzes/distros/")
    # Options are shuffled on every visit; grading goes by option id, not position.
    quiz = load_quizzes(ROOT / "data" / "quizzes").get("distros")
    file_order = [[o.id for o in q.options] for q in quiz.questions if hasattr(q, "options")]
    shown = page.evaluate(
        """() => [...document.querySelectorAll('.quiz__options')].map(
            box => [...box.querySelectorAll('.quiz__option')].map(o => o.dataset.option))"""
    )
    assert [sorted(ids) for ids in shown] == [sorted(ids) for ids in file_order]
    assert shown != file_order  # 12 questions of 4 to 7 options: never all in file order

    rich = page.locator("#q-distros-servers-with-budget")
    rich.get_by_label("Red Hat Enterprise Linux (RHEL)").check()
    check(rich)
    expect(verdict(rich)).to_have_text("\N{CHECK MARK} Correct.")
    expect(rich.locator(".quiz__reveal")).to_contain_text("With money to spend")
    expect(rich.locator(".quiz__reveal a")).to_have_text("Learn more in the notes")

    aws = page.locator("#q-distros-aws-vm")
    aws.get_by_label("Amazon Linux 2", exact=True).check()
    check(aws)
    expect(verdict(aws)).to_have_text("\N{BALLOT X} Not quite.")
    chosen = aws.locator(".quiz__option[data-option='amazon-linux-2']")
    expect(chosen.locator(".quiz__mark")).to_have_text("\N{BALLOT X} Wrong choice")
    expect(chosen.locator(".quiz__option-feedback")).to_contain_text("30 June 2026")
    missed = aws.locator(".quiz__option[data-option='amazon-linux-2023']")
    expect(missed.locator(".quiz__mark")).to_contain_text("Right answer, not chosen")
    expect(aws.locator(".quiz__reveal .quiz__key")).to_have_text("Answer: Amazon Linux 2023")
    expect(aws.locator("input").first).to_be_disabled()

    budget = page.locator("#q-distros-servers-on-budget")
    budget.get_by_label("Rocky Linux").check()  # right, but not all the right ones
    check(budget)
    expect(verdict(budget)).to_have_text("\N{BALLOT X} Not quite.")

    empty = page.locator("#q-distros-recent-desktop")
    check(empty)
    expect(verdict(empty)).to_have_text("Choose an answer first.")
    expect(empty.locator("input").first).to_be_enabled()
    expect(score(page)).to_have_text("1 of 13 correct (10 not answered yet)")


def test_typed_answers(quiz_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    open_quiz(page, quiz_site + "quizzes/backups/")
    weekly = page.locator("#q-backups-weekly-full-max-loss")
    weekly.get_by_label("Your answer (days)").fill("7")
    check(weekly)
    expect(verdict(weekly)).to_have_text("\N{CHECK MARK} Correct.")
    nightly = page.locator("#q-backups-nightly-partial-max-loss")
    nightly.get_by_label("Your answer (hours)").fill("12")
    check(nightly)
    expect(verdict(nightly)).to_have_text("\N{BALLOT X} Not quite.")
    expect(nightly.locator(".quiz__key")).to_have_text("Answer: 24 hours")
    short = page.locator("#q-backups-termination-protection")
    short.get_by_label("Your answer").fill("  Termination PROTECTION ")
    check(short)
    expect(verdict(short)).to_have_text("\N{CHECK MARK} Correct.")
    expect(score(page)).to_have_text("2 of 11 correct (8 not answered yet)")


def test_progress_is_kept_and_retry_and_reset(quiz_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    open_quiz(page, quiz_site + "quizzes/distros/")
    right = page.locator("#q-distros-servers-with-budget")
    right.get_by_label("Red Hat Enterprise Linux (RHEL)").check()
    check(right)
    wrong = page.locator("#q-distros-oracle-server")
    wrong.get_by_label("Fedora").check()
    check(wrong)
    page.reload()
    page.wait_for_selector(".quiz[data-quiz-ready]")
    expect(score(page)).to_have_text("1 of 13 correct (11 not answered yet)")
    expect(verdict(right)).to_have_text("\N{CHECK MARK} Correct.")
    expect(right.get_by_label("Red Hat Enterprise Linux (RHEL)")).to_be_checked()
    expect(verdict(wrong)).to_have_text("\N{BALLOT X} Not quite.")

    page.get_by_role("button", name="Retry wrong answers").click()
    expect(wrong.get_by_label("Fedora")).not_to_be_checked()
    expect(wrong.get_by_label("Fedora")).to_be_enabled()
    expect(wrong.locator(".quiz__reveal")).to_be_hidden()
    expect(verdict(right)).to_have_text("\N{CHECK MARK} Correct.")
    expect(score(page)).to_have_text("1 of 13 correct (12 not answered yet)")
    expect(page.get_by_role("button", name="Retry wrong answers")).to_be_hidden()

    page.get_by_role("button", name="Reset quiz").click()
    expect(score(page)).to_have_text("0 of 13 correct (13 not answered yet)")
    assert page.evaluate("localStorage.getItem('studynotes-quiz:distros')") == "{}"
    page.reload()
    page.wait_for_selector(".quiz[data-quiz-ready]")
    expect(score(page)).to_have_text("0 of 13 correct (13 not answered yet)")


# --- keyboard ----------------------------------------------------------------------------


def tab_until(page: Page, condition: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"Tab never reached: {condition}")


def test_whole_quiz_by_keyboard(quiz_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    open_quiz(page, quiz_site + "quizzes/backups/")
    quiz = load_quizzes(ROOT / "data" / "quizzes").get("backups")
    # Start where a reader lands on the quiz; from there on only keys are pressed.
    page.evaluate("(q => { q.tabIndex = -1; q.focus(); })(document.querySelector('.quiz'))")
    for question in quiz.questions:
        in_form = f"el.closest('form') && el.closest('form').id === 'q-{question.id}'"
        tab_until(page, f"{in_form} && (el.tagName === 'INPUT' || el.tagName === 'SELECT')")
        if question.type == "order":  # each step's list: type its place, then Tab on
            place = {step.id: n for n, step in enumerate(question.steps, 1)}
            while page.evaluate("document.activeElement.tagName") == "SELECT":
                row = page.evaluate("document.activeElement.closest('.quiz__row').dataset.item")
                page.keyboard.type(str(place[row]))
                page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.classList.contains('quiz__check')")
            page.keyboard.press("Enter")
        elif question.type == "single":
            right = next(o.id for o in question.options if o.correct)
            page.keyboard.press("Space")
            for _ in range(len(question.options)):
                if page.evaluate("document.activeElement.value") == right:
                    break
                page.keyboard.press("ArrowDown")
            tab_until(page, "el.classList.contains('quiz__check')")
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none"  # visible focus
            page.keyboard.press("Enter")
        elif question.type == "multiple":
            right = {o.id for o in question.options if o.correct}
            while page.evaluate("document.activeElement.type") == "checkbox":
                if page.evaluate("document.activeElement.value") in right:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.classList.contains('quiz__check')")
            page.keyboard.press("Space")
        else:
            typed = question.accept[0] if question.type == "short" else str(int(question.answer))
            page.keyboard.type(typed)
            page.keyboard.press("Enter")
        expect(verdict(page.locator(f"#q-{question.id}"))).to_have_text("\N{CHECK MARK} Correct.")
    expect(score(page)).to_have_text("11 of 11 correct")


# --- instant navigation, assets, no JavaScript --------------------------------------------


def quiz_assets(page: Page) -> int:
    return page.locator(
        "link[href*='assets/quiz/quiz.css'], script[src*='assets/quiz/quiz.js']"
    ).count()


def test_instant_navigation_between_pages(quiz_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(quiz_site, wait_until="networkidle")  # Material has read sitemap.xml
    assert quiz_assets(page) == 0  # no quiz, no quiz CSS or JS
    page.evaluate("window.__sameDocument = true")

    page.get_by_role("link", name="distros quiz", exact=True).click()
    page.wait_for_selector(".quiz[data-quiz='distros'][data-quiz-ready]")
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    rich = page.locator("#q-distros-servers-with-budget")
    expect(rich.locator(".quiz__check")).to_be_visible()
    border = rich.evaluate("el => getComputedStyle(el).borderLeftWidth")
    assert border != "0px"  # quiz.css arrived with the content
    rich.get_by_label("Red Hat Enterprise Linux (RHEL)").check()
    check(rich)
    expect(verdict(rich)).to_have_text("\N{CHECK MARK} Correct.")

    page.get_by_role("link", name="backups quiz", exact=True).click()
    page.wait_for_selector(".quiz[data-quiz='backups'][data-quiz-ready]")
    assert page.evaluate("window.__sameDocument") is True
    weekly = page.locator("#q-backups-weekly-full-max-loss")
    weekly.get_by_label("Your answer (days)").fill("7")
    check(weekly)
    expect(verdict(weekly)).to_have_text("\N{CHECK MARK} Correct.")
    expect(verdict(weekly).locator("p")).to_have_count(1)  # one handler, not one per visit

    page.go_back()
    page.wait_for_selector(".quiz[data-quiz='distros'][data-quiz-ready]")
    expect(score(page)).to_have_text("1 of 13 correct (12 not answered yet)")
    page.get_by_role("link", name="backups quiz", exact=True).click()
    page.get_by_role("link", name="home", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Home")
    assert page.evaluate("window.__sameDocument") is True
    assert quiz_assets(page) == 0


def test_scripts_arriving_out_of_order_on_instant_navigation(
    quiz_site: str, context: BrowserContext
) -> None:
    """Material inserts a new page's scripts at once, so they run as they arrive: here
    schedule.js comes a second after quiz.js, and the quiz still works and records."""

    def late(route: Route) -> None:
        time.sleep(1)
        route.continue_()

    context.route(re.compile(r"/assets/quiz/(schedule|study)\.js$"), late)
    page = context.new_page()
    # Material intercepts links once it has read sitemap.xml: on a busy machine, a click
    # right after the load event would be an ordinary navigation.
    page.goto(quiz_site, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="distros quiz", exact=True).click()
    page.wait_for_selector(".quiz[data-quiz='distros'][data-quiz-ready]")
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"
    rich = page.locator("#q-distros-servers-with-budget")
    rich.get_by_label("Red Hat Enterprise Linux (RHEL)").check()
    check(rich)
    expect(verdict(rich)).to_have_text("\N{CHECK MARK} Correct.")
    page.get_by_role("link", name="progress", exact=True).click()  # study.js late too
    expect(page.locator("tr[data-quiz='distros'] td").nth(1)).to_have_text("1")
    assert page.evaluate("window.__sameDocument") is True


def test_without_javascript_answers_are_in_details(quiz_site: str, browser: Browser) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = ctx.new_page()
    try:
        page.goto(quiz_site + "quizzes/distros/")
        details = page.locator("details.quiz__answer")
        expect(details).to_have_count(13)
        expect(page.locator(".quiz__check").first).to_be_hidden()
        expect(page.locator(".quiz__summary")).to_be_hidden()
        first = page.locator("#q-distros-servers-with-budget details")
        expect(first.locator("summary")).to_have_text("Show the answer")
        first.locator("summary").click()
        expect(first.locator(".quiz__key")).to_have_text("Answer: Red Hat Enterprise Linux (RHEL)")
        expect(first.locator(".quiz__judged")).to_contain_text("Wrong: CentOS Linux")
        expect(first).to_contain_text("With money to spend")
        # An order question's answer is the steps, in order.
        page.goto(quiz_site + "quizzes/backups/")
        order = page.locator("#q-backups-restore-notebooks-order details")
        order.locator("summary").click()
        expect(order.locator(".quiz__key ol li")).to_have_count(4)
        expect(order.locator(".quiz__key ol li").last).to_have_text(
            "Copy the notebooks you need back to where they belong"
        )
    finally:
        ctx.close()


def test_index_links_and_exports_resolve(quiz_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    page.goto(quiz_site + "quizzes/")
    links = page.locator(".quiz-index a")
    hrefs = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
    assert len(hrefs) == 3 * 4 + 1  # 3 quizzes x (page + 3 exports) + the answer key
    for url in hrefs:
        assert page.request.get(url).ok, url
    page.goto(quiz_site + "quizzes/key/")
    expect(page.locator("#key-distros-aws-vm .quiz__key")).to_contain_text("Amazon Linux 2023")
    # Command output keeps its columns (Material centres figures; the key has no quiz.css).
    exhibit = page.locator(".quiz__exhibit pre", has_text="/dev/xvda1").first
    assert exhibit.evaluate("el => getComputedStyle(el).textAlign") in ("left", "start")
    expect(exhibit).to_contain_text("/dev/xvda1      100G   19G   82G  19% /")


# --- accessibility -----------------------------------------------------------------------


def serious(page: Page, selector: str) -> list[str]:
    # Only what studynotes.quiz renders: Material's own chrome and prose styling (its search
    # dialog, footer, unstyled inline links) have findings of their own that are not ours.
    return [
        f"{v['id']} ({v['impact']}): {[(n['target'], n['html'][:200]) for n in v['nodes']]}"
        for v in axe_violations(page, {"include": [[selector]]})
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("quizzes/distros/", ".quiz"),
        ("quizzes/backups/", ".quiz"),
        ("quizzes/key/", "#key-backups"),  # every question type; other sections repeat it
        ("quizzes/", ".quiz-index"),
    ],
)
def test_axe_light_and_dark(
    quiz_site: str, context: BrowserContext, path: str, selector: str
) -> None:
    page = context.new_page()
    page.goto(quiz_site + path)
    if selector == ".quiz":
        page.wait_for_selector(".quiz[data-quiz-ready]")
        forms = page.locator("form.quiz__question")
        for index in (0, 1, 2):  # answered, so marks and feedback are on screen
            forms.nth(index).locator("input").first.check()
            check(forms.nth(index))
        forms.nth(3).get_by_role("button", name="Check answer").focus()
    assert serious(page, selector) == []
    page.locator("[data-md-component=palette] label:not([hidden])").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert serious(page, selector) == []


def test_quiz_text_never_runs_as_script(quiz_site: str, context: BrowserContext) -> None:
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(quiz_site)
    # By instant navigation too: Material re-creates the <script> elements of new content.
    page.get_by_role("link", name="hostile text").click()
    page.wait_for_selector(".quiz[data-quiz='hostile'][data-quiz-ready]")
    question = page.locator("#q-hostile-q")
    expect(question.locator("legend")).to_contain_text(f"Pick {EVIL}")
    question.locator("input").first.check()
    check(question)
    expect(question.locator(".quiz__reveal")).to_contain_text(EVIL)
    scripts = page.evaluate(
        "[...document.querySelectorAll('.quiz script')].map(s => s.getAttribute('src'))"
    )
    assert [src.rsplit("/", 1)[-1] for src in scripts] == ["schedule.js", "quiz.js"]
    assert page.locator(".quiz img").count() == 0
    page.reload()
    page.wait_for_selector(".quiz[data-quiz='hostile'][data-quiz-ready]")
    assert dialogs == []
