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
@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', "is not a macro call"),
        (ESCAPE, "is not a macro call"),
        ("{{ config }}", "is not a macro call"),
        ("{{ environment }}", "is not a macro call"),
        ('{{ rn("df -h") }}', "calls 'rn', which is not a macro. Did you mean run()?"),
    ],
    ids=["os-popen", "subclasses", "config", "environment", "unknown-macro"],
)
def test_hostile_template_code_fails_the_build_at_its_line(
    tmp_path: Path, code: str, problem: str
) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    lines = page.read_text().splitlines()
    lines.insert(9, code)  # line 10 of the file, front matter included
    page.write_text("\n".join(lines) + "\n")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode != 0
    assert f"docs/index.md:10: {code} {problem}" in result.log, result.log
    assert "Traceback" not in result.log
    assert "uid=" not in result.log
    built = [path.read_text(errors="replace") for path in site.rglob("*") if path.is_file()]
    assert not any("uid=" in text or "site_name" in text for text in built)
