"""One build's live outputs: check every call, run each command once, in parallel.

The order of work is what makes the build safe and fast: all calls are refused or
approved before anything runs; then each distinct command starts once, in the
background (commands of a ``sequential`` program, such as docker, one after another
in page order; the rest in parallel). A page that shows a command waits for that
command only, so the commands run while MkDocs reads files and renders other pages.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from studynotes import user_cache
from studynotes.errors import SourceError, SourceErrors
from studynotes.live import allowlist as allow
from studynotes.live.cache import Cache, fingerprint
from studynotes.live.capture import Capture, RecordedCaptures, host_description, now_utc
from studynotes.live.redact import Redactor
from studynotes.live.runner import RunResult, Unavailable, execute, scrubbed_env
from studynotes.template_code import Call

Group = list[tuple[Call, allow.Approved]]  # commands that run one after another
CHECK = "The live output check"
_EXCERPT = 3  # lines shown from each end of a failed command's output
_NAME_IN_USE = re.compile(r'container name "/([\w.-]+)" is already in use')


@dataclass
class Settings:
    root: Path  # the repository: commands run here, paths must stay inside it
    allowlist: Path
    captures: Path
    cache: Cache
    require_live: bool = False  # CI: a recorded stand-in is an error
    workers: int = 4
    home: Path | None = None  # the commands' private HOME (default: in the user's cache)


class LiveOutputs:
    def __init__(self, settings: Settings, redact: Callable[[str], str] | None = None) -> None:
        self.settings = settings
        self.allowlist = allow.load(settings.allowlist)
        self.recorded = RecordedCaptures(settings.captures)
        self.redact = redact or Redactor()
        self.results: dict[str, Capture] = {}  # finished and checked
        self._pending: dict[str, Future[dict[str, Capture | SourceError]]] = {}
        self._failed: dict[str, list[SourceError]] = {}
        self._calls: dict[str, list[Call]] = {}
        self._pool: ThreadPoolExecutor | None = None
        self.programs: dict[str, str] = {}  # command -> allowlisted program
        self._probes: dict[str, str | None] = {}
        self._versions: dict[str, str | None] = {}
        self._asked: dict[tuple[str, ...], RunResult | Unavailable] = {}
        self._probe_lock = threading.RLock()
        self._host = host_description()

    # -- the three steps -------------------------------------------------------
    def start(self, calls: list[Call]) -> None:
        """Approve every call (nothing runs if one is refused), then start the commands."""
        refused = self.refused(calls)
        if refused:
            raise SourceErrors(refused, "The allowlist check")
        approved = {call: self.approve(call) for call in calls}
        self.programs.update({call.command: a.program for call, a in approved.items()})
        for call in calls:
            self._calls.setdefault(call.command, []).append(call)
        self._pool = ThreadPoolExecutor(self.settings.workers, thread_name_prefix="live")
        for group in self._groups(approved):
            future = self._pool.submit(self._run_group, group)
            for _call, approval in group:
                self._pending[approval.command] = future
        self._pool.shutdown(wait=False)  # queued groups still run; no new work comes

    def finish(self) -> None:
        """Wait for every command; ``SourceErrors`` with every failed outcome at once."""
        errors: list[SourceError] = []
        for command in [*self._pending, *self._failed]:
            try:
                self.get(command)
            except SourceErrors as failed:
                errors += failed.errors
        if errors:
            raise SourceErrors(errors, CHECK)

    def prepare(self, calls: list[Call]) -> None:
        """Approve, run and check everything before returning (scripts, tests)."""
        self.start(calls)
        self.finish()

    def refused(self, calls: list[Call]) -> list[SourceError]:
        """Why each call the allowlist does not permit is refused (nothing runs)."""
        errors = []
        for call in calls:
            try:
                self.approve(call)
            except SourceError as error:
                errors.append(error)
        return errors

    def approve(self, call: Call) -> allow.Approved:
        try:
            return allow.approve(call.command, self.allowlist, self.settings.root)
        except allow.Refused as why:
            raise SourceError(
                call.page,
                call.line,
                f"command '{call.command}' refused: {why}",
                f"Use a command allowed by {self._rel(self.settings.allowlist)}, "
                "or propose it there in a reviewed pull request"
                + ("" if self.settings.allowlist.exists() else " (the file does not exist yet)"),
            ) from None

    def check(self, call: Call, capture: Capture) -> None:
        expect_failure = bool(call.option("expect_failure", False))
        if capture.failed and not expect_failure:
            raise self._failure(call, capture)
        if expect_failure and not capture.failed:
            raise SourceError(
                call.page,
                call.line,
                f"'{call.command}' was expected to fail but exited with status 0",
                "Remove expect_failure=True",
            )

    def _failure(self, call: Call, capture: Capture) -> SourceError:
        """Why the command failed, with at most the first and last lines of its output."""
        program = self.programs.get(call.command, "")
        rules = self.allowlist.programs.get(program)
        where = f"'{program}' in {self._rel(self.settings.allowlist)} (a reviewed change)"
        if capture.timed_out:
            limit = f" of {rules.timeout:g} s" if rules else ""
            problem = f"'{call.command}' was killed at its timeout{limit}"
            fix = f"Make the command finish sooner, or raise the timeout of {where}"
        elif capture.truncated:
            cap = rules.max_output if rules else len(capture.output)
            problem = (
                f"'{call.command}' passed the output cap of {cap} bytes "
                f"({capture.total_bytes} bytes read before it was stopped)"
            )
            fix = f"Run a form that prints less, or raise max_output of {where}"
        else:
            problem = f"'{call.command}' exited with status {capture.exit_code}"
            fix = (
                "Fix the command, or pass expect_failure=True if the page shows a failure "
                "on purpose"
            )
            leftover = _NAME_IN_USE.search(capture.output)
            if leftover:  # the page removes it further down, but that build was stopped
                name = leftover.group(1)
                fix = (
                    f"A container '{name}' is left from a build that was stopped: run "
                    f"`docker container rm --force {name}`, then build again"
                )
        excerpt = _excerpt(capture.output)
        return SourceError(call.page, call.line, f"{problem}{excerpt}", fix)

    def get(self, command: str) -> Capture:
        """The command's checked capture, waiting for it if it is still running.

        Raises ``SourceErrors`` (every call of the command that its outcome fails),
        again each time it is asked for.
        """
        if command in self.results:
            return self.results[command]
        if command in self._failed:
            raise SourceErrors(self._failed[command], CHECK)
        future = self._pending.get(command)
        if future is None:
            raise LookupError(
                f"'{command}' was not collected before the build: live macros must be "
                "called with literal arguments in a page under docs/"
            )
        outcome = future.result()[command]
        del self._pending[command]
        errors = [outcome] if isinstance(outcome, SourceError) else []
        for call in self._calls[command] if not errors else ():
            try:
                self.check(call, outcome)  # type: ignore[arg-type]
            except SourceError as error:
                errors.append(error)
        if errors:
            self._failed[command] = errors
            raise SourceErrors(errors, CHECK)
        assert isinstance(outcome, Capture)
        self.results[command] = outcome
        return outcome

    def collected(self, command: str) -> bool:
        return command in self.results or command in self._pending

    # -- running -----------------------------------------------------------------
    def _groups(self, approved: dict[Call, allow.Approved]) -> list[Group]:
        """Distinct commands; a sequential program's commands on one page form one group.

        Within a page they keep their order (a container is run, listed, removed);
        pages do not depend on each other, so their groups run in parallel.
        """
        seen: set[str] = set()
        sequential: dict[tuple[str, str], Group] = {}
        groups: list[Group] = []
        for call, approval in approved.items():
            if call.command in seen:
                continue
            seen.add(call.command)
            if approval.rules.sequential:
                sequential.setdefault((approval.program, call.page), []).append((call, approval))
            else:
                groups.append([(call, approval)])
        return list(sequential.values()) + groups

    def _run_group(self, group: Group) -> dict[str, Capture | SourceError]:
        """Each command's capture, or why it has none (so one does not hide the others).

        A sequential program's group holds a lock of the machine's while it runs: two
        builds at once (``make serve`` and ``make check``, parallel tests) would otherwise
        both start a container of the same name.
        """
        _, first = group[0]
        if not first.rules.sequential:
            return self._run_each(group)
        with FileLock(_lock_file(first.program)):
            return self._run_each(group)

    def _run_each(self, group: Group) -> dict[str, Capture | SourceError]:
        outcomes: dict[str, Capture | SourceError] = {}
        for call, approval in group:
            try:
                outcomes[approval.command] = self._capture(call, approval)
            except SourceError as error:
                outcomes[approval.command] = error
        return outcomes

    def _capture(self, call: Call, approval: allow.Approved) -> Capture:
        # The cache directory belongs to one checkout; a command naming its files (a tree
        # walk) is keyed by their contents too, so an edit there shows without waiting.
        inputs = approval.inputs(self.settings.root)
        key = approval.command + ("\0" + fingerprint(inputs, self.settings.root) if inputs else "")
        cached = self.settings.cache.get(key)
        if cached:
            return cached
        reason = self._unavailable(approval)
        if reason is None:
            try:
                capture = self._run_live(approval)
            except Unavailable as missing:
                reason = str(missing)
            else:
                self.settings.cache.put(key, capture)
                return capture
        return self._recorded(call, approval, reason)

    def _run_live(self, approval: allow.Approved) -> Capture:
        result = self._execute(approval.rules, approval.argv_to_run(self.settings.root))
        return Capture(
            command=approval.command,
            output=self.redact(result.output),
            exit_code=result.exit_code,
            timed_out=result.timed_out,
            truncated=result.truncated,
            total_bytes=result.total_bytes,
            captured_at=now_utc(),
            host=self._host,
            tool=self._tool_version(approval),
        )

    def _execute(self, rules: allow.Program, argv: list[str]) -> RunResult:
        return execute_allowed(rules, argv, self.settings.root, self.settings.home)

    def _tool_version(self, approval: allow.Approved) -> str | None:
        """The tool's version line for captions, asked once per program and build."""
        if not approval.rules.version:
            return None
        with self._probe_lock:
            if approval.program not in self._versions:
                self._versions[approval.program] = self._ask_version(approval)
            return self._versions[approval.program]

    def _ask(self, rules: allow.Program, argv: list[str]) -> RunResult:
        """Run a probe or version command once per build: often they are the same argv
        (``docker version --format ...`` answers both), and each costs the daemon work."""
        with self._probe_lock:
            key = tuple(argv)
            if key not in self._asked:
                try:
                    self._asked[key] = self._execute(rules, argv)
                except Unavailable as missing:
                    self._asked[key] = missing
            answer = self._asked[key]
        if isinstance(answer, Unavailable):
            raise answer
        return answer

    def _ask_version(self, approval: allow.Approved) -> str | None:
        assert approval.rules.version
        try:
            result = self._ask(approval.rules, approval.rules.version)
        except Unavailable:
            return None
        lines = self.redact(result.output).strip().splitlines()
        return lines[0] if lines and result.exit_code == 0 else None

    def _unavailable(self, approval: allow.Approved) -> str | None:
        """Why a live run is impossible (daemon down, tool missing), probed once per program."""
        if not approval.rules.requires:
            return None
        with self._probe_lock:
            if approval.program not in self._probes:
                self._probes[approval.program] = self._probe(approval.rules)
            return self._probes[approval.program]

    def _probe(self, rules: allow.Program) -> str | None:
        try:
            result = self._ask(rules, rules.requires or [])
        except Unavailable as missing:
            return str(missing)
        problem = requirement_failure(rules, result)
        return self.redact(problem) if problem else None

    def _recorded(self, call: Call, approval: allow.Approved, reason: str) -> Capture:
        where = self._rel(self.settings.captures)
        if self.settings.require_live:
            raise SourceError(
                call.page,
                call.line,
                f"live output is required (STUDYNOTES_REQUIRE_LIVE) but "
                f"'{call.command}' cannot run live: {reason}",
                f"Install and start {approval.program} on this machine",
            )
        recorded = self.recorded.get(approval.program, approval.command)
        if recorded is None:
            raise SourceError(
                call.page,
                call.line,
                f"'{call.command}' cannot run live ({reason}) and {where} "
                "holds no recorded capture of it",
                f"Run `make captures` on a machine with {approval.program}",
            )
        return recorded.as_recorded(reason)

    def _rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.settings.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _lock_file(program: str) -> Path:
    """The user's lock for ``program`` (a name from the allowlist, which a pull request
    may edit: hashed, so it names no other place), not a world-writable /tmp file."""
    folder = user_cache.folder("locks")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / (hashlib.sha256(program.encode()).hexdigest()[:16] + ".lock")


