"""`studynotes snippets [PAGE ...]`: run the marked code blocks of the notes.

Prints progress (page, how many left), every failure with its file:line, the
command and its output, and the counts; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from studynotes import settings, symlinks
from studynotes.errors import REPORTED, SourceErrors, summary
from studynotes.site import project_extensions
from studynotes.snippets.checker import Checker, Report, pages
from studynotes.snippets.languages import LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="studynotes snippets", description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages to check (default: docs/)")
    parser.add_argument("--root", type=Path, default=Path(), help="the site (default: here)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    links = symlinks.problems([root / "docs", root / "data"])
    if links:  # a page linked to /dev/zero would never finish reading
        print(SourceErrors(links, symlinks.CHECK), file=sys.stderr)
        return 1
    chosen = [p.resolve() for p in args.pages] or list(pages(root / "docs"))
    started = time.monotonic()

    def progress(number: int, total: int, page: Path) -> None:
        left = total - number
        print(f"[{number}/{total}] {page.relative_to(root)} ({left} left)", flush=True)

    config = root / "mkdocs.yml"
    try:
        chosen_settings = settings.read(config) if config.is_file() else settings.Settings()
        found = project_extensions(config) if config.is_file() else []
    except REPORTED as error:
        print(error, file=sys.stderr)
        return 1
    own = [language for extension in found for language in extension.snippet_languages]
    checker = Checker(
        root,
        root / chosen_settings.allowlist,
        languages=(*LANGUAGES, *own),
    )
    report = checker.check_pages(chosen, progress)
    print_report(report, time.monotonic() - started)
    return 0 if report.ok else 1


def print_report(report: Report, seconds: float) -> None:
    """Failures grouped by page, the counts, then one line: what was found."""
    failures = sorted(report.failures, key=lambda failure: (failure.page, failure.line))
    previous = None
    for failure in failures:
        if failure.page != previous:
            print(file=sys.stderr)
        print(failure, file=sys.stderr)
        previous = failure.page
    print(f"\nSnippets in {sum(report.counts.values())} marked blocks ({seconds:.0f} s):")
    families = sorted({family for family, _ in report.counts})
    for family in families:
        kinds = {k: n for (f, k), n in report.counts.items() if f == family}
        checked = sum(n for k, n in kinds.items() if k != "illustrative")
        detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        print(
            f"  {family:<10} checked {checked:>3}, illustrative {kinds.get('illustrative', 0):>3}"
            f"   ({detail})"
        )
    if report.reasons:
        print("  illustrative because:")
        for reason, count in report.reasons.most_common():
            print(f"    {count:>3}  {reason}")
    print(summary("The snippet check", len(failures), len({f.page for f in failures})))


if __name__ == "__main__":
    sys.exit(main())
