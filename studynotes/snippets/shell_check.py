"""Shell blocks run command by command, only through the live-output allowlist.

No shell is involved: each command must be one the pages could embed with
``{{ run(...) }}`` (data/commands.yml), and runs the same way, from the repository
root with a scrubbed environment and the program's timeout.
"""

from __future__ import annotations

import re
import shlex
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from studynotes.live import allowlist as allow
from studynotes.live.runner import RunResult, Unavailable, execute, scrubbed_env
from studynotes.live.session import execute_allowed, requirement_failure
from studynotes.snippets.language import Context, Kind, Language
from studynotes.snippets.outcome import Failure, failure, judge
from studynotes.snippets.snippet import Snippet

# What makes a block a script rather than a list of allowlisted commands.
_SCRIPT = re.compile(r"^(cd|export|source|\.|sudo|set|unset|alias)\s|\$\{?\w|[|&;<>]|<[\w-]+>")


@dataclass(frozen=True)
class Command:
    line: int  # in the page
    text: str


def commands(snippet: Snippet) -> list[Command]:
    """The block's commands: continuation lines joined, comments and prompts dropped.

    In a ``console`` block only ``$ `` lines are commands (the rest is their output).
    """
    found: list[Command] = []
    pending, start = "", 0
    console = snippet.block.language == "console"
    for number, raw in enumerate(snippet.block.source.splitlines(), snippet.block.line + 1):
        line = raw.strip()
        if not pending:
            if console and not line.startswith("$ "):
                continue
            line, start = line.removeprefix("$ "), number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        text = (pending + line).strip()
        pending = ""
        if text and not text.startswith("#"):
            found.append(Command(start, text))
    return found


class ShellChecker:
    def __init__(
        self, allowlist: allow.Allowlist, root: Path, allowlist_path: str, home: Path | None = None
    ) -> None:
        self.allowlist = allowlist
        self.root = root
        self.home = home
        self.allowlist_path = allowlist_path
        self._probes: dict[str, str | None] = {}

    def check(self, snippet: Snippet) -> Failure | None:
        if snippet.kind == "syntax":
            return self.syntax(snippet)
        approved: list[tuple[Command, allow.Approved]] = []
        for command in commands(snippet):
            outcome = self._approve(snippet, command)
            if isinstance(outcome, Failure):
                return outcome
            approved.append((command, outcome))
        if not approved:
            return failure(snippet, "has no command to run", fix="Mark it illustrative")
        outputs, result = [], None
        for command, approval in approved:
            problem = self._unavailable(approval)
            if problem:
                return failure(
                    snippet,
                    f"cannot run '{command.text}': {problem}",
                    line=command.line,
                    fix=f"Install and start {approval.program} (CI: scripts/docker-up.sh)",
                )
            try:
                result = self._run(approval)
            except Unavailable as missing:
                return failure(snippet, str(missing), command.text, line=command.line)
            outputs.append(result.output)
            if result.exit_code != 0:
                break  # like `set -e`: the first failing command ends the block
        assert result is not None
        shown = "".join(outputs)
        return judge(snippet, " && ".join(c.text for c, _ in approved), result, shown)

    def syntax(self, snippet: Snippet) -> Failure | None:
        """`bash -n`: parse the script without running any of it."""
        shell = "sh" if snippet.block.language == "sh" else "bash"
        with tempfile.TemporaryDirectory(prefix="snippet-") as folder:
            script = Path(folder) / "snippet.sh"
            script.write_text(snippet.block.source, encoding="utf-8")
            result = execute(
                [shell, "-n", script.name],
                cwd=Path(folder),
                timeout=30,
                max_output=20_000,
                env=scrubbed_env([], Path(folder)),
            )
        if result.exit_code == 0:
            return None
        where = re.search(r"line (\d+)", result.output)
        line = snippet.block.line + int(where.group(1)) if where else None
        return failure(
            snippet,
            f"is not valid {shell} syntax",
            f"{shell} -n snippet.sh",
            result.output,
            "Fix the script",
            line=line,
        )

    def _approve(self, snippet: Snippet, command: Command) -> allow.Approved | Failure:
        try:
            words = shlex.split(command.text, comments=True)
            return allow.approve(shlex.join(words), self.allowlist, self.root)
        except (allow.Refused, ValueError) as why:
            fix = (
                f"Shell blocks run only commands allowed by {self.allowlist_path}; "
                'mark the block illustrative="reason" or propose the command there'
            )
            if _SCRIPT.search(command.text):
                fix = (
                    "This is a script for the reader's own machine (cd, export, variables, "
                    'pipes or <placeholders>): mark it check="syntax" (parsed with bash -n, '
                    'nothing runs) or illustrative="reason"'
                )
            return failure(
                snippet, f"'{command.text}' may not run: {why}", line=command.line, fix=fix
            )

    def _run(self, approval: allow.Approved) -> RunResult:
        return execute_allowed(
            approval.rules, approval.argv_to_run(self.root), self.root, self.home
        )

    def _unavailable(self, approval: allow.Approved) -> str | None:
        """Why the program cannot run here (e.g. no Docker daemon); asked once per program."""
        rules = approval.rules
        if not rules.requires:
            return None
        if approval.program not in self._probes:
            try:
                result = execute_allowed(rules, rules.requires, self.root, self.home)
                self._probes[approval.program] = requirement_failure(rules, result)
            except Unavailable as missing:
                self._probes[approval.program] = str(missing)
        return self._probes[approval.program]


LANGUAGE = Language(
    family="shell",
    names=("bash", "sh", "shell", "console"),
    kinds={
        "run": Kind(
            'bash check="run"',
            "runs each command, **only through `data/commands.yml`** (no shell: no pipes, "
            "variables or `cd`), from the repository root",
        ),
        "fail": Kind(
            'bash check="fail"',
            "the same, but one command must fail (the block stops at the first that does)",
        ),
        "syntax": Kind(
            'bash check="syntax"',
            "a script for the reader's machine (it uses `cd`, `export`, variables, pipes or "
            "`<placeholders>`, needs an AWS account or your files): parsed with `bash -n`, "
            "nothing runs",
        ),
    },
    make=lambda context: _checker(context),
    hint="```bash for commands",
    narrower={"console": frozenset({"run", "fail"})},  # its output lines are no script
)


def _checker(context: Context) -> Callable[[Snippet, dict[str, str]], Failure | None]:
    checker = ShellChecker(context.allowlist, context.root, context.allowlist_path, context.home)
    return lambda snippet, files: checker.check(snippet)
