"""Pages cannot reach Python internals through Jinja to run commands at build time."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined
from jinja2.exceptions import SecurityError

from studynotes.templating import sandboxed
from tests.support import build, copy_project

ESCAPE = "{{ ''.__class__.__mro__[1].__subclasses__() }}"


def test_sandbox_refuses_internals_but_keeps_macros() -> None:
    env = Environment(undefined=StrictUndefined, variable_start_string="{{")
    env.globals["shout"] = lambda s: s.upper()
    safe = sandboxed(env)
    assert safe.from_string("{{ shout('hi') }}").render() == "HI"
    assert safe.undefined is StrictUndefined
    with pytest.raises(SecurityError):
        safe.from_string(ESCAPE).render()


@pytest.mark.build
def test_page_with_template_escape_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text() + f"\n{ESCAPE}\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "index.md" in result.log and "unsafe" in result.log.lower(), result.log
