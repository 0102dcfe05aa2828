"""`studynotes`: start a course site, build, serve and check it, take its quizzes.

    studynotes new DIR              a new course site in DIR (see ``scaffold.py``)
    studynotes build [--strict]     build with MkDocs, or --engine properdocs|zensical
    studynotes serve                preview on http://127.0.0.1:8000, rebuilt on save
    studynotes check [PAGE ...]     the build's checks and the snippet checks
    studynotes snippets [PAGE ...]  run the pages' marked code blocks
    studynotes quiz [QUIZ_ID]       take a quiz in the terminal

Each command works on the site whose mkdocs.yml is in the current folder (or
``--config-file``). Whatever a contributor can get wrong is reported as the build
reports it, file:line and the fix, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from studynotes import scaffold
from studynotes.engines import DEFAULT, ENGINES
from studynotes.errors import REPORTED, UsageError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"studynotes {args.command}: {error}", file=sys.stderr)
        return 2
    except REPORTED as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def commands() -> list[str]:
    """The names of the commands, as ``studynotes --help`` lists them."""
    actions = _parser()._subparsers._group_actions  # type: ignore[union-attr]
    return [name for action in actions for name in getattr(action, "choices", {})]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studynotes",
        description=__doc__.split("\n")[0],
        epilog="Run 'studynotes COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"studynotes {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = _command(commands, "new", _new, "write a new course site into DIR")
    new.add_argument("directory", type=Path, metavar="DIR")
    new.add_argument("--name", help="the site's name (default: from DIR)")
    new.add_argument("--force", action="store_true", help="write into DIR even if it is not empty")

    build = _command(commands, "build", _build, "build the site into site/")
    _engine_and_config(build, list(ENGINES))
    build.add_argument("--strict", action="store_true", help="any warning fails the build")
    build.add_argument("--site-dir", type=Path, help="where to build (default: mkdocs.yml's)")

    serve = _command(commands, "serve", _serve, "preview the site, rebuilt on save")
    _engine_and_config(serve, list(ENGINES))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.add_argument(
        "--dirty", action="store_true", help="rebuild only the pages that changed (not Zensical)"
    )

    check = _command(commands, "check", _check, "the build's checks and the snippet checks")
    _engine_and_config(check, list(ENGINES))
    check.add_argument("pages", nargs="*", type=Path, help="pages (default: all of docs/)")

    snippets = _command(commands, "snippets", _snippets, "run the pages' marked code blocks")
    snippets.add_argument("pages", nargs="*", type=Path, help="pages (default: all of docs/)")
    snippets.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))

    quiz = _command(commands, "quiz", _quiz, "take a quiz in the terminal; no id lists them")
    quiz.add_argument("quiz", nargs="?", help="id of the quiz to take")
    quiz.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    quiz.add_argument("--no-shuffle", action="store_true", help="keep the options in file order")
    quiz.add_argument("--seed", type=int, help="shuffle the options reproducibly")
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    run: Callable[[argparse.Namespace], int],
    summary: str,
) -> argparse.ArgumentParser:
    command = commands.add_parser(
        name, help=summary, description=summary[0].upper() + summary[1:] + "."
    )
    command.set_defaults(run=run)
    return command


def _engine_and_config(command: argparse.ArgumentParser, engines: Sequence[str]) -> None:
    command.add_argument("--engine", choices=engines, default=DEFAULT, help=f"default: {DEFAULT}")
    command.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))


# --- the commands ------------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    written = scaffold.write(args.directory, name=args.name, force=args.force)
    print(f"Wrote {len(written)} files into {args.directory}/. Next:")
    print(f"  cd {args.directory} && studynotes serve     (or: make serve)")
    return 0


def _build(args: argparse.Namespace) -> int:
    config = _config_file(args)
    _require(args.engine)
    engine = ENGINES[args.engine]
    if args.site_dir and not engine.site_dir:
        raise UsageError(f"--site-dir: {args.engine} builds into mkdocs.yml's site_dir")
    site = args.site_dir.resolve() if args.site_dir else None
    return _run([sys.executable, *engine.build(config, strict=args.strict, site=site)], config)


def _serve(args: argparse.Namespace) -> int:
    config = _config_file(args)
    _require(args.engine)
    if args.engine == "zensical":
        from studynotes import config as options
        from studynotes.site import Site

        Site(options.options(config)).live.finish()  # the checks first, as `build` does
        print(
            "Zensical's preview runs no finish: quiz exports and the site check come with "
            "'studynotes build --engine zensical'.",
            file=sys.stderr,
        )
    engine = ENGINES[args.engine]
    command = [sys.executable, "-m", engine.module, "serve", "--config-file", str(config)]
    command += ["--dirty"] * (args.dirty and engine.dirty)
    return _become([*command, "--dev-addr", args.dev_addr], config)


def _check(args: argparse.Namespace) -> int:
    _require_snippets()
    from studynotes.check import main as check_main

    config = _config_file(args)
    _require(args.engine)
    pages = [str(page.resolve()) for page in args.pages]
    return check_main([*pages, "--engine", args.engine, "--root", str(config.parent)])


def _snippets(args: argparse.Namespace) -> int:
    _require_snippets()
    from studynotes.snippets.__main__ import main as snippets_main

    config = _config_file(args)
    return snippets_main(
        [str(page.resolve()) for page in args.pages] + ["--root", str(config.parent)]
    )


def _quiz(args: argparse.Namespace) -> int:
    from studynotes.quiz.runner import main as quiz_main

    config = _config_file(args)
    options = ["--config-file", str(config)] + ["--no-shuffle"] * args.no_shuffle
    options += ["--seed", str(args.seed)] if args.seed is not None else []
    return quiz_main(([args.quiz] if args.quiz else []) + options)


# --- helpers ----------------------------------------------------------------------------


def _config_file(args: argparse.Namespace) -> Path:
    config: Path = args.config_file.resolve()
    if not config.is_file():
        raise UsageError(
            f"no {args.config_file} here ({Path.cwd()}): run it in a site's folder, "
            "pass --config-file, or start a site with 'studynotes new DIR'"
        )
    return config


def _require(engine: str) -> None:
    if importlib.util.find_spec(ENGINES[engine].module) is None:
        raise UsageError(f"{engine} is not installed: pip install '{ENGINES[engine].extra}'")


def _require_snippets() -> None:
    if importlib.util.find_spec("jsonschema") is None:
        raise UsageError("the snippet checks need their extra: pip install 'studynotes[snippets]'")


def _run(command: list[str], config: Path) -> int:
    """Run an engine in the site's folder (mkdocs.yml's paths count from there)."""
    return subprocess.run(command, cwd=config.parent, env=_engine_env()).returncode


def _become(command: list[str], config: Path) -> int:
    """Replace this process by the engine's preview server, in the site's folder: a
    signal that stops `studynotes serve` (Ctrl-C, a test, a process manager) reaches the
    server itself, and no server is left running behind it."""
    os.chdir(config.parent)
    os.execve(command[0], command, _engine_env())
    return 1  # not reached


def _engine_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner about MkDocs 2.0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("studynotes")
    except PackageNotFoundError:
        return "(not installed)"
