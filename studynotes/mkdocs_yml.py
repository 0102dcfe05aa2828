"""mkdocs.yml read without any engine: the few settings the core needs.

MkDocs' own tags are handled as its loader would for these keys: ``!ENV [NAME,
default]`` takes the environment variable or the default; other tags (``!!python/name``
for emoji, ``!relative``) name engine objects and read as nothing.
"""

from __future__ import annotations

import copy
import functools
import os
from pathlib import Path
from typing import Any

import yaml

from studynotes import yamlfile
from studynotes.errors import SourceErrors


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
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
    """The settings; ``SourceErrors`` if the file is too large, has aliases or is too deep."""
    return copy.deepcopy(_parsed(_text(config_file), _environment())[0])


def document(config_file: Path) -> yamlfile.Document:
    """The settings with the line of each value, to point problems at mkdocs.yml's lines."""
    data, node = _parsed(_text(config_file), _environment())
    return yamlfile.Document(config_file, copy.deepcopy(data), node)


def _environment() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(os.environ.items()))  # what !ENV reads


@functools.lru_cache(maxsize=4)
def _parsed(text: str, environment: tuple[tuple[str, str], ...]) -> tuple[Any, yaml.Node | None]:
    # A build reads mkdocs.yml in several places (settings, includes, assets, the nav):
    # parsed once per text and environment, each caller getting its own copy of the data.
    loader = _Loader(text)
    try:  # one parse: the node tree (for lines), then the data built from it
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data or {}, node


def _text(config_file: Path) -> str:
    text = yamlfile.read(config_file)
    errors = yamlfile.problems(text, config_file)
    if errors:
        raise SourceErrors(errors, yamlfile.CHECK)
    return text
