"""`make serve`'s hooks (studynotes.engines.preview), on MkDocs' own server objects."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment
from mkdocs.livereload import LiveReloadServer

from studynotes import user_cache
from studynotes.engines import preview


def test_saves_are_looked_for_every_tenth_of_a_second(tmp_path: Path) -> None:
    """MkDocs polls each watched folder every 0.5 s; the hook makes every watch 0.1 s,
    those made before it runs (docs/, mkdocs.yml) and those after (mkdocs.yml's watch:)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    server = LiveReloadServer(lambda: None, "127.0.0.1", 0, str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))
    assert {emitter.timeout for emitter in server.observer.emitters} == {0.5}
    server = preview.on_serve(server)
    server.watch(str(tmp_path / "data"))
    assert len(server.observer.emitters) == 2
    assert {emitter.timeout for emitter in server.observer.emitters} == {preview.POLL}


def test_compiled_templates_are_kept_in_the_users_cache_not_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled templates are code that runs: a pull request can commit a .cache/
    folder, so they are never read from the project."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    project = tmp_path / "project"
    project.mkdir()
    env = preview.on_env(Environment(), {"config_file_path": str(project / "mkdocs.yml")})
    assert env.bytecode_cache.directory == str(user_cache.folder("jinja"))  # type: ignore[union-attr]
    assert user_cache.folder("jinja").is_relative_to(tmp_path / "user")
    assert not (project / ".cache").exists()
