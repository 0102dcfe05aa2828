"""Build the site with Zensical, which has no end-of-build event: check, build, finish.

    python -m studynotes.build [--strict] [--config-file mkdocs.yml]

MkDocs and ProperDocs need none of this (``mkdocs build``, ``properdocs build``): the
macros adapter starts and finishes their builds. Zensical runs the same adapter for
every page but nothing after the last one, so this command does around it what the
adapter does for the others: the pages' template code, the live commands and the
quiz data are checked before Zensical starts (errors at their file and line, no
traceback), and the quiz exports and the site check follow its build.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from studynotes import config
from studynotes.errors import REPORTED
from studynotes.site import Site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--strict", action="store_true", help="Zensical's strict mode")
    args = parser.parse_args(argv)
    try:
        options = config.options(args.config_file)
        site = Site(options)
        site.live.finish()  # every command's outcome, before Zensical renders a page
    except (*REPORTED, LookupError) as error:
        print(error, file=sys.stderr)
        return 1
    command = [sys.executable, "-m", "zensical", "build", "--clean"]
    command += ["--config-file", str(args.config_file.resolve())]
    if args.strict:
        command.append("--strict")
    done = subprocess.run(command, cwd=options.root)
    if done.returncode != 0:
        return done.returncode
    try:
        print(site.finish(config.site_dir(args.config_file)))
    except REPORTED as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
