"""MkDocs and ProperDocs hook: make the macros plugin render pages in Jinja's sandbox.

A site's ``hooks/jinja_sandbox.py`` imports ``on_config`` from here. It runs after the
plugins' ``on_config`` (MkDocs appends hooks to the plugin list), so the macros
plugin has built its template engine by the time it is replaced. A second layer
only: the core's template check is the guarantee, on every engine.
"""

from __future__ import annotations

from typing import Any

from studynotes.engines.macros import plugin_error
from studynotes.templating import sandboxed


def on_config(config: Any) -> Any:
    macros = config.plugins.get("macros")
    if macros is None:
        raise plugin_error("hooks/jinja_sandbox.py expects the 'macros' plugin in mkdocs.yml")
    macros._env = sandboxed(macros.env)
    return config
