"""Check a built site from the command line, whichever engine built it.

    python -m studynotes.sitecheck site [--site-url URL] [--docs docs]

Exit status 1 and every problem at its file and line if anything is broken.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studynotes.errors import SourceErrors
from studynotes.sitecheck import default_sources, require_sound_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="the folder the build wrote")
    parser.add_argument("--site-url", help="site_url of the build (for absolute links)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the Markdown pages")
    parser.add_argument(
        "--no-directory-urls", action="store_true", help="the build had use_directory_urls: false"
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} holds no built site (no index.html): build it first")
    sources = default_sources(args.docs, not args.no_directory_urls) if args.docs.is_dir() else {}
    try:
        summary = require_sound_site(
            args.site, site_url=args.site_url, sources=sources, root=Path.cwd()
        )
    except SourceErrors as errors:
        print(errors, file=sys.stderr)
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
