#!/usr/bin/env python3
"""From `pip install` to a built site, as another course meets the generator (figures only).

    make bench-install

Builds the wheel from this checkout, installs it with its dependencies from PyPI into
a fresh virtual environment (``[properdocs,zensical]``: all three engines), then runs
``studynotes new course`` and ``studynotes build --strict`` on each engine, and prints
the wheel's size and contents, the generated tree and each step's time. Needs the
package index; a benchmark, never a test.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from studynotes.engines import ENGINES  # noqa: E402


def timed(label: str, command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{label} failed:\n{done.stdout}\n{done.stderr}")
    print(f"{label:<40} {seconds:6.1f} s")
    return seconds


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        wheels = tmp / "wheels"
        pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels)]
        subprocess.run([*pip_wheel, str(ROOT)], check=True)
        (wheel,) = wheels.glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
        kinds = Counter(Path(name).parts[1] if "/" in name else name for name in names)
        print(f"wheel: {wheel.name}, {wheel.stat().st_size / 1024:.0f} KiB, {len(names)} files")
        for part, count in sorted(kinds.items()):
            print(f"  {part:<32} {count:>3}")
        subprocess.run([sys.executable, "-m", "venv", str(tmp / "env")], check=True)
        bin_dir = tmp / "env" / "bin"
        total = timed(
            "pip install (wheel and dependencies)",
            [str(bin_dir / "pip"), "install", "-q", f"{wheel}[properdocs,zensical]"],
            tmp,
        )
        total += timed("studynotes new course", [str(bin_dir / "studynotes"), "new", "course"], tmp)
        for engine in ENGINES:
            build = [str(bin_dir / "studynotes"), "build", "--strict", "--engine", engine]
            seconds = timed(f"studynotes build --strict ({engine})", build, tmp / "course")
            total += seconds if engine == "mkdocs" else 0
        print(f"{'pip install to a built site (MkDocs)':<40} {total:6.1f} s")
        print("generated tree:")
        for path in sorted((tmp / "course").rglob("*")):
            relative = path.relative_to(tmp / "course")
            if relative.parts[0] not in ("site", ".cache") and path.is_file():
                print(f"  {relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
