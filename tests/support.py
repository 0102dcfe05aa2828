"""Helpers shared by the tests: building a copy of the site and serving it."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "hooks", "data", "studynotes")
# Debian's Chromium; CHROMIUM overrides it, and where neither exists Playwright's
# own build (installed by scripts/system-deps.sh off Debian) is used.
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
# Flags for a headless Chromium on a machine with no network but loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Build:
    returncode: int
    log: str
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def copy_project(dest: Path) -> Path:
    """Copy what MkDocs reads (config, pages, macros, hooks) into ``dest``, outside git."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def build(project: Path, site: Path, env: dict[str, str] | None = None) -> Build:
    """Run a real strict ``mkdocs build`` of ``project`` into ``site``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for ci_marker in ("GITHUB_ACTIONS", "GITLAB_CI"):
        full_env.pop(ci_marker, None)  # the git-dates plugin warns in shallow CI clones
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) and yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def linkcheck(url: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``linkchecker`` over a served site: internal links and anchors."""
    exe = Path(sys.executable).with_name("linkchecker")
    return subprocess.run(
        [str(exe), "--no-status", "--config", str(ROOT / "tests" / "linkcheckerrc"), url],
        capture_output=True,
        text=True,
        timeout=600,
    )
