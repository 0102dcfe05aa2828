"""The convention that says what the checker does with a fenced block.

A block opts in with options on its fence, in the form pymdownx.superfences reads
(the site strips them before rendering, see ``strip_marks``):

    ```python check="run"                 run it; it must exit 0
    ```python check="fail"                run it; it must exit non-zero
    ```bash check="syntax"                a script that cannot run here: `bash -n` only
    ```text check="output"                the output the block just above must print
    ```python title="app.py" check="file" a file that later blocks of the page use
    ```dockerfile check="build"           build it (with the page's files) ...
    ```dockerfile check="run"             ... and run the image, which must exit 0
    ```dockerfile check="serve" port="5000" response="Hello"
                                          ... and serve HTTP on that port with that text
    ```yaml check="yaml"                  parse it
    ```yaml check="compose"               a Compose file: `docker compose config`, or the schema
    ```bash illustrative="needs an AWS account"   not run, and the reason says why

Blocks in the languages the checker can run (CHECKABLE) must carry one of the two:
unmarked Python or shell is an error, so nothing is left unchecked by oversight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studynotes.errors import SourceError
from studynotes.snippets.fences import Block
from studynotes.snippets.strip import HIGHLIGHT_KEYS, MARK_KEYS

PYTHON = {"python", "py", "python3"}
SHELL = {"bash", "sh", "shell", "console"}
DOCKERFILE = {"dockerfile", "docker"}
YAML = {"yaml", "yml"}
CHECKABLE = PYTHON | SHELL | DOCKERFILE | YAML

# What each language may be checked as; "file" and "output" go with any language.
KINDS = {
    **{key: {"run", "fail"} for key in PYTHON},
    **{key: {"run", "fail", "syntax"} for key in SHELL - {"console"}},
    "console": {"run", "fail"},
    **{key: {"build", "run", "serve"} for key in DOCKERFILE},
    **{key: {"yaml", "compose"} for key in YAML},
}
ANY_LANGUAGE = {"file", "output"}
_FILE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


@dataclass(frozen=True)
class Snippet:
    block: Block
    kind: str  # a check kind, or "illustrative"
    reason: str = ""  # why an illustrative block is not run
    output: Block | None = None  # the expected-output block that follows a run/fail block

    @property
    def family(self) -> str:
        """python, shell, dockerfile, yaml or other: how results are counted."""
        language = self.block.language
        for name, group in (
            ("python", PYTHON),
            ("shell", SHELL),
            ("dockerfile", DOCKERFILE),
            ("yaml", YAML),
        ):
            if language in group:
                return name
        return "other"


def read_snippets(blocks: list[Block]) -> tuple[list[Snippet], list[SourceError]]:
    """The page's well-marked blocks (expected output attached) and every malformed mark."""
    found: list[Snippet] = []
    errors: list[SourceError] = []
    for block in blocks:
        try:
            kind, reason = _read(block)
            if kind == "output":
                found[-1:] = [_with_output(found[-1] if found else None, block, blocks)]
            elif kind is not None:
                found.append(Snippet(block, kind, reason))
        except SourceError as error:
            errors.append(error)
    return found, errors


def _read(block: Block) -> tuple[str | None, str]:
    unknown = sorted(set(block.options) - set(MARK_KEYS) - set(HIGHLIGHT_KEYS))
    if unknown:  # superfences would give up on the fence and print it as text
        _fail(
            block,
            f"unknown fence option '{unknown[0]}'",
            f"Use {', '.join(HIGHLIGHT_KEYS + MARK_KEYS)} (see CONTRIBUTING.md)",
        )
    check = block.options.get("check")
    reason = block.options.get("illustrative")
    checkable = block.language in CHECKABLE
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
        if checkable:
            _fail(
                block,
                f"this {block.language} block is neither runnable nor illustrative",
                'Add check="run" (see CONTRIBUTING.md, "Runnable snippets") or '
                'illustrative="why it is not run"',
            )
        return None, ""
    allowed = KINDS.get(block.language, set()) | ANY_LANGUAGE
    if check not in allowed:
        _fail(
            block,
            f'check="{check}" is not a check for {block.language or "plain"} blocks',
            f"Use one of: {', '.join(sorted(allowed))}",
        )
    _check_options(block, check)
    return check, ""


def _check_options(block: Block, check: str) -> None:
    title = block.options.get("title", "")
    if check == "file" and not _FILE_NAME.match(title):
        _fail(
            block,
            'check="file" needs title="NAME", the file name it is saved as',
            'Add e.g. title="app.py" (a plain file name)',
        )
    if check == "serve":
        if not block.options.get("port", "").isdigit():
            _fail(
                block,
                'check="serve" needs port="N", the port the container listens on',
                'Add e.g. port="5000"',
            )
        if not block.options.get("response"):
            _fail(
                block,
                'check="serve" needs response="TEXT", what the page at / returns',
                'Add e.g. response="Hello"',
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
    return Snippet(previous.block, previous.kind, previous.reason, output=block)


def _fail(block: Block, problem: str, fix: str) -> None:
    raise SourceError(block.page, block.line, problem, fix)
