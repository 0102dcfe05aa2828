"""Python-Markdown extension: the project's guarantees inside Markdown, on every engine.

Listed under ``markdown_extensions`` in mkdocs.yml, which MkDocs, ProperDocs and
Zensical all load (a MkDocs hook would run on MkDocs only):

- code is literal: where Jinja runs as a Markdown preprocessor (Zensical's macros
  shim, "macros" at priority 35), code spans and blocks are wrapped in raw tags just
  before it, as ``macros/`` does on MkDocs before mkdocs-macros renders a page;
- the checker's fence marks (``check="run"``, ...) never reach a page: removed after
  pymdownx.snippets has included files and before pymdownx.superfences reads fences,
  which would otherwise refuse them and print the fence as text.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from studynotes.snippets.strip import strip_marks
from studynotes.templating import protect_code

_JINJA_PREPROCESSOR = "macros"  # Zensical's macros shim
_BEFORE_JINJA = 36
# Between pymdownx.snippets (32) and superfences' raw (31.05) and fenced (25) blocks.
_BEFORE_FENCES = 31.5


class _ProtectCode(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if _JINJA_PREPROCESSOR not in self.md.preprocessors:
            return lines  # no Jinja after this (MkDocs: the page is already rendered)
        return protect_code("\n".join(lines)).split("\n")


class _StripMarks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return strip_marks("\n".join(lines)).split("\n")


class StudyNotesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_ProtectCode(md), "studynotes_code_literal", _BEFORE_JINJA)
        md.preprocessors.register(_StripMarks(md), "studynotes_fence_marks", _BEFORE_FENCES)


def makeExtension(**kwargs: object) -> StudyNotesExtension:
    return StudyNotesExtension(**kwargs)
