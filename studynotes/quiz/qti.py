"""The pieces of a QTI 1.2 item that question types build their responses from.

``export.py`` writes the item around them (metadata, prompt, general feedback); each
question type (``quiz/types/``) adds its response and its scoring condition.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar
from xml.etree.ElementTree import Element, SubElement

T = TypeVar("T")


def stable_order(question_id: str, options: Sequence[T], ids: Sequence[str]) -> list[T]:
    """``options`` (their ``ids``) in an order that is stable and does not follow the
    YAML, so the exports do not give away the first-written right answer."""
    digest = {
        id(o): hashlib.sha256(f"{question_id}/{i}".encode()).digest()
        for o, i in zip(options, ids, strict=True)
    }
    return sorted(options, key=lambda option: digest[id(option)])


def metadata(parent: Element, fields: dict[str, str]) -> None:
    block = SubElement(parent, "qtimetadata")
    for label, entry in fields.items():
        field = SubElement(block, "qtimetadatafield")
        SubElement(field, "fieldlabel").text = label
        SubElement(field, "fieldentry").text = entry


def mattext(parent: Element, html: str) -> None:
    material = SubElement(parent, "material")
    SubElement(material, "mattext", {"texttype": "text/html"}).text = html


def varequal(value: str, respident: str = "response1") -> Element:
    element = Element("varequal", {"respident": respident})
    element.text = value
    return element


def score(condition: Element) -> None:
    SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"


def feedback_condition(processing: Element, test: Element, feedback_id: str) -> None:
    condition = SubElement(processing, "respcondition", {"continue": "Yes"})
    SubElement(condition, "conditionvar").append(test)
    SubElement(condition, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback_id})


def right_when(processing: Element) -> Element:
    """A scoring condition (full marks) whose test the caller fills in: its conditionvar."""
    condition = SubElement(processing, "respcondition", {"continue": "No"})
    test = SubElement(condition, "conditionvar")
    score(condition)
    return test


def typed_response(presentation: Element, fibtype: str | None = None) -> None:
    """A one-line typed answer."""
    response = SubElement(
        presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
    )
    blank = SubElement(response, "render_fib", {"fibtype": fibtype} if fibtype else {})
    SubElement(blank, "response_label", {"ident": "answer1", "rshuffle": "No"})
