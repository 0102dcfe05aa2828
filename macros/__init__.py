"""mkdocs-macros-plugin entry point: registers the functions pages may call.

Kept thin on purpose: each macro translates between MkDocs' world and the
``studynotes`` package, which does the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studynotes import glossary


def define_env(env: Any) -> None:
    docs_dir = Path(env.conf["docs_dir"])

    @env.macro
    def glossary_table() -> str:
        """The glossary page's table, from the abbreviations appended to every page."""
        return glossary.to_markdown(glossary.load(docs_dir / "includes" / "abbreviations.md"))