def execute_allowed(
    rules: allow.Program, argv: list[str], root: Path, home: Path | None = None
) -> RunResult:
    """Run an allowlisted argv as every live command runs: from the repository, with the
    program's timeout and output cap, in a scrubbed environment with a private HOME."""
    # Not in the project: a committed .cache/home/.docker/config.json would configure docker.
    home = home or user_cache.folder("home")
    home.mkdir(parents=True, exist_ok=True)
    return execute(
        argv,
        cwd=root,
        timeout=rules.timeout,
        max_output=rules.max_output,
        env=scrubbed_env(rules.env, home),
    )


def requirement_failure(rules: allow.Program, result: RunResult) -> str | None:
    """What a failed ``requires`` check (e.g. no Docker daemon) says, or None if it passed."""
    if result.exit_code == 0:
        return None
    return f"'{' '.join(rules.requires or [])}' failed: {_gist(result.output)}"


def _gist(output: str) -> str:
    """The line of a failed probe's output that says what is wrong."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if "cannot" in line.lower() or "error" in line.lower():
            return line
    return lines[-1] if lines else "no output"


def _excerpt(output: str) -> str:
    """The first and last lines of a failed command's output, indented under the problem."""
    lines = output.strip("\n").splitlines()
    if not lines:
        return " (no output)"
    if len(lines) > 2 * _EXCERPT:
        hidden = len(lines) - 2 * _EXCERPT
        lines = [*lines[:_EXCERPT], f"... ({hidden} more lines)", *lines[-_EXCERPT:]]
    return ":\n" + "\n".join(f"    | {line[:200]}" for line in lines)
