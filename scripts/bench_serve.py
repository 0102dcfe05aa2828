"""Edit-to-visible time of `make serve`: figures only.

    make bench-serve   (or: .venv/bin/python scripts/bench_serve.py [--edits 5] [--full])

Serves a copy of the project (a git repository of its own, so the last-update dates
come from git as in a clone) the way `make serve` does, then edits two pages in
turn, one with live output (linux/disk-space.md) and one with a quiz
(quizzes/distros.md), EDITS times each. For every edit it measures the time from
the write to the served page showing the new text, and checks that the page still
shows its live output or quiz and that no live command ran again but walks of a
folder holding an edited page (they show its size). With --full, the server rebuilds
everything on each change (`mkdocs serve` without --dirty), for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import project_copy

PAGES = {  # page -> served path, and what it must still show after an edit
    "docs/linux/disk-space.md": ("linux/disk-space/", "live-caption"),
    "docs/quizzes/distros.md": ("quizzes/distros/", 'data-quiz="'),
}
WAIT = 60  # seconds an edit may take to show before the run is called a failure


def serve(project: Path, port: int, dirty: bool) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    env["STUDYNOTES_CACHE_DIR"] = str(project.parent / "live-output")  # watched: cache_state
    return subprocess.Popen(
        [*command, *(["--dirty"] if dirty else [])],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str) -> float:
    """Seconds until ``url`` serves a page containing ``text``."""
    started = time.monotonic()
    while time.monotonic() - started < WAIT:
        if text in fetch(url):
            return time.monotonic() - started
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {WAIT} s")


def cache_state(project: Path) -> dict[str, str]:
    """Each cached capture's file -> the command it holds (its key up to the digest)."""
    folder = project.parent / "live-output"
    return {
        path.name: json.loads(path.read_text())["key"].split("\0")[0]
        for path in folder.glob("*.json")
    }


def unexpected_reruns(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Commands run again that name none of the folders holding an edited page: a tree walk
    of docs/linux shows the sizes of its pages, so an edit there runs it again, rightly."""
    folders = {str(folder) for page in PAGES for folder in Path(page).parents}
    again = {command for name, command in after.items() if name not in before}
    return sorted(c for c in again if not any(word in folders for word in c.split()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=5, help="edits per page")
    parser.add_argument("--full", action="store_true", help="without --dirty, for comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = project_copy(Path(tmp) / "project", 0)  # committed, as a course is
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = serve(project, port, dirty=not args.full)
        try:
            base = f"http://127.0.0.1:{port}/"
            first = wait_for(base + "linux/disk-space/", "live-caption")
            print(f"first build and serve: {first:.1f} s ({'full' if args.full else '--dirty'})")
            cache = cache_state(project)
            times: list[float] = []
            for n in range(args.edits):
                for page, (served, shown) in PAGES.items():
                    marker = f"Edit marker {n} of {page}."
                    path = project / page
                    path.write_text(path.read_text() + f"\n{marker}\n")
                    seconds = wait_for(base + served, marker)
                    if shown not in fetch(base + served):
                        raise SystemExit(f"{served} lost its {shown!r} after an edit")
                    times.append(seconds)
                    print(f"  {page}: {seconds:.2f} s")
            after = cache_state(project)
            if unexpected_reruns(cache, after):
                raise SystemExit(f"ran again after an edit: {unexpected_reruns(cache, after)}")
            again = sorted({c for name, c in after.items() if name not in cache})
            print(
                f"edit to visible, {len(times)} edits: median {statistics.median(times):.2f} s, "
                f"min {min(times):.2f} s, max {max(times):.2f} s; live commands run again: "
                f"{', '.join(again) or 'none'} (only walks of folders holding an edited page)"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
