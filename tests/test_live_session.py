"""A build's live outputs: approval first, each command once, cache, fallbacks, CI mode."""

from __future__ import annotations

import json
import shutil
import stat
import sys
from pathlib import Path

import pytest

from studynotes import settings as project_settings
from studynotes.errors import SourceErrors
from studynotes.live.cache import Cache, fingerprint
from studynotes.live.capture import Capture, RecordedCaptures
from studynotes.live.session import LiveOutputs, Settings
from studynotes.site import live_settings
from studynotes.template_code import Call

# A tool that logs each run (argument, start, end) so tests can count and order runs.
# `tool NAME meet:OTHER` waits (up to 15 s) for run OTHER to have started: both print
# "met" only if the two runs were under way at the same time, however slow the machine.
TOOL = f"""#!{sys.executable}
import os, sys, time, json
name = sys.argv[1]
start = time.time()
extra = sys.argv[2] if len(sys.argv) > 2 else ""
if extra.startswith("meet:"):
    open("started-" + name, "w").close()
    other = "started-" + extra[len("meet:"):]
    for _ in range(300):
        if os.path.exists(other):
            print("met", flush=True)
            break
        time.sleep(0.05)
    else:
        print("alone", flush=True)
with open("runs.log", "a") as log:
    log.write(json.dumps([name, start, time.time()]) + "\\n")
print("ran", name)
sys.exit(3 if name == "fail" else 0)
"""

