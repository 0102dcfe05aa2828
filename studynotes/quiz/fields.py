"""What quiz models share: the field types, an option, an exhibit, a question's common part.

Each question type's model (``quiz/types/*.py``) builds on ``QuestionBase``; the quiz
file model (``schema.py``) puts them together.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

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


AnyItem = TypeVar("AnyItem", bound="Item")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Exhibit(Strict):
    """Pre-formatted text the question is about, such as a command's output."""

    caption: Text
    text: Text


class Named(Strict):
    """A piece of a question with a stable id, made from one of its texts if left out.

    Progress and exports refer to pieces by id, never by position, so shuffling or
    reordering them keeps saved answers meaning the same thing.
    """

    id_from: ClassVar[str] = "text"
    id: Slug

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: object) -> object:
        named = data.get(cls.id_from) if isinstance(data, dict) else None
        if isinstance(data, dict) and "id" not in data and isinstance(named, str):
            return {**data, "id": slugify(named)}
        return data


class Item(Named):
    """A piece of a question with a text: a step to order, an option."""

    text: Text


class Option(Item):
    """One choice of a single- or multiple-choice question."""

    correct: bool = False
    feedback: str = ""


class QuestionBase(Strict):
    """What every question has, whatever its type (each type adds `type` and its own)."""

    # Its QuestionType (quiz/types/base.py), set when the type is registered: a question
    # knows how it is graded and shown, whichever registry it was loaded with.
    question_type: ClassVar[Any]

    id: Slug
    prompt: Text
    explanation: Text
    learn_more: DocsLink
    exhibit: Exhibit | None = None


def repeated(values: list[str]) -> list[str]:
    """The values written more than once, sorted."""
    return sorted({value for value in values if values.count(value) > 1})


def distinct_ids(items: list[AnyItem]) -> list[AnyItem]:
    if twice := repeated([item.id for item in items]):
        raise ValueError(f"ids repeat: {', '.join(twice)} (give each an `id` of its own)")
    return items


Options = Annotated[list[Option], Field(min_length=2), AfterValidator(distinct_ids)]
# Steps to put in order, written in the right order.
Steps = Annotated[list[Item], Field(min_length=2), AfterValidator(distinct_ids)]
