"""MkDocs hook: make the macros plugin render pages in Jinja's sandbox.

Runs after the plugins' ``on_config`` (MkDocs appends hooks to the plugin list), so
the macros plugin has built its template engine by the time it is replaced.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from studynotes.templating import sandboxed


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    macros = config.plugins.get("macros")
    if macros is None:
        raise PluginError("hooks/jinja_sandbox.py expects the 'macros' plugin in mkdocs.yml")
    macros._env = sandboxed(macros.env)
    return config
