"""Quiz HTML: escaped quiz text, answers in no-JS details blocks, working relative links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from macros.df_quiz import disk_space_quiz
from studynotes.quiz import load_quizzes, render_answer_key, render_index, render_quiz
from studynotes.quiz.check import key
from studynotes.quiz.markup import inline, paragraphs, plain
from studynotes.quiz.schema import Quiz
from studynotes.quiz.urls import Links, href, page_url

ROOT = Path(__file__).resolve().parents[1]
EVIL = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def quizzes() -> list[Quiz]:
    return [*load_quizzes(ROOT / "data" / "quizzes").quizzes, disk_space_quiz()]


def evil_quiz() -> Quiz:
    explanation = f"{EVIL} and {IMG}"
    common = {"prompt": f"Which? {EVIL} {IMG}", "explanation": explanation}
    return Quiz.model_validate(
        {
            "id": "evil",
            "title": f"Title {EVIL}",
            "description": f"Description {IMG}",
            "page": "quizzes/evil.md",
            "source": EVIL,
            "questions": [
                {
                    **common,
                    "id": "evil-single",
                    "type": "single",
                    "exhibit": {"caption": EVIL, "text": f"$ echo\n{EVIL}\n</pre>"},
                    "options": [
                        {"text": EVIL, "correct": True, "feedback": IMG},
                        {"text": f"**bold** `{EVIL}`", "feedback": EVIL},
                    ],
                    "learn_more": "linux/distros.md#aws-vm",
                },
                {
                    **common,
                    "id": "evil-short",
                    "type": "short",
                    "accept": [EVIL],
                    "learn_more": "linux/backups.md",
                },
            ],
        }
    )


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_quiz_text_cannot_inject_html() -> None:
    html = render_quiz(evil_quiz())
    parsed = soup(html)
    scripts = parsed.find_all("script")
    assert [s.get("src") for s in scripts] == [
        "../../assets/quiz/schedule.js",
        "../../assets/quiz/quiz.js",
    ]
    assert all(not s.string for s in scripts)
    assert parsed.find("img") is None
    assert not parsed.find_all(attrs={"onerror": True})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert EVIL in parsed.get_text()  # shown as text
    assert "</pre>" not in parsed.select_one(".quiz__exhibit pre").decode_contents()


def test_answer_key_and_index_escape_too() -> None:
    for html in (
        render_answer_key([evil_quiz()], "quizzes/key.md"),
        render_index([evil_quiz()], "quizzes/index.md"),
    ):
        parsed = soup(html)
        assert parsed.find("script") is None
        assert parsed.find("img") is None
        assert "&lt;script&gt;" in html


def test_inline_subset() -> None:
    assert inline("Run `df -h` **now**") == "Run <code>df -h</code> <strong>now</strong>"
    assert inline("`**not bold**` <b>") == "<code>**not bold**</code> &lt;b&gt;"
    assert paragraphs("One\nline.\n\nTwo.") == "<p>One line.</p><p>Two.</p>"


def test_one_raw_html_block(quizzes: list[Quiz]) -> None:
    for quiz in quizzes:
        html = render_quiz(quiz)
        assert html.startswith(f'<div class="quiz" data-quiz="{quiz.id}"')
        assert "\n\n" not in html.strip()  # a blank line would end the block in Markdown
        top = [c for c in soup(html).children if isinstance(c, Tag)]
        assert len(top) == 1


def test_no_js_details_hold_every_answer(quizzes: list[Quiz]) -> None:
    quiz = next(q for q in quizzes if q.id == "backups")
    parsed = soup(render_quiz(quiz))
    for question in quiz.questions:
        form = parsed.select_one(f"#q-{question.id}")
        assert form is not None
        details = form.select_one("details.quiz__answer")
        explanation = details.select_one(".quiz__reveal").get_text(" ")
        assert plain(question.explanation).split()[0] in explanation
        if question.type == "order":
            steps = [li.get_text() for li in details.select(".quiz__key ol li")]
            assert steps == [soup(inline(step.text)).get_text() for step in question.steps]
            continue
        answer = details.select_one(".quiz__key strong").get_text()
        match question.type:
            case "single" | "multiple":
                assert answer == "; ".join(
                    soup(inline(o.text)).get_text() for o in question.options if o.correct
                )
                judged = details.select(".quiz__judged li")
                assert len(judged) == len(question.options)
                assert all("Right" in li.get_text() or "Wrong" in li.get_text() for li in judged)
            case "short":
                assert answer == question.accept[0]
            case "numeric":
                assert answer.startswith("7 days") or answer.startswith("24 hours")


def test_controls_are_labelled_and_js_only_parts_hidden(quizzes: list[Quiz]) -> None:
    for quiz in quizzes:
        parsed = soup(render_quiz(quiz))
        for question in quiz.questions:
            form = parsed.select_one(f"#q-{question.id}")
            assert form.select_one("fieldset > legend")
            assert json.loads(form["data-key"]) == key(question)
            assert form.select_one(".quiz__feedback")["aria-live"] == "polite"
            assert form.select_one(".quiz__check").has_attr("hidden")
            for control in form.select("input, select"):
                assert form.select_one(f'label[for="{control["id"]}"]'), control
            kinds = {control["type"] for control in form.select("input")}
            kinds |= {"select"} if form.select("select") else set()
            expected = {"single": "radio", "multiple": "checkbox", "short": "text"}
            expected |= {"order": "select", "match": "select"}
            assert kinds == {expected.get(question.type, "number")}
        assert parsed.select_one(".quiz__summary").has_attr("hidden")


def test_links_are_relative_to_the_quiz_page(quizzes: list[Quiz]) -> None:
    distros = next(q for q in quizzes if q.id == "distros")
    parsed = soup(render_quiz(distros, "quizzes/distros.md"))
    first = parsed.select_one(".quiz__more a")["href"]
    assert first == "../../linux/distros/#servers-with-budget"
    assert parsed.select_one("link")["href"] == "../../assets/quiz/quiz.css"
    flat = soup(render_quiz(distros, "quizzes/distros.md", links=Links(directory_urls=False)))
    assert flat.select_one(".quiz__more a")["href"] == "../linux/distros.html#servers-with-budget"
    bare = soup(render_quiz(distros, assets=False))
    assert bare.find("link") is None and bare.find("script") is None


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("linux/distros.md#x", "quizzes/distros.md", "../../linux/distros/#x"),
        ("linux/distros.md", "linux/backups.md", "../distros/"),
        ("index.md", "quizzes/distros.md", "../../"),
        ("quizzes/distros.md", "index.md", "quizzes/distros/"),
        ("quizzes/distros.md", "quizzes/index.md", "distros/"),
        ("quizzes/index.md#top", "quizzes/index.md", "./#top"),
        ("assets/quiz/quiz.js", "index.md", "assets/quiz/quiz.js"),
        ("quizzes/exports/a.json", "quizzes/index.md", "exports/a.json"),
    ],
)
def test_href(target: str, page: str, expected: str) -> None:
    assert href(target, page) == expected


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        (
            "linux/disk-space.md#df-answers",
            "quizzes/disk-space.md",
            "../linux/disk-space.md#df-answers",
        ),
        ("assets/quiz/quiz.css", "quizzes/s3.md", "../assets/quiz/quiz.css"),
        ("quizzes/exports/a.json", "quizzes/index.md", "exports/a.json"),
        ("quizzes/distros.md", "index.md", "quizzes/distros.md"),
    ],
)
def test_href_where_the_engine_rewrites_raw_html(target: str, page: str, expected: str) -> None:
    """Zensical resolves raw-HTML URLs from the .md file: paths between docs files."""
    assert href(target, page, Links(raw_html_rewritten=True)) == expected


def test_page_url() -> None:
    assert page_url("linux/distros.md") == "linux/distros/"
    assert page_url("linux/index.md", use_directory_urls=False) == "linux/index.html"
    assert page_url("README.md") == ""


def test_index_lists_every_quiz_with_count_and_exports(quizzes: list[Quiz]) -> None:
    parsed = soup(render_index(quizzes, "quizzes/index.md", answer_key_page="quizzes/key.md"))
    rows = parsed.select("tbody tr")
    assert len(rows) == len(quizzes)
    for row, quiz in zip(rows, quizzes, strict=True):
        links = [a["href"] for a in row.select("a")]
        assert links[0] == f"{quiz.id}/"
        assert links[1:] == [
            f"exports/{quiz.id}.json",
            f"exports/{quiz.id}.qti.zip",
            f"exports/{quiz.id}.apkg",
        ]
        assert row.select("td")[2].get_text() == str(len(quiz.questions))
    assert parsed.select("p a")[-1]["href"] == "key/"


def test_answer_key_has_every_question_and_no_controls(quizzes: list[Quiz]) -> None:
    parsed = soup(render_answer_key(quizzes, "quizzes/key.md"))
    assert parsed.find("script") is None and parsed.find("input") is None
    assert parsed.find("details") is None  # printable: nothing folded away
    for quiz in quizzes:
        for question in quiz.questions:
            item = parsed.select_one(f"#key-{question.id}")
            assert item is not None and item.select_one(".quiz__key").get_text().strip()
    aws = parsed.select_one("#key-distros-aws-vm")
    assert "Amazon Linux 2023" in aws.select_one(".quiz__key").get_text()
    assert aws.select_one("a")["href"] == "../../linux/distros/#aws-vm"
