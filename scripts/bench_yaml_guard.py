"""How long the YAML guard takes to refuse hostile files (figures only, never a test).

    make bench-yaml   (or: .venv/bin/python scripts/bench_yaml_guard.py [--runs 5])

Each probe is written to a file and loaded as a quiz file is (``yamlfile.load``);
the median of RUNS refusals is printed. Unguarded, the 9x9 bomb kept the duplicate-key
check busy for minutes and the deep nesting crashed the interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from studynotes import yamlfile
from studynotes.errors import SourceErrors


def bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


PROBES = {
    "alias bomb, 9 levels of 9 (387 million values)": bomb(9, 9),
    "alias bomb, 12 levels of 12 (8.9 trillion values)": bomb(12, 12),
    "flow nesting 100,000 deep": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    # Not hostile: what the guard costs on a plain file just under the size cap.
    "a plain file of 14,000 questions (925 KB)": "questions:\n"
    + "".join(f"  - prompt: question {n:06} {'x' * 40}\n" for n in range(14_000)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "probe.yml"
        for name, text in PROBES.items():
            path.write_text(text)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                try:
                    yamlfile.load(path)
                    outcome = "read"
                except SourceErrors:
                    outcome = "refused"
                times.append(time.perf_counter() - start)
            print(f"{name}: {outcome} in {1000 * statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main()
