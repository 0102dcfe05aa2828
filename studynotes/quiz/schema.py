"""The quiz data model: what a quiz file in ``data/quizzes/`` may contain.

Every rule a contributor can break is a pydantic constraint here, so a mistake comes
back as a validation error that ``load.py`` turns into file:line. Models are strict
(unknown keys are refused) so a typo such as ``anwser:`` fails instead of vanishing.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

QUESTION_TYPES = ("single", "multiple", "short", "numeric")

# Lowercase words joined by hyphens: safe in HTML ids, URLs, QTI idents and storage keys.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# A page under docs/, as MkDocs links are written: "linux/distros.md#servers-on-budget".
# Each path segment starts with a letter, digit, _ or -, so "/", "." and ".." cannot occur.
_PAGE = r"(?:[\w-][\w.-]*/)*[\w-][\w.-]*\.md"
DocsPage = Annotated[str, StringConstraints(pattern=f"^{_PAGE}$")]
DocsLink = Annotated[str, StringConstraints(pattern=rf"^{_PAGE}(?:#[\w-]+)?$")]


def slugify(text: str) -> str:
    """A Slug made from free text, for option ids nobody wrote by hand."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "option"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Exhibit(_Strict):
    """Pre-formatted text the question is about, such as a command's output."""

    caption: Text
    text: Text


class Option(_Strict):
    """One choice of a single- or multiple-choice question."""

    text: Text
    correct: bool = False
    feedback: str = ""
    # Stable answer key: progress and exports refer to options by id, never by position,
    # so shuffling or reordering options keeps saved answers meaning the same thing.
    id: Slug

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: object) -> object:
        if isinstance(data, dict) and "id" not in data and isinstance(data.get("text"), str):
            return {**data, "id": slugify(data["text"])}
        return data


class _Question(_Strict):
    id: Slug
    prompt: Text
    explanation: Text
    learn_more: DocsLink
    exhibit: Exhibit | None = None


def _distinct_option_ids(options: list[Option]) -> list[Option]:
    ids = [option.id for option in options]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"option ids repeat: {', '.join(repeated)} (give each option an `id`)")
    return options


def _one_correct(options: list[Option]) -> list[Option]:
    count = sum(option.correct for option in options)
    if count != 1:
        raise ValueError(
            f"a single-choice question needs exactly one option with `correct: true`, found {count}"
        )
    return options


def _some_correct(options: list[Option]) -> list[Option]:
    if not any(option.correct for option in options):
        raise ValueError("no option has `correct: true`; mark every right answer")
    return options


Options = Annotated[list[Option], Field(min_length=2), AfterValidator(_distinct_option_ids)]


class SingleQuestion(_Question):
    type: Literal["single"]
    options: Annotated[Options, AfterValidator(_one_correct)]


class MultipleQuestion(_Question):
    type: Literal["multiple"]
    options: Annotated[Options, AfterValidator(_some_correct)]


class ShortQuestion(_Question):
    """Free text; any spelling in ``accept`` counts, ignoring case and outer whitespace."""

    type: Literal["short"]
    accept: Annotated[list[Text], Field(min_length=1)]


class NumericQuestion(_Question):
    """A number within ``tolerance`` of ``answer`` counts."""

    type: Literal["numeric"]
    answer: float
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    unit: str = ""


ChoiceQuestion = SingleQuestion | MultipleQuestion
# The `type` key picks the model, so an error names the fields of that type only.
Question = Annotated[
    SingleQuestion | MultipleQuestion | ShortQuestion | NumericQuestion,
    Field(discriminator="type"),
]


class Quiz(_Strict):
    """One quiz file: shown on ``page``, credited to ``source``."""

    id: Slug
    title: Text
    description: Text
    page: DocsPage
    source: Text
    questions: Annotated[list[Question], Field(min_length=1)]
