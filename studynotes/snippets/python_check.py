"""Python blocks run as a script of their own, in a fresh temporary folder, with a timeout."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from studynotes.live.runner import execute, scrubbed_env
from studynotes.snippets.language import Kind, Language
from studynotes.snippets.outcome import Failure, judge
from studynotes.snippets.snippet import Snippet

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


LANGUAGE = Language(
    family="python",
    names=("python", "py", "python3"),
    kinds={
        "run": Kind(
            'python check="run"',
            "runs it as a script in a new, empty temporary folder (timeout 60 s, scrubbed "
            "environment); it must exit 0",
        ),
        "fail": Kind(
            'python check="fail"',
            "the same, but it must fail (e.g. the sources' broken code, shown on purpose)",
        ),
    },
    make=lambda context: lambda snippet, files: check(snippet),
    hint="```python",
)
