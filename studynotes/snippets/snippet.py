"""A marked code block of a page, as the checker runs it."""

from __future__ import annotations

from dataclasses import dataclass

from studynotes.snippets.fences import Block


@dataclass(frozen=True)
class Snippet:
    block: Block
    kind: str  # a check kind, or "illustrative"
    reason: str = ""  # why an illustrative block is not run
    output: Block | None = None  # the expected-output block that follows a run/fail block
    family: str = "other"  # its language's family: how the report counts it
