"""Python-Markdown extension: the checker's fence marks never reach a page, on any engine.

Listed under ``markdown_extensions`` in mkdocs.yml, which MkDocs, ProperDocs and
Zensical all load (a MkDocs hook would run on MkDocs only). It runs after
pymdownx.snippets has included files and before pymdownx.superfences reads fences,
which would otherwise refuse ``python check="run"`` and print the fence as text.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from studynotes.snippets.strip import strip_marks

# Between pymdownx.snippets (32) and superfences' raw (31.05) and fenced (25) blocks.
_PRIORITY = 31.5


class _StripMarks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return strip_marks("\n".join(lines)).split("\n")


class FenceMarksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StripMarks(md), "studynotes_fence_marks", _PRIORITY)


def makeExtension(**kwargs: object) -> FenceMarksExtension:
    return FenceMarksExtension(**kwargs)
