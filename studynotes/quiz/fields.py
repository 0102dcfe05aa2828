"""What quiz models share: the field types, an option, an exhibit, a question's common part.

Each question type's model (``quiz/types/*.py``) builds on ``QuestionBase``; the quiz
file model (``schema.py``) puts them together.
"""

from __future__ import annotations

import re
from typing import Annotated

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


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Exhibit(Strict):
    """Pre-formatted text the question is about, such as a command's output."""

    caption: Text
    text: Text


class Option(Strict):
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


class QuestionBase(Strict):
    """What every question has, whatever its type (each type adds `type` and its own)."""

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


Options = Annotated[list[Option], Field(min_length=2), AfterValidator(_distinct_option_ids)]
