"""Build the site with Zensical, which has no end-of-build event: check, build, finish.

    python -m studynotes.build [--strict] [--config-file mkdocs.yml]

MkDocs and ProperDocs need none of this (``mkdocs build``, ``properdocs build``): the
macros adapter starts and finishes their builds. Zensical runs the same adapter for
every page but nothing after the last one, so this command does around it what the
adapter does for the others: the pages' template code, the live commands and the
quiz data are checked before Zensical starts (errors at their file and line, no
traceback), and the quiz exports and the site check follow its build. Zensical runs in
this process: the adapter gets the Site made here, checked once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from dataclasses import replace
from pathlib import Path

from studynotes import config
from studynotes.errors import REPORTED
from studynotes.site import Options, Site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--strict", action="store_true", help="Zensical's strict mode")
    args = parser.parse_args(argv)
    try:
        options = _as_zensical_gives_them(config.options(args.config_file))
        # The macros adapter asks for this Site on every page (Site.shared): Zensical runs
        # in this process, so the pages are checked, and the modules imported, once.
        site = Site.shared(options)
        site.live.finish()  # every command's outcome, before Zensical renders a page
    except (*REPORTED, LookupError) as error:
        print(error, file=sys.stderr)
        return 1
    if not _zensical_built(args.config_file.resolve(), options.root, args.strict):
        return 1
    try:
        print(site.finish(config.site_dir(args.config_file)))
    except REPORTED as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _as_zensical_gives_them(options: Options) -> Options:
    """The options the macros adapter makes of Zensical's settings for each page (which
    name no config file: the Site reads the project's mkdocs.yml)."""
    default = options.config_file == options.root / "mkdocs.yml"
    return replace(
        options, raw_html_rewritten=True, config_file=None if default else options.config_file
    )


def _zensical_built(config_file: Path, root: Path, strict: bool) -> bool:
    """``zensical build --clean [--strict]``, in this process; False once it has said why not."""
    import zensical

    _without_table_readers()
    here = Path.cwd()
    os.chdir(root)  # where `zensical build` runs: its macros count paths from there
    try:
        zensical.build(str(config_file), {"clean": True, "strict": strict})
    except RuntimeError as error:  # "Aborted because --strict flag is set", after the warnings
        print(error, file=sys.stderr)
        return False
    finally:
        os.chdir(here)
    return True


def _without_table_readers() -> None:
    """Zensical's macros extension hands every page pandas' table readers, importing pandas
    (0.4 s a build) wherever it is installed. Pages here can call the site's macros only
    (the template check refuses any other call): they get its placeholders instead."""
    with contextlib.suppress(ImportError, AttributeError):
        from zensical.extensions import table_reader

        fake = table_reader._get_fake_table_readers()
        readers = {name: read for name, read in fake.items() if name.startswith("pd_read_")}
        table_reader._get_pandas_readers = lambda: readers


if __name__ == "__main__":
    sys.exit(main())
