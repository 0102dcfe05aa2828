"""The question types' registry and the two types it proves itself with: order and match.

Each type is one module (``studynotes/quiz/types/``); these tests hold the registry to
that, check order and match end to end (schema errors at their line, grading, the
page's key, the terminal, the exports as Anki itself imports them, and a reader in
Chromium with the keyboard and without JavaScript).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from studynotes.errors import SourceErrors
from studynotes.quiz import load_quizzes, types
from studynotes.quiz.check import is_correct, key
from studynotes.quiz.export import write_anki
from studynotes.quiz.runner import run
from studynotes.quiz.schema import QUESTION_TYPES, Question
from tests.support import ROOT

QUIZZES = ROOT / "data" / "quizzes"
ROWS = ("order", "match")


def _real(kind: str) -> list[Question]:
    bank = load_quizzes(QUIZZES)
    return [q for quiz in bank.quizzes for q in quiz.questions if q.type == kind]


def test_every_type_is_one_module_and_one_registry_entry() -> None:
    modules = {p.stem for p in (ROOT / "studynotes" / "quiz" / "types").glob("*.py")}
    shared = {"__init__", "base", "choice", "rows"}  # the registry and what types share
    assert modules - shared == set(types.TYPES) == set(QUESTION_TYPES)
    for name, question_type in types.TYPES.items():
        assert question_type.model.model_fields["type"].annotation.__args__ == (name,)


@pytest.mark.parametrize("kind", ROWS)
def test_real_questions_grade_their_answer_and_nothing_else(kind: str) -> None:
    questions = _real(kind)
    assert questions, f"no real {kind} question"
    for question in questions:
        rows_type = types.of(question)
        right = rows_type.expected(question)
        assert is_correct(question, right)
        assert not is_correct(question, right[1:] + right[:1])  # every row moved on
        assert not is_correct(question, right[:-1])
        # The browser's key is the same answer, row by row in the order the page shows.
        by_row = dict(zip((r.id for r in rows_type.rows(question)), right, strict=True))
        shown = [row.id for row in rows_type.shown(question)]
        assert key(question) == {"expected": [by_row[row] for row in shown]}


def test_the_order_shown_is_never_the_answer() -> None:
    for question in _real("order"):
        steps = [step.id for step in question.steps]
        assert [row.id for row in types.of(question).shown(question)] != steps


def _quiz_file(tmp_path: Path, question: str) -> Path:
    (tmp_path / "q.yml").write_text(
        "id: t\ntitle: T\ndescription: D\npage: quizzes/t.md\nsource: S\nquestions:\n" + question
    )
    return tmp_path


def test_a_match_with_a_repeated_match_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = _quiz_file(
        tmp_path,
        "  - id: m\n    type: match\n    prompt: P\n    explanation: E\n"
        "    learn_more: linux/distros.md\n    pairs:\n"
        "      - {term: Ubuntu, match: Debian family}\n"
        "      - {term: Lubuntu, match: Debian family}\n",
    )
    with pytest.raises(SourceErrors) as caught:
        load_quizzes(folder)
    (error,) = caught.value.errors
    assert error.line == 13  # the list of pairs
    assert "two terms have the same match: Debian family (each match once)" in error.problem


def test_an_order_of_one_step_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = _quiz_file(
        tmp_path,
        "  - id: o\n    type: order\n    prompt: P\n    explanation: E\n"
        "    learn_more: linux/distros.md\n    steps:\n      - text: Only\n",
    )
    with pytest.raises(SourceErrors) as caught:
        load_quizzes(folder)
    (error,) = caught.value.errors
    assert error.line == 13 and "at least 2 items" in error.problem  # the steps


def test_the_terminal_asks_again_until_every_step_has_a_place() -> None:
    backups = load_quizzes(QUIZZES).get("backups")
    (question,) = [q for q in backups.questions if q.type == "order"]
    one = backups.model_copy(update={"questions": [question]})
    order = types.of(question)
    right = dict(zip((s.id for s in question.steps), order.expected(question), strict=True))
    places = {answer.id: n for n, answer in enumerate(order.answers(question), 1)}
    answer = " ".join(str(places[right[row.id]]) for row in order.shown(question))
    out = io.StringIO()
    score = run(one, io.StringIO(f"1 2\n9 9 9 9\n{answer}\n"), out)
    assert score == (1, 1)
    assert out.getvalue().count("Type 4 numbers from 1 to 4, one for each line") == 2


def test_anki_imports_every_deck_with_each_question_and_its_answer(tmp_path: Path) -> None:
    """The `anki` package, Anki's own code, imports each export as the app does."""
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        for quiz in load_quizzes(QUIZZES).quizzes:
            deck = tmp_path / f"{quiz.id}.apkg"
            write_anki(quiz, deck)
            options = ImportAnkiPackageOptions(with_scheduling=False)
            done = collection.import_anki_package(
                ImportAnkiPackageRequest(package_path=str(deck), options=options)
            )
            assert len(done.log.new) == len(quiz.questions), quiz.id
        notes = {}
        for note_id in collection.find_notes(""):
            note = collection.get_note(note_id)
            notes[note["Id"]] = note
        every = [q for quiz in load_quizzes(QUIZZES).quizzes for q in quiz.questions]
        assert set(notes) == {q.id for q in every}
        (order,) = [q for q in _real("order") if q.id == "backups-restore-notebooks-order"]
        back = notes[order.id]["Answer"]
        assert back.index("Make a scratch directory") < back.index("Copy the notebooks")
        (match,) = _real("match")[:1]
        assert all(pair.term in notes[match.id]["Prompt"] for pair in match.pairs)
    finally:
        collection.close()


