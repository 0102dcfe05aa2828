"""mkdocs-macros-plugin entry point: registers the functions pages may call.

Kept thin on purpose: each macro translates between MkDocs' world and the
``studynotes`` package, which does the work. Errors in contributors' input arrive
as ``SourceError`` (file, line, what to do) and leave as MkDocs ``PluginError``,
which stops the build with that message instead of a traceback.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError

from studynotes import df as df_output
from studynotes import glossary
from studynotes.errors import SourceError
from studynotes.live.cache import DEFAULT_TTL, Cache
from studynotes.live.collect import collect
from studynotes.live.session import LiveOutputs, Settings
from studynotes.render import console
from studynotes.templating import protect_code

F = TypeVar("F", bound=Callable[..., Any])


def _as_build_error(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (SourceError, LookupError) as error:
            raise PluginError(str(error)) from None

    return wrapper  # type: ignore[return-value]


def live_settings(root: Path) -> Settings:
    """Where the allowlist, captures and cache live; environment variables tune it."""
    ttl = float(os.environ.get("STUDYNOTES_CACHE_TTL", DEFAULT_TTL))
    cache_dir = Path(os.environ.get("STUDYNOTES_CACHE_DIR") or root / ".cache" / "live-output")
    return Settings(
        root=root,
        allowlist=root / "data" / "commands.yml",
        captures=root / "data" / "captures",
        cache=Cache(cache_dir, ttl=ttl),
        require_live=os.environ.get("STUDYNOTES_REQUIRE_LIVE", "") not in ("", "0"),
    )


@_as_build_error
def define_env(env: Any) -> None:
    root = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    live = LiveOutputs(live_settings(root))
    live.prepare(collect(docs_dir))  # every command checked and run before any page renders

    @env.macro
    @_as_build_error
    def run(command: str, expect_failure: bool = False) -> str:
        """A console block of the command's real output, with its live/recorded caption."""
        return console.render(live.get(command))

    @env.macro
    @_as_build_error
    def df(command: str = "df -h", keep_pseudo: bool = False) -> str:
        """The df console block, then its filesystems as a table with usage bars.

        Pseudo filesystems (tmpfs, overlay, tiny special mounts) are left out of the
        table unless keep_pseudo=True; the console block always shows everything.
        """
        capture = live.get(command)
        filesystems = df_output.real_disks(df_output.parse(capture.output), keep_pseudo)
        return f"{console.render(capture)}\n{df_output.to_html(filesystems)}\n"

    @env.macro
    @_as_build_error
    def glossary_table() -> str:
        """The glossary page's table, from the abbreviations appended to every page."""
        return glossary.to_markdown(glossary.load(docs_dir / "includes" / "abbreviations.md"))


def on_pre_page_macros(env: Any) -> None:
    """Code blocks and inline code are literal: `{{.Names}}` in a docker command stays."""
    env.markdown = protect_code(env.markdown)
