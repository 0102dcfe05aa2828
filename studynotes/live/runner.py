"""Run one argv without a shell: timeout, output cap, scrubbed environment."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 65536
# The whole environment a command sees, plus variables its allowlist entry names.
_BASE_ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
}


class Unavailable(Exception):
    """The program is not installed, so no live output can be had."""


@dataclass(frozen=True)
class RunResult:
    output: str
    exit_code: int | None  # None when killed at the timeout
    timed_out: bool
    truncated: bool
    total_bytes: int
    seconds: float  # how long it ran: for reports of speed, never for decisions
    timeout: float  # the limit it ran under


def scrubbed_env(passthrough: list[str], home: Path) -> dict[str, str]:
    env = dict(_BASE_ENV, HOME=str(home))
    env.update({name: os.environ[name] for name in passthrough if name in os.environ})
    return env


def execute(
    argv: list[str], *, cwd: Path, timeout: float, max_output: int, env: dict[str, str]
) -> RunResult:
    """Run ``argv``; kill its whole process group at ``timeout`` or past ``max_output`` bytes."""
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except FileNotFoundError:
        raise Unavailable(f"'{argv[0]}' is not installed") from None
    buffer = bytearray()
    total = [0]
    reader = threading.Thread(target=_read, args=(process, buffer, total, max_output), daemon=True)
    reader.start()
    timed_out = False
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill(process)
    reader.join(timeout=2)
    return RunResult(
        output=bytes(buffer[:max_output]).decode("utf-8", errors="replace"),
        exit_code=None if timed_out else process.returncode,
        timed_out=timed_out,
        truncated=total[0] > max_output,
        total_bytes=total[0],
        seconds=time.monotonic() - started,
        timeout=timeout,
    )


def _read(
    process: subprocess.Popen[bytes], buffer: bytearray, total: list[int], max_output: int
) -> None:
    """Keep at most ``max_output`` bytes (+1 to know it overflowed); stop a flood early."""
    assert process.stdout is not None
    while chunk := process.stdout.read1(_CHUNK):
        total[0] += len(chunk)
        if len(buffer) <= max_output:
            buffer.extend(chunk[: max_output + 1 - len(buffer)])
        if total[0] > 16 * max_output:  # no reason to read on: the output is cut anyway
            _kill(process)
            break


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
