"""Exports: QTI 1.2 that parses with the right answers, JSON that round-trips, Anki decks."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from macros.df_quiz import disk_space_quiz
from studynotes.quiz import export_files, load_quizzes, types, write_exports
from studynotes.quiz.export import from_json, qti_xml, to_json
from studynotes.quiz.markup import number
from studynotes.quiz.schema import Question, Quiz

ROOT = Path(__file__).resolve().parents[1]
NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
CP = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}


@pytest.fixture(scope="module")
def quizzes() -> list[Quiz]:
    return [*load_quizzes(ROOT / "data" / "quizzes").quizzes, disk_space_quiz()]


@pytest.fixture(scope="module")
def exported(quizzes: list[Quiz], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    written = write_exports(quizzes, out, site_url="https://example.org/notes/")
    assert sorted(p.name for p in written) == sorted(
        name for quiz in quizzes for name in export_files(quiz).values()
    )
    return out


def field(item: ET.Element, label: str) -> str | None:
    for entry in item.iterfind(".//q:qtimetadatafield", NS):
        if entry.findtext("q:fieldlabel", namespaces=NS) == label:
            return entry.findtext("q:fieldentry", namespaces=NS)
    return None


def scoring(item: ET.Element) -> ET.Element:
    conditions = item.findall(".//q:respcondition[@continue='No']", NS)
    assert len(conditions) == 1
    assert conditions[0].findtext("q:setvar", namespaces=NS) == "100"
    return conditions[0].find("q:conditionvar", NS)


def test_qti_package_has_one_item_per_question(quizzes: list[Quiz], exported: Path) -> None:
    for quiz in quizzes:
        with zipfile.ZipFile(exported / f"{quiz.id}.qti.zip") as package:
            manifest = ET.fromstring(package.read("imsmanifest.xml"))
            resource = manifest.find(".//cp:resource", CP)
            assert resource.get("type") == "imsqti_xmlv1p2"
            root = ET.fromstring(package.read(resource.get("href")))
        assert root.tag == f"{{{NS['q']}}}questestinterop"
        items = root.findall(".//q:item", NS)
        assert [i.get("ident") for i in items] == [q.id for q in quiz.questions]


def test_qti_correct_answers(quizzes: list[Quiz]) -> None:
    types = {
        "single": "multiple_choice_question",
        "multiple": "multiple_answers_question",
        "short": "short_answer_question",
        "numeric": "numerical_question",
        "order": "matching_question",
        "match": "matching_question",
    }
    for quiz in quizzes:
        root = ET.fromstring(qti_xml(quiz))
        for question, item in zip(quiz.questions, root.iterfind(".//q:item", NS), strict=True):
            assert field(item, "question_type") == types[question.type]
            if question.type in ("order", "match"):
                _check_matching(question, item)
                continue
            condition = scoring(item)
            if question.type in ("single", "multiple"):
                labels = [e.get("ident") for e in item.iterfind(".//q:response_label", NS)]
                assert sorted(labels) == sorted(o.id for o in question.options)
                wrong = {e.text for e in condition.iterfind(".//q:not/q:varequal", NS)}
                every = {e.text for e in condition.iterfind(".//q:varequal", NS)}
                right = {o.id for o in question.options if o.correct}
                assert every - wrong == right
                assert wrong == {o.id for o in question.options if not o.correct} or (
                    question.type == "single" and not wrong
                )
                cardinality = item.find(".//q:response_lid", NS).get("rcardinality")
                assert cardinality == ("Single" if question.type == "single" else "Multiple")
            elif question.type == "short":
                values = [e.text for e in condition.iterfind(".//q:varequal", NS)]
                assert values == question.accept
            else:
                assert condition.findtext(".//q:varequal", namespaces=NS) == number(question.answer)
                low = float(condition.findtext(".//q:vargte", namespaces=NS))
                high = float(condition.findtext(".//q:varlte", namespaces=NS))
                assert (low, high) == pytest.approx(
                    (question.answer - question.tolerance, question.answer + question.tolerance)
                )
                assert item.find(".//q:render_fib", NS).get("fibtype") == "Decimal"


def _check_matching(question: Question, item: ET.Element) -> None:
    """Canvas' matching question: a response per row, each scored by its right answer."""
    kind = types.of(question)
    rows = item.findall(".//q:response_lid", NS)
    assert [r.get("ident") for r in rows] == [f"response_{r.id}" for r in kind.shown(question)]
    right = dict(zip((r.id for r in kind.rows(question)), kind.expected(question), strict=True))
    conditions = item.findall(".//q:respcondition", NS)[1:]  # after the general feedback
    assert len(conditions) == len(rows)
    for row, condition in zip(kind.shown(question), conditions, strict=True):
        test = condition.find(".//q:varequal", NS)
        assert (test.get("respident"), test.text) == (f"response_{row.id}", right[row.id])
        assert condition.find("q:setvar", NS).get("action") == "Add"
    total = sum(float(c.findtext("q:setvar", namespaces=NS)) for c in conditions)
    assert total == pytest.approx(100, abs=0.01)


