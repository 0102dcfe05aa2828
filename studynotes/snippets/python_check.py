"""Python blocks run as a script of their own, in a fresh temporary folder, with a timeout."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from studynotes.live.runner import execute, scrubbed_env
from studynotes.snippets.marks import Snippet
from studynotes.snippets.outcome import Failure, judge

TIMEOUT = 60
MAX_OUTPUT = 200_000


def check(snippet: Snippet) -> Failure | None:
    name = snippet.block.options.get("title") or "snippet.py"
    timeout = float(snippet.block.options.get("timeout", TIMEOUT))
    with tempfile.TemporaryDirectory(prefix="snippet-") as folder:
        (Path(folder) / name).write_text(snippet.block.source, encoding="utf-8")
        # -I: no PYTHON* variables, no user site-packages; the environment is scrubbed too.
        result = execute(
            [sys.executable, "-I", name],
            cwd=Path(folder),
            timeout=timeout,
            max_output=MAX_OUTPUT,
            env=scrubbed_env([], Path(folder)),
        )
    return judge(snippet, f"python {name}  (in a new temporary folder)", result)
