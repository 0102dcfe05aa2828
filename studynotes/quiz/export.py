"""Quizzes as files to take elsewhere: JSON, an IMS QTI 1.2 package, an Anki deck.

QTI follows the item conventions Canvas exports and imports (``question_type`` metadata,
``response1``, a SCORE of 100 for the right answer), which Moodle's and other LMS
importers of QTI 1.2 read too. Options are put in a stable pseudo-random order:
the YAML often lists the right answer first, and an export should not give that away.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from html import escape
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

from studynotes.quiz import qti, types
from studynotes.quiz.check import answer_text
from studynotes.quiz.filecache import code_of, content_key, copy_cached
from studynotes.quiz.markup import inline, paragraphs, plain
from studynotes.quiz.schema import (
    Question,
    Quiz,
)
from studynotes.quiz.urls import page_url

JSON_FORMAT = "studynotes-quiz"
JSON_VERSION = 1
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
# Anki identifies a note type by a number; a fixed one makes re-imports update, not duplicate.
ANKI_MODEL_ID = 1_702_441_205


def export_files(quiz: Quiz) -> dict[str, str]:
    """File names of ``quiz``'s exports by format, as ``write_exports`` writes them."""
    return {
        "JSON": f"{quiz.id}.json",
        "QTI 1.2 (Canvas, Moodle)": f"{quiz.id}.qti.zip",
        "Anki deck": f"{quiz.id}.apkg",
    }


def write_exports(quizzes: Iterable[Quiz], out_dir: Path, site_url: str = "") -> list[Path]:
    """Write every quiz's JSON, QTI zip and Anki deck into ``out_dir``; return the paths.

    ``site_url`` (the site's absolute URL) turns the "learn more" references of QTI
    items and Anki cards into links; without it they name the docs page.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for quiz in quizzes:
        json_name, qti_name, anki_name = export_files(quiz).values()
        (out_dir / json_name).write_text(to_json(quiz), encoding="utf-8")
        (out_dir / qti_name).write_bytes(qti_package(quiz, site_url))
        write_anki(quiz, out_dir / anki_name, site_url)
        written += [out_dir / json_name, out_dir / qti_name, out_dir / anki_name]
    return written


def write_exports_cached(
    quizzes: Iterable[Quiz], out_dir: Path, cache_dir: Path, site_url: str = ""
) -> list[Path]:
    """As ``write_exports``, reusing the files made earlier for identical quiz data."""
    code = code_of(__file__)
    written = []
    for quiz in quizzes:
        key = content_key(code, site_url, to_json(quiz))

        def write(folder: Path, quiz: Quiz = quiz) -> None:
            write_exports([quiz], folder, site_url)

        written += copy_cached(cache_dir, key, export_files(quiz).values(), write, out_dir)
    return written


# --- JSON --------------------------------------------------------------------------------


def to_json(quiz: Quiz) -> str:
    data = {"format": JSON_FORMAT, "version": JSON_VERSION, "quiz": quiz.model_dump(mode="json")}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def from_json(text: str) -> Quiz:
    """A quiz back from ``to_json``'s output (validated like a quiz file)."""
    data = json.loads(text)
    if data.get("format") != JSON_FORMAT:
        raise ValueError(f"not a {JSON_FORMAT} file")
    return Quiz.model_validate(data["quiz"])


# --- QTI 1.2 -----------------------------------------------------------------------------


def qti_xml(quiz: Quiz, site_url: str = "") -> bytes:
    """The quiz as one QTI 1.2 ``questestinterop`` assessment with one item per question."""
    root = Element("questestinterop", {"xmlns": QTI_NS})
    assessment = SubElement(root, "assessment", {"ident": quiz.id, "title": quiz.title})
    qti.metadata(assessment, {"cc_maxattempts": "1"})
    section = SubElement(assessment, "section", {"ident": "root_section"})
    for question in quiz.questions:
        section.append(_item(question, site_url))
    return tostring(root, encoding="utf-8", xml_declaration=True)


