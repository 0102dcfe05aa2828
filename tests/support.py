"""Helpers shared by the tests: building a copy of the site and serving it."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from studynotes import nav
from studynotes.engines import ENGINES
from studynotes.mkdocs_yml import read as read_config

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "hooks", "data")
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


@functools.cache
def tool(name: str) -> Path:
    """A pinned test tool (``"VNU"``, ``"AXE"``) that scripts/fetch_tools.py checked and
    keeps in the user's cache; `make test` fetches them first."""
    script = ROOT / "scripts" / "fetch_tools.py"
    spec = importlib.util.spec_from_file_location("fetch_tools", script)
    assert spec and spec.loader
    fetch_tools = sys.modules["fetch_tools"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fetch_tools)
    path: Path = getattr(fetch_tools, name).path
    if not path.is_file():
        import pytest

        pytest.fail(f"No {path.name} here: `make test` fetches it (scripts/fetch_tools.py)")
    return path


def axe_violations(page: Any, context: Any = None, options: Any = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is (``context``, ``options``: axe.run's)."""
    page.evaluate(tool("AXE").read_text(encoding="utf-8"))
    run = "([context, options]) => axe.run(context || document, options).then(r => r.violations)"
    return page.evaluate(run, [context, options or {"resultTypes": ["violations"]}])


def nav_pages() -> list[str]:
    """The docs pages mkdocs.yml's nav lists, in order."""
    return nav.listed(read_config(ROOT / "mkdocs.yml")["nav"])


def built_page(site: Path, src: str) -> Path:
    """Where a build with directory URLs writes docs page ``src``."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


@dataclass
class Build:
    returncode: int
    log: str
    site: Path
    engine: str = "mkdocs"

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


def uncredited(project: Path, *pages: str) -> None:
    """List ``pages`` (relative to docs/) as needing no credit in the project's mkdocs.yml:
    for tests of other checks on pages of a line or two."""
    config = project / "mkdocs.yml"
    listed = "".join(f"      - {page}\n" for page in pages)
    text = config.read_text()
    assert "    uncredited:\n" in text
    config.write_text(text.replace("    uncredited:\n", "    uncredited:\n" + listed, 1))


running_kinds: set[str] = set()  # the marks of the test being set up (tests/conftest.py)


def build(
    project: Path, site: Path, env: dict[str, str] | None = None, engine: str = "mkdocs"
) -> Build:
    """Run a real strict build of ``project`` into ``site`` with ``engine``."""
    if "build" not in running_kinds:
        raise AssertionError("this test runs a MkDocs build: mark it @pytest.mark.build")
    if engine == "zensical" and site != project / "site":
        raise ValueError("Zensical builds into the project's site/ folder")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for ci_marker in ("GITHUB_ACTIONS", "GITLAB_CI"):
        full_env.pop(ci_marker, None)  # the git-dates plugin warns in shallow CI clones
    # Zensical goes through studynotes.build and always writes to the project's site/.
    chosen = ENGINES[engine]
    arguments = chosen.build(project / "mkdocs.yml", site=site if chosen.site_dir else None)
    result = subprocess.run(
        [sys.executable, *arguments],
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(result.returncode, result.stdout + result.stderr, site, engine)


class _QuietHandler(SimpleHTTPRequestHandler):
    cache_control = ""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # linkchecker waits 0.1-0.6 s between requests to a host unless the server
        # opts in to full speed with this header (its documented switch).
        self.send_header("LinkChecker", "full speed, this is a local test server")
        if self.cache_control:
            self.send_header("Cache-Control", self.cache_control)
        super().end_headers()


class _RevalidatedHandler(_QuietHandler):
    cache_control = "no-cache"


@contextlib.contextmanager
def serve(directory: Path, *, revalidate: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) and yield its base URL.

    With ``revalidate`` the browser asks the server before it uses a file it cached
    (``Cache-Control: no-cache``), so a file changed seconds later is seen at once.
    """
    kind = _RevalidatedHandler if revalidate else _QuietHandler
    handler = functools.partial(kind, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# linkchecker, run as root, switches its effective user to `nobody` before it loads
# its plugins and lazily imported modules; in a clone `nobody` cannot read (a folder
# made by mktemp -d, or /root) those silently go missing, so what it checks would
# depend on a folder's mode. Here it checks a site the test serves on loopback, so it
# runs as whoever runs the tests, unchanged otherwise.
_LINKCHECKER = (
    "import sys, linkcheck.command.linkchecker as cli; "
    "cli.drop_privileges = lambda: None; sys.exit(cli.linkchecker())"
)


def linkcheck(url: str, *options: str) -> subprocess.CompletedProcess[str]:
    """Crawl the served site at ``url`` with the real ``linkchecker``, as a browser fetches it.

    Every page and asset reachable from ``url`` is requested over HTTP (``--verbose``
    lists each). Fragments are not its job: ``studynotes.sitecheck`` checks them in
    every build, and linkchecker's AnchorCheck is unreliable (upstream issues #542, #555).
    """
    return subprocess.run(
        [
            sys.executable,
            "-c",
            _LINKCHECKER,
            "--no-status",
            "--verbose",
            "--config",
            str(ROOT / "tests" / "linkcheckerrc"),
            *options,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def answer_a_choice(page: Any, url: str, question_id: str, label: str) -> None:
    """On the quiz page at ``url``, choose ``label`` for the question, check it, and
    see it graded right."""
    from playwright.sync_api import expect

    page.goto(url)
    page.wait_for_selector(".quiz[data-quiz-ready]")
    question = page.locator(f"#q-{question_id}")
    question.get_by_label(label).check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.locator(".quiz__feedback")).to_have_text("\N{CHECK MARK} Correct.")