def test_qti_feedback_and_escaping() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "evil",
            "title": "T",
            "description": "D",
            "page": "quizzes/evil.md",
            "source": "S",
            "questions": [
                {
                    "id": "evil-q",
                    "type": "single",
                    "prompt": "<script>alert(1)</script>",
                    "options": [
                        {"text": "A", "correct": True, "feedback": "Yes"},
                        {"text": "B"},
                    ],
                    "explanation": "Because.",
                    "learn_more": "linux/distros.md#aws-vm",
                }
            ],
        }
    )
    item = ET.fromstring(qti_xml(quiz, "https://example.org/notes")).find(".//q:item", NS)
    prompt = item.findtext("q:presentation/q:material/q:mattext", namespaces=NS)
    assert "&lt;script&gt;" in prompt and "<script>" not in prompt
    feedback = {f.get("ident"): f for f in item.iterfind("q:itemfeedback", NS)}
    assert set(feedback) == {"general_fb", "a_fb"}
    general = feedback["general_fb"].findtext(".//q:mattext", namespaces=NS)
    assert "https://example.org/notes/linux/distros/#aws-vm" in general


def test_json_round_trips(quizzes: list[Quiz], exported: Path) -> None:
    for quiz in quizzes:
        assert from_json(to_json(quiz)) == quiz
        assert from_json((exported / f"{quiz.id}.json").read_text(encoding="utf-8")) == quiz
    with pytest.raises(ValueError, match="not a studynotes-quiz"):
        from_json('{"format": "other"}')


def test_anki_deck_has_one_note_per_question(
    quizzes: list[Quiz], exported: Path, tmp_path: Path
) -> None:
    for quiz in quizzes:
        path = exported / f"{quiz.id}.apkg"
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
            collection = tmp_path / f"{quiz.id}.anki2"
            collection.write_bytes(package.read("collection.anki2"))
        with sqlite3.connect(collection) as db:
            notes = db.execute("select guid, flds, tags from notes").fetchall()
            cards = db.execute("select count(*) from cards").fetchone()[0]
        assert len(notes) == len(quiz.questions) == cards
        assert sorted(flds.split("\x1f")[0] for _, flds, _ in notes) == sorted(
            q.id for q in quiz.questions
        )
        assert len({guid for guid, _, _ in notes}) == len(notes)
        assert all(quiz.id in tags for _, _, tags in notes)


def test_cached_exports_are_reused_and_refreshed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studynotes.quiz import export as export_module

    bank = load_quizzes(ROOT / "data" / "quizzes")
    quiz = bank.get("backups")
    cache = tmp_path / "cache"
    first = export_module.write_exports_cached([quiz], tmp_path / "a", cache)
    made = [path.read_bytes() for path in first]
    calls = []
    real = export_module.write_exports

    def spy(*args: object, **kwargs: object) -> list[Path]:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export_module, "write_exports", spy)
    second = export_module.write_exports_cached([quiz], tmp_path / "b", cache)
    assert calls == [] and [path.read_bytes() for path in second] == made  # reused
    export_module.write_exports_cached([quiz], tmp_path / "c", cache, site_url="https://x/")
    assert len(calls) == 1  # a different site URL makes new files
