"""Jinja's sandbox, the second layer under the static template check (MkDocs, ProperDocs).

The build tests of hostile pages, on every engine, are in tests/test_engines.py.
"""

from __future__ import annotations

import pytest
from jinja2 import Environment, StrictUndefined
from jinja2.exceptions import SecurityError

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
