"""YAML blocks: parsed; Compose files checked by `docker compose config`, else by the schema.

The Compose schema is the compose-spec JSON schema that check-jsonschema ships
(kept current by its maintainers), applied with the jsonschema library so that a
problem can be reported at its line in the page.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from studynotes import yamlfile
from studynotes.errors import SourceError
from studynotes.snippets.language import Kind, Language
from studynotes.snippets.outcome import Failure, failure
from studynotes.snippets.snippet import Snippet


def check(snippet: Snippet, docker: str = "docker") -> Failure | None:
    block = snippet.block
    try:
        documents = yamlfile.parse_all(block.source, Path(block.page))
    except SourceError as error:
        return failure(snippet, error.problem, line=_page_line(snippet, error.line), fix=error.fix)
    if snippet.kind != "compose":
        return None
    if len(documents) != 1:
        return failure(
            snippet,
            "a Compose file holds exactly one YAML document",
            fix="Remove the '---' separators",
        )
    if compose_cli_available(docker):
        return _compose_config(snippet, docker)
    return _compose_schema(snippet, documents[0])


@cache
def compose_cli_available(docker: str) -> bool:
    try:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _compose_config(snippet: Snippet, docker: str) -> Failure | None:
    with tempfile.TemporaryDirectory(prefix="snippet-compose-") as folder:
        (Path(folder) / "compose.yaml").write_text(snippet.block.source, encoding="utf-8")
        command = [docker, "compose", "--file", "compose.yaml", "config", "--quiet"]
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=60)
    if done.returncode == 0:
        return None
    return failure(
        snippet,
        "is not a valid Compose file",
        " ".join(command),
        done.stdout + done.stderr,
        "Fix the Compose file",
    )


def _compose_schema(snippet: Snippet, document: yamlfile.Document) -> Failure | None:
    import jsonschema  # the snippets extra; the build reads this module without it

    validator = jsonschema.validators.validator_for(compose_schema())(compose_schema())
    errors = sorted(validator.iter_errors(document.data), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    first = errors[0]
    where = ".".join(str(step) for step in first.absolute_path) or "top level"
    line = _page_line(snippet, document.line_of(list(first.absolute_path), key_line=True))
    return failure(
        snippet,
        f"is not a valid Compose file: {where}: {first.message}",
        "compose-spec JSON schema (docker compose is not installed here)",
        line=line,
        fix="Fix the Compose file (see https://docs.docker.com/reference/compose-file/)",
    )


@cache
def compose_schema() -> dict[str, Any]:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((vendor / "compose-spec.json").read_text(encoding="utf-8"))


def _page_line(snippet: Snippet, line_in_block: int | None) -> int:
    return snippet.block.line + (line_in_block or 1)


LANGUAGE = Language(
    family="yaml",
    names=("yaml", "yml"),
    kinds={
        "yaml": Kind(
            'yaml check="yaml"', "parses it (several documents separated by `---` are fine)"
        ),
        "compose": Kind(
            'yaml check="compose"',
            "a Compose file: `docker compose config` where Compose v2 is installed, else the "
            "compose-spec JSON schema",
        ),
    },
    make=lambda context: lambda snippet, files: check(snippet),
    hint="```yaml",
)
