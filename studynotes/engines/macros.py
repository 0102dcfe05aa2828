"""The mkdocs-macros module of every site: a translation layer onto ``studynotes.site.Site``.

A site's ``macros/__init__.py`` imports ``define_env``, ``on_post_build`` and
``on_pre_page_macros`` from here; mkdocs-macros calls them on MkDocs and ProperDocs,
and Zensical's macros shim calls ``define_env`` for every page. The core does the
work and keeps every promise; this module only turns the engine's ``env`` into the
core's options and the core's errors (``SourceError``: file, line, what to do) into
the engine's ``PluginError``, which stops the build with that message instead of a
traceback. It is the one module of the package that touches an engine, and it
imports the engine's error class only when there is an error to raise.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from studynotes.errors import REPORTED
from studynotes.site import Options, Site
from studynotes.templating import protect_code

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("mkdocs.studynotes")


def _as_build_error(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (*REPORTED, LookupError) as error:
            if _zensical_build():
                _end_zensical_build(ERROR + _each_problem_marked(str(error)))
            raise plugin_error(_each_problem_marked(str(error))) from None

    return wrapper  # type: ignore[return-value]


ERROR = "ERROR   -  "  # MkDocs' and ProperDocs' prefix of an error line


def _each_problem_marked(report: str) -> str:
    """The report with every problem line in the engine's error format, not only the first
    (which the engine marks itself): each can be found by searching the log for ERROR."""
    first, *rest = report.split("\n")
    marked = (ERROR + line if line and not line[0].isspace() else line for line in rest)
    return "\n".join([first, *marked])


def _zensical_build() -> bool:
    """A Zensical build, not its preview: `zensical build`, or `python -m studynotes.build`,
    which runs it in its own process after the checks."""
    if "zensical" not in sys.modules:
        return False
    main = getattr(sys.modules.get("__main__"), "__spec__", None)
    return "build" in sys.argv[1:] or getattr(main, "name", "") == "studynotes.build"


def _end_zensical_build(report: str) -> None:
    """Zensical turns any exception of a page into its own traceback (it renders pages
    from Rust): a build ends here instead, with the report alone, as MkDocs' does.
    Its preview (`zensical serve`) is left running and shows the traceback."""
    print(report, file=sys.stderr, flush=True)
    sys.stdout.flush()
    os._exit(1)


def plugin_error(message: str) -> Exception:
    """The running engine's build error (MkDocs' or ProperDocs'), which ends the build
    with ``message`` and no traceback."""
    for engine in ("properdocs", "mkdocs"):
        if f"{engine}.commands.build" in sys.modules:
            return importlib.import_module(f"{engine}.exceptions").PluginError(message)
    return RuntimeError(message)


def _options(env: Any) -> Options:
    conf = env.conf
    root = Path(env.project_dir)
    return Options(
        root=root,
        docs_dir=root / conf.get("docs_dir", "docs"),  # absolute on MkDocs, "docs" on Zensical
        site_url=conf.get("site_url") or "",
        repo_url=conf.get("repo_url") or "",
        use_directory_urls=conf.get("use_directory_urls", True),
        raw_html_rewritten=_per_page(env),  # Zensical rewrites raw HTML URLs like Markdown's
        config_file=Path(conf["config_file_path"]) if conf.get("config_file_path") else None,
    )


def _per_page(env: Any) -> bool:
    """Zensical's macros shim calls define_env for every page, with that page in env."""
    return type(env).__module__.startswith("zensical")


@_as_build_error
def define_env(env: Any) -> None:
    # MkDocs and ProperDocs call this once per build (`serve`: once per rebuild): a new
    # Site each time. Zensical calls it for every page: the same Site while nothing changed.
    per_page = _per_page(env)
    site = Site.shared(_options(env)) if per_page else Site(_options(env))
    env.variables["studynotes_site"] = site  # for on_post_build; pages cannot name it

    def current_page() -> str:
        return env.page.path if per_page else env.page.file.src_uri

    for name, function in site.macros(current_page).items():
        env.macro(_as_build_error(function), name)


@_as_build_error
def on_post_build(env: Any) -> None:
    """Quiz exports go into the built site; then the whole site is checked."""
    site: Site = env.variables["studynotes_site"]
    log.info(site.finish(Path(env.conf["site_dir"]), _page_sources(env)))


def _page_sources(env: Any) -> dict[str, Path]:
    """Built page -> Markdown file, as MkDocs laid them out (blog posts included)."""
    return {
        file.dest_uri: Path(file.abs_src_path)
        for file in env.variables.get("files") or ()
        if file.is_documentation_page() and file.abs_src_path and Path(file.abs_src_path).is_file()
    }


def on_pre_page_macros(env: Any) -> None:
    """Code blocks and inline code are literal: `{{.Names}}` in a docker command stays."""
    env.markdown = protect_code(env.markdown)
