"""mkdocs.yml read without any engine: the few settings the core needs.

MkDocs' own tags are handled as its loader would for these keys: ``!ENV [NAME,
default]`` takes the environment variable or the default; other tags (``!!python/name``
for emoji, ``!relative``) name engine objects and read as nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, or default."""
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
    else:
        values = [loader.construct_scalar(node)]  # type: ignore[arg-type]
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read(config_file: Path) -> dict[str, Any]:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