# --- a reader in Chromium -----------------------------------------------------------------


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".quiz[data-quiz-ready]")


def test_a_match_answered_with_the_keyboard_and_read_by_its_labels(
    quiz_site: str, page: Page
) -> None:
    _open(page, quiz_site + "quizzes/distros/")
    (question,) = [q for q in load_quizzes(QUIZZES).get("distros").questions if q.type == "match"]
    form = page.locator(f"#q-{question.id}")
    for pair in question.pairs:  # each list is named by its term, as a screen reader says it
        expect(form.get_by_label(pair.term, exact=True)).to_have_count(1)
    first = form.locator("select").first
    first.focus()
    for _ in question.pairs:  # keyboard only: arrows through each list to its match
        row = page.evaluate("document.activeElement.closest('.quiz__row').dataset.item")
        match = next(p.match for p in question.pairs if p.id == row)
        for _ in range(len(question.pairs) + 1):
            chosen = page.evaluate("document.activeElement.selectedOptions[0].textContent")
            if chosen == match:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('quiz__check')")
    page.keyboard.press("Enter")
    expect(form.locator(".quiz__feedback")).to_have_text("\N{CHECK MARK} Correct.")
    expect(form.locator(".quiz__row .quiz__mark").first).to_have_text("\N{CHECK MARK} Right")
    expect(form.locator("select").first).to_be_disabled()


def test_an_order_half_done_then_wrong_says_so_row_by_row(quiz_site: str, page: Page) -> None:
    _open(page, quiz_site + "quizzes/backups/")
    form = page.locator("#q-backups-restore-notebooks-order")
    lists = form.locator("select")
    lists.first.select_option(label="1")
    form.get_by_role("button", name="Check answer").click()
    expect(form.locator(".quiz__feedback")).to_have_text("Choose an answer for every line first.")
    for n in range(4):  # every step in the place the page shows it: not the order
        lists.nth(n).select_option(label=str(n + 1))
    form.get_by_role("button", name="Check answer").click()
    expect(form.locator(".quiz__feedback")).to_have_text("\N{BALLOT X} Not quite.")
    marks = form.locator(".quiz__row .quiz__mark")
    expect(marks).to_have_count(4)
    assert "\N{BALLOT X} Wrong" in marks.all_text_contents()
    expect(form.locator(".quiz__key ol li").first).to_have_text(
        "Make a scratch directory with mkdir -p ~/restore"
    )


def test_an_order_question_on_the_review_page(quiz_site: str, page: Page) -> None:
    """Study mode asks a rows question with the same form: the bank is narrowed to it."""
    import json
    import urllib.request

    with urllib.request.urlopen(quiz_site + "quizzes/exports/study.json") as answer:
        bank = json.load(answer)
    backups = next(quiz for quiz in bank["quizzes"] if quiz["id"] == "backups")
    order = [q for q in backups["questions"] if q["id"] == "backups-restore-notebooks-order"]
    narrowed = json.dumps({**bank, "quizzes": [{**backups, "questions": order}]})
    page.route("**/study.json", lambda route: route.fulfill(body=narrowed, status=200))
    page.goto(quiz_site + "quizzes/review/")
    card = page.locator(".study__card form")
    lists = card.locator("select")
    expect(lists).to_have_count(4)
    for n in range(4):  # each step in the place the card shows it: not the order
        lists.nth(n).select_option(label=str(n + 1))
    card.get_by_role("button", name="Check answer").click()
    expect(card.locator(".quiz__feedback")).to_have_text("\N{BALLOT X} Not quite.")
    expect(card.locator(".quiz__row .quiz__mark")).to_have_count(4)
