"""Running one command: timeout, output cap, encoding, environment, redaction."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from studynotes.live.redact import Redactor
from studynotes.live.runner import Unavailable, execute, scrubbed_env


def _run(
    code: str,
    tmp_path: Path,
    *,
    timeout: float = 5,
    cap: int = 1000,
    env: dict[str, str] | None = None,
):
    return execute(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        timeout=timeout,
        max_output=cap,
        env=env or scrubbed_env([], tmp_path),
    )


def test_output_and_exit_code(tmp_path: Path) -> None:
    result = _run("import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)", tmp_path)
    assert result.exit_code == 3 and not result.timed_out
    assert "out" in result.output and "err" in result.output


def test_hanging_command_and_its_children_are_killed_at_the_timeout(tmp_path: Path) -> None:
    # The child starts a grandchild that also hangs and holds the output pipe: unless
    # the whole group dies, execute() cannot return before the grandchild's 600 s.
    code = (
        "import subprocess, sys, time; "
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
        "print('grandchild', child.pid, flush=True); time.sleep(600)"
    )
    result = _run(code, tmp_path, timeout=1)
    assert result.timed_out and result.exit_code is None and result.timeout == 1
    grandchild = int(result.output.split()[1])  # what it printed before the kill is kept
    assert _dead(grandchild)


def _dead(pid: int) -> bool:
    """Gone, or a zombie waiting for its new parent to reap it (SIGKILL is not instant)."""
    for _ in range(200):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_output_is_capped(tmp_path: Path) -> None:
    result = _run("print('x' * 50000)", tmp_path, cap=100)
    assert result.truncated and len(result.output) == 100 and result.total_bytes > 100


def test_endless_output_is_stopped(tmp_path: Path) -> None:
    result = _run("import sys\nwhile True: sys.stdout.write('y' * 4096)", tmp_path, cap=100)
    assert result.truncated and len(result.output) == 100


def test_non_utf8_bytes_are_replaced(tmp_path: Path) -> None:
    result = _run("import sys; sys.stdout.buffer.write(b'ok \\xff\\xfe end')", tmp_path)
    assert result.output == "ok \ufffd\ufffd end"


def test_environment_is_scrubbed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_" + "a" * 36)
    monkeypatch.setenv("DOCKER_HOST", "unix:///tmp/docker.sock")
    env = scrubbed_env(["DOCKER_HOST"], tmp_path)
    result = _run("import os; print(sorted(os.environ))", tmp_path, env=env)
    assert "GITHUB_TOKEN" not in result.output
    assert "DOCKER_HOST" in result.output and "PATH" in result.output


def test_missing_program_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(Unavailable, match="no-such-tool"):
        execute(["no-such-tool"], cwd=tmp_path, timeout=1, max_output=10, env={})


def test_redaction_of_environment_secrets_patterns_and_home() -> None:
    environ = {"MY_API_KEY": "s3cr3t-value-123", "SHORT_TOKEN": "1", "USER": "alice"}
    redact = Redactor(environ, home="/home/alice")
    text = redact(
        "key=s3cr3t-value-123 id AKIAABCDEFGHIJKLMNOP tok ghp_"
        + "b" * 36
        + " password: hunter22 path /home/alice/notes user alice\n"
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"
    )
    assert "s3cr3t-value-123" not in text and "[redacted $MY_API_KEY]" in text
    assert "AKIAABCDEFGHIJKLMNOP" not in text
    assert "ghp_" not in text
    assert "hunter22" not in text and "password: [redacted]" in text
    assert "/home/alice" not in text and "~/notes" in text
    assert "MIIE" not in text
    assert "user alice" in text  # ordinary values are left alone


def test_real_home_is_redacted() -> None:
    assert Redactor({}, home=None)(f"{Path.home()}/x") == "~/x"
    assert os.sep == "/"