def qti_package(quiz: Quiz, site_url: str = "") -> bytes:
    """A zip with ``imsmanifest.xml`` and the assessment: what Canvas's QTI import takes."""
    xml_name = f"{quiz.id}/{quiz.id}.xml"
    manifest = Element("manifest", {"identifier": f"studynotes-{quiz.id}", "xmlns": CP_NS})
    metadata = SubElement(manifest, "metadata")
    SubElement(metadata, "schema").text = "IMS Content"
    SubElement(metadata, "schemaversion").text = "1.1.3"
    SubElement(manifest, "organizations")
    resources = SubElement(manifest, "resources")
    resource = SubElement(
        resources, "resource", {"identifier": quiz.id, "type": "imsqti_xmlv1p2", "href": xml_name}
    )
    SubElement(resource, "file", {"href": xml_name})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "imsmanifest.xml", tostring(manifest, encoding="utf-8", xml_declaration=True)
        )
        package.writestr(xml_name, qti_xml(quiz, site_url))
    return buffer.getvalue()


def _item(q: Question, site_url: str) -> Element:
    item = Element("item", {"ident": q.id, "title": plain(q.prompt)[:100]})
    meta = SubElement(item, "itemmetadata")
    kind = types.of(q)
    qti.metadata(meta, {"question_type": kind.qti_type, "points_possible": "1.0"})
    presentation = SubElement(item, "presentation")
    qti.mattext(presentation, _prompt_html(q))
    processing = Element("resprocessing")
    outcomes = SubElement(processing, "outcomes")
    SubElement(
        outcomes,
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )
    # General feedback (the explanation) is shown whatever the answer: <other/>.
    qti.feedback_condition(processing, Element("other"), "general_fb")
    kind.qti(q, presentation, processing)
    item.append(processing)
    _itemfeedback(item, "general_fb", paragraphs(q.explanation) + _more_html(q, site_url))
    options = kind.options(q)
    for option in qti.stable_order(q.id, options, [o.id for o in options]):
        if option.feedback:
            _itemfeedback(item, f"{option.id}_fb", inline(option.feedback))
    return item


def _itemfeedback(item: Element, ident: str, html: str) -> None:
    feedback = SubElement(item, "itemfeedback", {"ident": ident})
    qti.mattext(SubElement(feedback, "flow_mat"), html)


# --- shared HTML for exports -----------------------------------------------------------


def _prompt_html(q: Question) -> str:
    html = f"<p>{inline(q.prompt)}</p>"
    if q.exhibit:
        html += f"<p><em>{inline(q.exhibit.caption)}</em></p><pre>{escape(q.exhibit.text)}</pre>"
    return html


def _more_html(q: Question, site_url: str) -> str:
    if not site_url:
        return f"<p>Notes: {escape(q.learn_more)}</p>"
    page, _, anchor = q.learn_more.partition("#")
    url = site_url.rstrip("/") + "/" + page_url(page) + (f"#{anchor}" if anchor else "")
    return f'<p><a href="{escape(url)}">Learn more in the notes</a></p>'


# --- Anki --------------------------------------------------------------------------------


def write_anki(quiz: Quiz, path: Path, site_url: str = "") -> None:
    """An Anki deck (``.apkg``) with one note per question: prompt in front, answer behind."""
    import genanki  # only exports need it

    model = genanki.Model(
        ANKI_MODEL_ID,
        "Study notes quiz question",
        fields=[{"name": "Id"}, {"name": "Prompt"}, {"name": "Answer"}, {"name": "Explanation"}],
        templates=[
            {
                "name": "Question",
                "qfmt": "{{Prompt}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}{{Explanation}}',
            }
        ],
        sort_field_index=0,
    )
    deck = genanki.Deck(_deck_id(quiz), f"Study notes::{quiz.title}")
    for question in quiz.questions:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[
                    question.id,
                    _prompt_html(question) + types.of(question).anki_front(question),
                    f"<p><strong>{escape(plain(answer_text(question)))}</strong></p>",
                    paragraphs(question.explanation) + _more_html(question, site_url),
                ],
                guid=genanki.guid_for(question.id),
                tags=[quiz.id],
            )
        )
    genanki.Package(deck).write_to_file(str(path))


def _deck_id(quiz: Quiz) -> int:
    # Stable per quiz, in the range Anki's own ids use.
    return (1 << 30) + int(hashlib.sha256(quiz.id.encode()).hexdigest()[:7], 16)
