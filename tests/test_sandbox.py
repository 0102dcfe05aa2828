"""Jinja's sandbox, the second layer under the static template check (MkDocs, ProperDocs).

The build tests of hostile pages, on every engine, are in tests/test_engines.py.
"""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from studynotes.templating import sandboxed

ESCAPE = "{{ ''.__class__.__mro__[1].__subclasses__() }}"


def test_sandbox_refuses_internals_but_keeps_macros() -> None:
    env = Environment(undefined=StrictUndefined, variable_start_string="{{")
    env.globals["shout"] = lambda s: s.upper()
    safe = sandboxed(env)
    assert safe.from_string("{{ shout('hi') }}").render() == "HI"
    assert safe.undefined is StrictUndefined
    with pytest.raises(SecurityError):
        safe.from_string(ESCAPE).render()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "studynotes" / "templates"


def test_a_page_compiled_once_is_read_back_and_still_sandboxed(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []
    compile_once = ImmutableSandboxedEnvironment.compile

    def counting(self: Environment, source: str, *args: object) -> object:
        compiled.append(source)
        return compile_once(self, source, *args)

    monkeypatch.setattr(ImmutableSandboxedEnvironment, "compile", counting)
    for _ in range(2):  # a second build: a new environment, the same texts
        env = sandboxed(Environment())
        env.globals["shout"] = lambda s: s.upper()
        assert (
            env.from_string("{{ shout('hi') }} {% if 1 %}there{% endif %}").render() == "HI there"
        )
        with pytest.raises(SecurityError):
            env.from_string(ESCAPE).render()
    assert len(compiled) == 2  # each text once
    assert len(list(cache_home.iterdir())) == 2
    other = sandboxed(Environment(variable_start_string="[[", variable_end_string="]]"))
    assert other.from_string("[[ 1 + 1 ]] {{ x }}").render() == "2 {{ x }}"  # its own syntax


def test_a_damaged_compiled_template_is_compiled_again(cache_home: Path) -> None:
    sandboxed(Environment()).from_string("{{ 6 * 7 }}")
    (kept,) = cache_home.iterdir()
    for damage in (b"", b"not marshal", marshal.dumps("a string, not code")):
        kept.write_bytes(damage)
        assert sandboxed(Environment()).from_string("{{ 6 * 7 }}").render() == "42"
