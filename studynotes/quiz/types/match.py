"""Match: each term to its definition (``pairs``); every definition is used once."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, Field

from studynotes.quiz import qti
from studynotes.quiz.fields import Item, Named, QuestionBase, Text, distinct_ids, repeated
from studynotes.quiz.types.rows import RowsType


class Pair(Named):
    """A term and what it matches; ``id`` is made from the term if left out."""

    id_from: ClassVar[str] = "term"
    term: Text
    match: Text


def _distinct_matches(pairs: list[Pair]) -> list[Pair]:
    if twice := repeated([pair.match for pair in pairs]):
        raise ValueError(f"two terms have the same match: {twice[0]} (each match once)")
    return pairs


class MatchQuestion(QuestionBase):
    type: Literal["match"]
    pairs: Annotated[
        list[Pair],
        Field(min_length=2),
        AfterValidator(distinct_ids),
        AfterValidator(_distinct_matches),
    ]


class Match(RowsType, name="match", model=MatchQuestion, qti_type="matching_question"):
    hint = "Match each term with what it is."
    placeholder = "Choose"

    def rows(self, q: Any) -> list[Item]:
        return [Item(text=pair.term, id=pair.id) for pair in q.pairs]

    def answers(self, q: Any) -> list[Item]:
        """The matches, in a stable order of their own, known by their place in it (an id
        that says nothing of the term it belongs to)."""
        shuffled = qti.stable_order(f"{q.id}/matches", q.pairs, [p.id for p in q.pairs])
        return [Item(text=pair.match, id=f"match-{n}") for n, pair in enumerate(shuffled, 1)]

    def expected(self, q: Any) -> list[str]:
        ids = {answer.text: answer.id for answer in self.answers(q)}
        return [ids[pair.match] for pair in q.pairs]


TYPE = Match()
