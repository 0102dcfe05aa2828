"""The convention that says what the checker does with a fenced block.

A block opts in with options on its fence, in the form pymdownx.superfences reads
(the site strips them before rendering, see ``strip_marks``): ``check="KIND"`` (what
each language takes is its ``LANGUAGE.kinds``, in ``languages.py``; ``file`` and
``output`` go with any language) or ``illustrative="why it is not run"``.

Blocks in a language the checker runs must carry one of the two: unmarked Python or
shell is an error, so nothing is left unchecked by oversight.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studynotes.errors import SourceError
from studynotes.snippets.fences import Block
from studynotes.snippets.language import Language
from studynotes.snippets.languages import ANY_LANGUAGE, LANGUAGES, by_name
from studynotes.snippets.snippet import Snippet
from studynotes.snippets.strip import HIGHLIGHT_KEYS, MARK_KEYS

_FILE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


def read_snippets(
    blocks: list[Block], languages: Sequence[Language] = LANGUAGES
) -> tuple[list[Snippet], list[SourceError]]:
    """The page's well-marked blocks (expected output attached) and every malformed mark;
    ``languages``: the ones the checker runs (a course's extension may add its own)."""
    found: list[Snippet] = []
    errors: list[SourceError] = []
    named = by_name(languages)
    for block in blocks:
        try:
            language = named.get(block.language)
            kind, reason = _read(block, language)
            family = language.family if language else "other"
            if kind == "output":
                found[-1:] = [_with_output(found[-1] if found else None, block, blocks)]
            elif kind is not None:
                found.append(Snippet(block, kind, reason, family=family))
        except SourceError as error:
            errors.append(error)
    return found, errors


def _read(block: Block, language: Language | None) -> tuple[str | None, str]:
    unknown = sorted(set(block.options) - set(MARK_KEYS) - set(HIGHLIGHT_KEYS))
    if unknown:  # superfences would give up on the fence and print it as text
        _fail(
            block,
            f"unknown fence option '{unknown[0]}'",
            f"Use {', '.join(HIGHLIGHT_KEYS + MARK_KEYS)} (see CONTRIBUTING.md)",
        )
    check = block.options.get("check")
    reason = block.options.get("illustrative")
    if check and reason:
        _fail(block, "has both check= and illustrative=", "Keep the one that is true")
    if reason is not None:
        if reason in ("", "true"):
            _fail(
                block,
                "illustrative= needs a reason",
                'Say why it is not run, e.g. illustrative="needs an AWS account"',
            )
        return "illustrative", reason
    if check is None:
        if language is not None:
            first = next(iter(language.kinds))  # "run" for the languages that run
            _fail(
                block,
                f"this {block.language} block is neither runnable nor illustrative",
                f'Add check="{first}" (see CONTRIBUTING.md, "Runnable snippets") or '
                'illustrative="why it is not run"',
            )
        return None, ""
    allowed = (language.kinds_of(block.language) if language else set()) | set(ANY_LANGUAGE)
    if check not in allowed:
        _fail(
            block,
            f'check="{check}" is not a check for {block.language or "plain"} blocks',
            f"Use one of: {', '.join(sorted(allowed))}",
        )
    _check_options(block, check)
    wrong = language.validate(block, check) if language else None
    if wrong:
        _fail(block, *wrong)
    return check, ""


def _check_options(block: Block, check: str) -> None:
    """The options every language's blocks may have: a file's name, a timeout."""
    title = block.options.get("title", "")
    if check == "file" and not _FILE_NAME.match(title):
        _fail(
            block,
            'check="file" needs title="NAME", the file name it is saved as',
            'Add e.g. title="app.py" (a plain file name)',
        )
    timeout = block.options.get("timeout")
    if timeout is not None and not timeout.isdigit():
        _fail(
            block, f'timeout="{timeout}" is not a whole number of seconds', 'Use e.g. timeout="60"'
        )


def _with_output(previous: Snippet | None, block: Block, blocks: list[Block]) -> Snippet:
    """check="output" belongs to the run/fail block right above it."""
    index = blocks.index(block)
    above = blocks[index - 1] if index else None
    if previous is None or above is not previous.block or previous.kind not in ("run", "fail"):
        _fail(
            block,
            'a check="output" block must come right after a check="run" or check="fail" block',
            "Move it under the block whose output it shows",
        )
    assert previous is not None
    return Snippet(previous.block, previous.kind, previous.reason, block, previous.family)


def _fail(block: Block, problem: str, fix: str) -> None:
    raise SourceError(block.page, block.line, problem, fix)