ALLOWLIST = """
programs:
  tool:
    executable: bin/tool
    forms: [[tool, "{name}"], [tool, "{name}", "{name}"]]
  ordered:
    executable: bin/tool
    sequential: true
    forms: [[ordered, "{name}"]]
  walk:
    executable: bin/tool
    forms: [[walk, "{path}"]]
  daemon-tool:
    executable: bin/tool
    requires: ["false"]
    forms: [[daemon-tool, "{name}"]]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "bin").mkdir()
    tool = tmp_path / "bin" / "tool"
    tool.write_text(TOOL)
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    (tmp_path / "commands.yml").write_text(ALLOWLIST)
    return tmp_path


def _live(project: Path, *, ttl: float = 3600, require_live: bool = False) -> LiveOutputs:
    settings = Settings(
        root=project,
        allowlist=project / "commands.yml",
        captures=project / "captures",
        cache=Cache(project / "cache", ttl),
        require_live=require_live,
    )
    return LiveOutputs(settings, redact=lambda text: text)


def _runs(project: Path) -> list[list]:
    log = project / "runs.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def call(command: str, line: int = 1, **options: object) -> Call:
    return Call("page.md", line, "run", command, tuple(sorted(options.items())))


def test_each_distinct_command_runs_once(project: Path) -> None:
    live = _live(project)
    live.prepare([call("tool a"), call("tool a", 5), call("tool b")])
    assert sorted(run[0] for run in _runs(project)) == ["a", "b"]
    capture = live.get("tool a")
    assert capture.live and capture.exit_code == 0 and capture.output == "ran a\n"
    assert capture.host and capture.captured_at


def test_independent_commands_run_in_parallel(project: Path) -> None:
    live = _live(project)
    live.prepare([call("tool x meet:y"), call("tool y meet:x")])
    assert live.get("tool x meet:y").output.startswith("met")
    assert live.get("tool y meet:x").output.startswith("met")


def test_sequential_program_runs_in_page_order(project: Path) -> None:
    calls = [call(f"ordered {name}", line) for line, name in enumerate("cab", start=1)]
    _live(project).prepare(calls)
    assert [run[0] for run in _runs(project)] == ["c", "a", "b"]


def test_cache_hit_does_not_rerun_and_expiry_does(project: Path) -> None:
    _live(project).prepare([call("tool a")])
    second = _live(project)
    second.prepare([call("tool a")])
    assert len(_runs(project)) == 1 and second.get("tool a").output == "ran a\n"
    _live(project, ttl=0).prepare([call("tool a")])
    assert len(_runs(project)) == 2


def test_a_command_naming_files_reruns_once_they_change_and_not_before(
    project: Path, tmp_path: Path
) -> None:
    """The cache keys a command by what the files it names hold (a folder: the names and
    contents below it): an added or edited page shows at the next build (not an hour
    later), an unchanged tree reruns nothing, and an identical copy reuses the capture."""
    (project / "notes").mkdir()
    (project / "notes" / "a.md").write_text("a")
    _live(project).prepare([call("walk notes")])
    _live(project).prepare([call("walk notes")])
    assert len(_runs(project)) == 1
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("runs.log"))
    settings = _live(copy).settings
    settings.cache = Cache(project / "cache")  # the copy shares the original's cache
    LiveOutputs(settings, redact=str).prepare([call("walk notes")])
    assert not (copy / "runs.log").exists()
    (project / "notes" / "a.md").write_text("edited")  # a walk shows sizes
    _live(project).prepare([call("walk notes")])
    _live(project).prepare([call("walk notes")])
    assert len(_runs(project)) == 2
    (project / "notes" / "b.md").write_text("b")
    _live(project).prepare([call("walk notes")])
    (project / "notes" / "b.md").rename(project / "notes" / "c.md")
    _live(project).prepare([call("walk notes")])
    assert len(_runs(project)) == 4
    _live(project).prepare([call("walk notes/a.md")])
    (project / "notes" / "a.md").write_text("edited again")  # a file named: its contents
    _live(project).prepare([call("walk notes/a.md")])
    assert len(_runs(project)) == 6


def test_refused_commands_are_all_named_with_page_line_and_allowlist(project: Path) -> None:
    with pytest.raises(SourceErrors) as caught:
        _live(project).prepare(
            [call("tool a", 1), call("tool a; rm -rf /", 7), call("rm -rf /", 9)]
        )
    assert [(e.line, "commands.yml" in e.fix) for e in caught.value.errors] == [
        (7, True),
        (9, True),
    ]
    assert _runs(project) == []  # refused before anything ran


def test_failing_command_fails_unless_expected(project: Path) -> None:
    with pytest.raises(SourceErrors, match=r"page.md:4: 'tool fail' exited with status 3"):
        _live(project).prepare([call("tool fail", 4)])
    live = _live(project)
    live.prepare([call("tool fail", 4, expect_failure=True)])
    assert live.get("tool fail").exit_code == 3
    with pytest.raises(SourceErrors, match="expected to fail"):
        _live(project).prepare([call("tool a", 2, expect_failure=True)])


def test_recorded_capture_stands_in_when_the_daemon_is_missing(project: Path) -> None:
    recorded = Capture(
        "daemon-tool a",
        "recorded text\n",
        0,
        False,
        False,
        14,
        "2026-01-02T03:04:05+00:00",
        "Some OS",
        "tool 1.0",
    )
    RecordedCaptures(project / "captures").put("daemon-tool", recorded)
    live = _live(project)
    live.prepare([call("daemon-tool a")])
    shown = live.get("daemon-tool a")
    assert not shown.live and shown.output == "recorded text\n"
    assert "'false' failed" in (shown.reason or "")
    assert _runs(project) == []


def test_missing_recorded_capture_is_an_error(project: Path) -> None:
    with pytest.raises(SourceErrors, match=r"(?s)page.md:3: .*no recorded capture.*make captures"):
        _live(project).prepare([call("daemon-tool a", 3)])


def test_ci_mode_makes_any_recorded_output_an_error(project: Path) -> None:
    recorded = Capture(
        "daemon-tool a", "x", 0, False, False, 1, "2026-01-02T03:04:05+00:00", "Some OS", None
    )
    RecordedCaptures(project / "captures").put("daemon-tool", recorded)
    with pytest.raises(SourceErrors, match="live output is required"):
        _live(project, require_live=True).prepare([call("daemon-tool a", 3)])


LIMITS = """
programs:
  tool:
    executable: bin/tool
    forms: [[tool, "{name}"]]
  slow:
    executable: sleep
    timeout: 0.2
    forms: [[slow, "{int}"]]
  flood:
    executable: "yes"
    max_output: 100
    forms: [[flood]]
  lines:
    executable: seq
    forms: [[lines, "{int}"]]
