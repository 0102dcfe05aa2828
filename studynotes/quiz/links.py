"""Check every quiz's ``page`` and ``learn_more`` links against the Markdown pages in docs/.

Heading ids are computed as Python-Markdown's toc extension computes them (the slug of
the heading's text, ``_1``/``_2`` for repeats), except where an attr-list ``{ #id }``
after the heading sets the id explicitly. MkDocs cannot check these links itself: the
quiz HTML is raw HTML, which its link validation does not look into.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from studynotes.errors import SourceError
from studynotes.quiz.load import QuizBank, QuizFile

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,12}(#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_ATTR_LIST = re.compile(r"\s*\{:?\s*(?P<attrs>[^{}]*)\}\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


def slugify(text: str) -> str:
    """The id Python-Markdown's toc gives a heading with this (inline Markdown) text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"<[^>]+>|&[#a-zA-Z0-9]+;|[`*]", "", text)  # tags, entities, code, emphasis
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)  # _emphasis_ but not snake_case
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def heading_ids(markdown: str) -> set[str]:
    """Ids of the headings of a Markdown page (code blocks and front matter skipped)."""
    return set(heading_lines(markdown))


def heading_lines(markdown: str) -> dict[str, int]:
    """Heading id -> its 1-based line in the page (front matter counted)."""
    explicit: dict[str, int] = {}
    texts: list[tuple[int, str]] = []
    for line, text in _heading_texts(markdown):
        attrs = _ATTR_LIST.search(text)
        found = _ATTR_ID.search(attrs["attrs"]) if attrs else None
        if found:
            explicit[found["id"]] = line
        else:
            texts.append((line, text[: attrs.start()] if attrs else text))
    # toc reserves explicit ids first, then numbers repeated slugs: "the-columns_1".
    ids = dict(explicit)
    for line, text in texts:
        ids[_unique(slugify(text), set(ids))] = line
    return ids


def link_errors(bank: QuizBank, docs_dir: Path) -> list[SourceError]:
    """Every quiz page that does not exist and every learn_more link that does not resolve."""
    errors = []
    for entry in bank:
        if not (docs_dir / entry.quiz.page).is_file():
            errors.append(
                entry.error(
                    ["page"],
                    f"page '{entry.quiz.page}' does not exist in {docs_dir}",
                    "Name the docs page (relative to docs/) that shows this quiz",
                )
            )
        for index, question in enumerate(entry.quiz.questions):
            problem = _link_problem(question.learn_more, docs_dir)
            if problem:
                errors.append(_learn_more_error(entry, index, problem))
    return errors


def check_links(bank: QuizBank, docs_dir: Path) -> None:
    """Raise the first of ``link_errors`` (file and line of the quiz), if any."""
    errors = link_errors(bank, docs_dir)
    if errors:
        raise errors[0]


def _learn_more_error(entry: QuizFile, index: int, problem: str) -> SourceError:
    return entry.error(
        ["questions", index, "learn_more"],
        f"learn_more of question '{entry.quiz.questions[index].id}': {problem}",
        "Link a page under docs/ as 'section/page.md#heading-id'; check the heading's id",
    )


def _link_problem(link: str, docs_dir: Path) -> str | None:
    page, _, anchor = link.partition("#")
    path = docs_dir / page
    if not path.is_file():
        return f"page '{page}' does not exist in {docs_dir}"
    if anchor and anchor not in _ids_of(path.resolve(), path.stat().st_mtime_ns):
        return f"'{page}' has no heading with id '{anchor}'"
    return None


@cache
def _ids_of(path: Path, _mtime: int) -> frozenset[str]:
    # Keyed on mtime so a long-running `mkdocs serve` sees edited headings.
    return frozenset(heading_ids(path.read_text(encoding="utf-8")))


def _heading_texts(markdown: str) -> list[tuple[int, str]]:
    lines = markdown.splitlines()
    start = _after_front_matter(lines)
    fence: str | None = None
    texts = []
    for number, line in enumerate(lines[start:], start=start + 1):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = None
        elif opening:
            fence = opening[1]
        elif heading := _HEADING.match(line):
            texts.append((number, heading["text"]))
    return texts


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return number + 1
    return 0


def _unique(slug: str, ids: set[str]) -> str:
    if slug and slug not in ids:
        return slug
    count = 1
    while f"{slug}_{count}" in ids:
        count += 1
    return f"{slug}_{count}"
