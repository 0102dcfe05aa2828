"""MkDocs hooks for the edit loop of `make serve` and `make check`: dirty rebuilds that
stay strict and fast. A site lists them as ``hooks/preview.py`` importing these four.

- MkDocs (and ProperDocs) warn on every ``--dirty`` build that its navigation may be
  inaccurate, and strict mode turns that warning into a failed build. The preview
  and the pre-pull-request check know (a page title or nav change needs a restart,
  and CI builds clean), so that one warning is dropped; every other one still fails.
- Every build compiles the theme's templates again (a third of a rebuild); Jinja's
  bytecode cache keeps them compiled, checked against each template's source, so an
  upgraded theme is compiled afresh. It is the user's cache, never the project's: the
  cache is code that runs, and a pull request can commit a ``.cache/`` folder.
- MkDocs looks for changed files every half second; every tenth of a second here, so
  a save shows sooner (the check is a stat per file).
- A dirty rebuild redoes the pages whose Markdown changed; a page calling macros
  also shows data/ (quizzes, captures, the allowlist: ``watch:`` in mkdocs.yml
  triggers the rebuild), so it is redone when data/ changed after it was built.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.structure.files import Files

from studynotes import user_cache

_DIRTY = "A 'dirty' build is being performed"
POLL = 0.1  # seconds between looks for a saved file (MkDocs: 0.5)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(_DIRTY)


def on_startup(**_: Any) -> None:
    for engine in ("mkdocs", "properdocs"):
        logging.getLogger(f"{engine}.commands.build").addFilter(_not_the_dirty_warning)


def on_serve(server: Any, **_: Any) -> Any:
    # watchdog's emitters keep their interval in `_timeout`; a server without them
    # (another engine's) keeps its own pace.
    observer = getattr(server, "observer", None)
    for emitter in getattr(observer, "emitters", ()):  # the folders watched already
        emitter._timeout = POLL
    if observer is not None:
        observer._timeout = POLL  # and those of mkdocs.yml's watch:, added after
    return server


def on_env(env: Environment, config: Any, **_: Any) -> Environment:
    folder = user_cache.folder("jinja")
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_files(files: Files, config: Any) -> Files:
    data = Path(config["config_file_path"]).parent / "data"
    changed = max((p.stat().st_mtime for p in data.rglob("*") if p.is_file()), default=0.0)
    for file in files.documentation_pages():
        built = Path(file.abs_dest_path)
        if built.is_file() and built.stat().st_mtime < changed and _calls_macros(file.abs_src_path):
            file.is_modified = lambda: True  # type: ignore[method-assign]
    return files


def _calls_macros(path: str | None) -> bool:
    return bool(path) and "{{" in Path(path).read_text(encoding="utf-8")  # type: ignore[arg-type]
