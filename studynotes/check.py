"""`make check PAGE=docs/...`: the build's checks and the snippet checks, for a page.

    studynotes check [PAGE ...] [--engine mkdocs|properdocs|zensical]

1. A strict build of the whole site (a page's links and the links to it are only
   known in the built site) into ``.cache/check-site``, which is kept: after the
   first run MkDocs and ProperDocs rebuild only the pages that changed
   (``--dirty``), so a round trip takes seconds. The build runs the page check, the
   live commands, the quiz check and the site check, and stops at the first of
   those that finds problems, with all of its problems.
2. The snippet checker on the pages named (all pages if none).
3. The Mermaid diagrams not drawn yet (``make diagrams`` draws them), on any page.

Prints each checker's report and a last line saying what to fix; exits 1 if any
checker found a problem.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from studynotes import diagrams, settings
from studynotes.engines import DEFAULT, ENGINES
from studynotes.errors import REPORTED, SourceErrors
from studynotes.snippets.__main__ import main as snippets_main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="studynotes check", description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages (default: all of docs/)")
    parser.add_argument("--engine", choices=list(ENGINES), default=DEFAULT)
    parser.add_argument("--root", type=Path, default=Path(), help="the site (default: here)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    missing = [str(page) for page in args.pages if not page.is_file()]
    if missing:
        print(f"no such page: {', '.join(missing)} (give paths like docs/linux/df.md)")
        return 2
    print(f"== The build ({args.engine}, strict)", flush=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    config = root / "mkdocs.yml"
    try:
        cache = settings.read(config).cache if config.is_file() else ".cache"
    except REPORTED as error:
        print(error, file=sys.stderr)
        return 1
    engine = ENGINES[args.engine]
    site = root / cache / "check-site"  # kept between runs: dirty rebuilds
    command = engine.build(config, site=site if engine.site_dir else None)
    command += ["--dirty", "--quiet"] * engine.dirty
    built = subprocess.run([sys.executable, *command], cwd=root, env=env)
    print("== The snippets", flush=True)
    snippets = snippets_main([str(page.resolve()) for page in args.pages] + ["--root", str(root)])
    drawings = _undrawn(root)
    codes = (("build", built.returncode), ("snippets", snippets), ("diagram check", drawings))
    ok = not any(code for _, code in codes)
    failed = [name for name, code in codes if code]
    print("All checks passed." if ok else f"Fix what the {' and '.join(failed)} reported above.")
    return 0 if ok else 1


def _undrawn(root: Path) -> int:
    """The diagrams not drawn yet: the tests fail on them, so the check says so first."""
    found = diagrams.undrawn(root, root / "docs")
    if found:
        print("== The diagrams", flush=True)
        print(SourceErrors(found, "The diagram check"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
