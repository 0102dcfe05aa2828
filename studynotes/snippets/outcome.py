"""What a check found: a failure names the block, the command and what it printed."""

from __future__ import annotations

import difflib
import doctest
import textwrap
from dataclasses import dataclass

from studynotes.live.runner import RunResult
from studynotes.snippets.snippet import Snippet

_CHECKER = doctest.OutputChecker()
_OUTPUT_TAIL = 40  # lines of output shown with a failure


@dataclass(frozen=True)
class Failure:
    page: str
    line: int
    problem: str
    command: str = ""
    output: str = ""
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.page}:{self.line}: {self.problem}"
        if self.command:
            text += f"\n  command: {self.command}"
        if self.output.strip():
            tail = "\n".join(self.output.rstrip().splitlines()[-_OUTPUT_TAIL:])
            text += "\n  output:\n" + textwrap.indent(tail, "    ")
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text


def failure(
    snippet: Snippet,
    problem: str,
    command: str = "",
    output: str = "",
    fix: str = "",
    line: int | None = None,
) -> Failure:
    block = snippet.block
    return Failure(block.page, line or block.line, problem, command, output, fix)


def judge(
    snippet: Snippet, command: str, result: RunResult, output: str | None = None
) -> Failure | None:
    """Exit status as the mark expects, then the expected output if the page gives one."""
    shown = result.output if output is None else output
    if result.timed_out:
        return failure(
            snippet,
            f"killed at its timeout of {result.timeout:g} s",
            command,
            shown,
            'Make it finish sooner, or give the fence a larger timeout="SECONDS"',
        )
    if snippet.kind == "fail" and result.exit_code == 0:
        return failure(
            snippet,
            'marked check="fail" but exited with status 0',
            command,
            shown,
            'Use check="run" if it is meant to work',
        )
    if snippet.kind != "fail" and result.exit_code != 0:
        return failure(
            snippet,
            f"exited with status {result.exit_code}",
            command,
            shown,
            "Fix the snippet so that it runs as shown",
        )
    if snippet.output is not None and not same_output(snippet.output.source, shown):
        return failure(
            snippet,
            "printed something other than the expected output below it "
            f"(line {snippet.output.line})",
            command,
            difference(snippet.output.source, shown),
            "Update the expected output, or fix the snippet "
            "('...' in the expected output matches anything)",
        )
    return None


def same_output(expected: str, actual: str) -> bool:
    """Equal up to trailing spaces and blank lines; '...' matches any text (doctest ELLIPSIS)."""
    return _CHECKER.check_output(_tidy(expected), _tidy(actual), doctest.ELLIPSIS)


def difference(expected: str, actual: str) -> str:
    lines = difflib.unified_diff(
        _tidy(expected).splitlines(), _tidy(actual).splitlines(), "expected", "actual", lineterm=""
    )
    return "\n".join(lines)


def _tidy(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"
