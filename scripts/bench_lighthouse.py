"""Lighthouse (mobile) scores of four pages, served with gzip as GitHub Pages serves them.

    make bench-lighthouse   (or: .venv/bin/python scripts/bench_lighthouse.py [SITE_DIR] [--runs N])

Builds the site (unless SITE_DIR is given), serves it on 127.0.0.1 with gzip, and runs
Lighthouse 12.2.3 from the npm registry (``npx --yes lighthouse@12.2.3``, so Node.js
and the registry are needed; this is a benchmark, never a test) in Debian's Chromium
on the home page, a live-output page, a quiz page and docker-basics. Prints the four
category scores of each: the median of ``--runs`` runs (default 5), with every run's
performance score, since one run's varies by ten points or more on a busy machine
(Lighthouse's own advice on variability: several runs, the median).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["", "linux/disk-space/", "quizzes/distros/", "containers/docker-basics/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE = "lighthouse@12.2.3"
# The performance metrics behind the score, and any failed a11y/best-practice audit.
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml")


class _Gzip(SimpleHTTPRequestHandler):
    """A static server that gzips text, as GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not (
            path.is_file() and path.suffix in _COMPRESSIBLE
        ):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(site: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def scores(url: str) -> dict[str, int | str]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                *("npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json"),
                f"--output-path={report}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")},
            check=True,
            capture_output=True,
        )
        result = json.loads(report.read_text())
    row: dict[str, int | str] = {
        name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES
    }
    audits = result["audits"]
    row.update({metric: audits[metric]["displayValue"] for metric in METRICS})
    failed = [
        name
        for category in ("accessibility", "best-practices")
        for ref in result["categories"][category]["auditRefs"]
        if (audits[name := ref["id"]].get("score") is not None and audits[name]["score"] < 1)
    ]
    row["failed"] = ", ".join(failed) or "-"
    return row


def median_scores(url: str, runs: int) -> dict[str, int | str]:
    """The run with the median performance score, and every run's performance score."""
    rows = sorted((scores(url) for _ in range(runs)), key=lambda row: row["performance"])
    row = dict(rows[len(rows) // 2])
    row["runs"] = " ".join(str(r["performance"]) for r in rows)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page")
    args = parser.parse_args()
    given = args.site
    with tempfile.TemporaryDirectory() as tmp:
        site = given or Path(tmp) / "site"
        site.mkdir(exist_ok=True)
        server, url = serve(site)
        if given is None:
            build(site, url)
        print(f"{'page':<28}" + "".join(f"{name:>16}" for name in CATEGORIES))
        for page in PAGES:
            row = median_scores(url + page, args.runs)
            print(f"{'/' + page:<28}" + "".join(f"{row[name]:>16}" for name in CATEGORIES))
            details = ", ".join(f"{metric.replace('-', ' ')} {row[metric]}" for metric in METRICS)
            print(f"{'':<28}{details}; failed audits: {row['failed']}")
            print(f"{'':<28}performance of each run: {row['runs']}")
        server.shutdown()


if __name__ == "__main__":
    main()