"""


def test_every_failed_command_is_reported_at_once_with_limits_and_remedies(
    project: Path,
) -> None:
    """A timeout and an output cap say so, with the limit and where to raise it."""
    (project / "commands.yml").write_text(LIMITS)
    live = _live(project)
    live.start([call("slow 30", 2), call("flood", 4), call("tool fail", 6), call("tool a", 8)])
    with pytest.raises(SourceErrors) as caught:
        live.finish()
    timeout, cap, failed = caught.value.errors
    assert "'slow 30' was killed at its timeout of 0.2 s" in timeout.problem
    assert "raise the timeout of 'slow' in commands.yml" in timeout.fix
    assert "'flood' passed the output cap of 100 bytes" in cap.problem
    assert "raise max_output of 'flood' in commands.yml" in cap.fix
    assert "exited with status 3" in failed.problem and "ran fail" in failed.problem
    assert live.get("tool a").output == "ran a\n"  # the good one is still shown
    with pytest.raises(SourceErrors):  # asked again (a page rendering it), it fails again
        live.get("flood")


def test_a_failed_command_shows_only_the_first_and_last_lines_of_its_output(
    project: Path,
) -> None:
    (project / "commands.yml").write_text(LIMITS.replace("seq", "bin/tool-seq"))
    script = project / "bin" / "tool-seq"
    script.write_text(f"#!{sys.executable}\nfor i in range(1, 1001): print(i)\nexit(1)\n")
    script.chmod(0o755)
    with pytest.raises(SourceErrors) as caught:
        _live(project).prepare([call("lines 1000", 3)])
    shown = [line.strip("| ") for line in caught.value.errors[0].problem.splitlines()[1:]]
    assert shown == ["1", "2", "3", "... (994 more lines)", "998", "999", "1000"]


def test_a_container_left_by_a_stopped_build_is_named_with_the_command_that_removes_it(
    project: Path,
) -> None:
    """Docker's own words when `docker container run --name X` meets a leftover X."""
    script = project / "bin" / "tool-docker"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nprint('docker: Error response from daemon: "
        'Conflict. The container name "/notes-hostname" is already in use by container '
        "abc.')\nsys.exit(125)\n"
    )
    script.chmod(0o755)
    (project / "commands.yml").write_text(
        "programs:\n  fake-docker:\n    executable: bin/tool-docker\n    forms: [[fake-docker]]\n"
    )
    with pytest.raises(SourceErrors) as caught:
        _live(project).prepare([call("fake-docker", 5)])
    assert caught.value.errors[0].fix.startswith(
        "A container 'notes-hostname' is left from a build that was stopped: run "
        "`docker container rm --force notes-hostname`"
    )


def test_uncollected_command_is_a_clear_error(project: Path) -> None:
    with pytest.raises(LookupError, match="not collected"):
        _live(project).get("tool zzz")


def test_a_program_s_lock_stays_in_the_user_s_cache_whatever_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Program names come from the allowlist, which a pull request may edit."""
    from studynotes.live.session import _lock_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    locks = {_lock_file(name) for name in ("docker", "../../etc/passwd", "/tmp/x")}
    assert len(locks) == 3
    assert {lock.parent for lock in locks} == {tmp_path / "studynotes" / "locks"}


def test_a_committed_cache_is_never_shown_as_output_nor_made_the_commands_home(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request can commit a `.cache/` folder: a forged capture there, stored in the
    future so it never expires, must not stand for the command's output, and its files
    must not become the commands' HOME (a docker config there would configure docker)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "user-cache"))
    chosen = live_settings(project, {}, project_settings.Settings(allowlist="commands.yml"))
    forged = Capture("tool a", "forged\n", 0, False, False, 7, "2026-01-01", "host", None)
    planted = Cache(project / ".cache" / "live-output")
    key = "tool a\0" + fingerprint([project / "bin" / "tool"], project)  # as the build keys it
    planted.put(key, forged)
    entry = next((project / ".cache" / "live-output").iterdir())
    entry.write_text(json.dumps({**json.loads(entry.read_text()), "stored": 1e12}))
    assert planted.get(key) is not None  # where builds used to read it: still fresh
    live = LiveOutputs(chosen, redact=lambda text: text)
    live.prepare([call("tool a")])
    assert live.get("tool a").output == "ran a\n"
    for folder in (chosen.cache.directory, chosen.home):
        assert folder and (project / "user-cache" / "studynotes") in folder.parents
