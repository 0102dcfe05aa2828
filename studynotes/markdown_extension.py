"""Python-Markdown extension: the project's guarantees inside Markdown, on every engine.

Listed under ``markdown_extensions`` in mkdocs.yml, which MkDocs, ProperDocs and
Zensical all load (a MkDocs hook would run on MkDocs only):

- code is literal: where Jinja runs as a Markdown preprocessor (Zensical's macros
  shim, "macros" at priority 35), code spans and blocks are wrapped in raw tags just
  before it, as ``macros/`` does on MkDocs before mkdocs-macros renders a page;
- the checker's fence marks (``check="run"``, ...) never reach a page: removed after
  pymdownx.snippets has included files and before pymdownx.superfences reads fences,
  which would otherwise refuse them and print the fence as text;
- GitHub's Markdown that Python-Markdown alone shows as text renders as on GitHub,
  through pymdown-extensions (already required; Zensical enables the same quotes for its
  gh-admonitions): alerts (``> [!NOTE]``) as admonitions, ``~~struck~~`` text, bare
  URLs as links. A site turns this off with ``github: false``; lists GitHub reads
  otherwise are the page check's (``list_check``): no extension fits them.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from studynotes.snippets.strip import strip_marks
from studynotes.templating import protect_code

_JINJA_PREPROCESSOR = "macros"  # Zensical's macros shim
_BEFORE_JINJA = 36
# Between pymdownx.snippets (32) and superfences' raw (31.05) and fenced (25) blocks.
_BEFORE_FENCES = 31.5
# What GitHub renders that Python-Markdown does not, by the extensions that do it as GitHub
# does: its alerts, ~~delete~~ (not ~subscript~, which GitHub reads as text), bare URLs.
GITHUB = {
    "pymdownx.quotes": {"callouts": True},
    "pymdownx.tilde": {"subscript": False},
    "pymdownx.magiclink": {},
}
# GitHub's alert types that the theme has no style for, and the style that looks alike.
_ALERT_STYLES = {"important": "info", "caution": "danger"}


class _ProtectCode(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if _JINJA_PREPROCESSOR not in self.md.preprocessors:
            return lines  # no Jinja after this (MkDocs: the page is already rendered)
        return protect_code("\n".join(lines)).split("\n")


class _StripMarks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return strip_marks("\n".join(lines)).split("\n")


class _AlertStyles(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter("div"):
            classes = element.get("class", "").split()
            if "admonition" in classes:
                styles = [_ALERT_STYLES[c] for c in classes if c in _ALERT_STYLES]
                element.set("class", " ".join([*classes, *styles]))


class StudyNotesExtension(Extension):
    def __init__(self, **kwargs: object) -> None:
        self.config = {"github": [True, "Render GitHub's alerts, ~~strikethrough~~ and URLs"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_ProtectCode(md), "studynotes_code_literal", _BEFORE_JINJA)
        md.preprocessors.register(_StripMarks(md), "studynotes_fence_marks", _BEFORE_FENCES)
        if self.getConfig("github"):
            _github(md)


def _github(md: Markdown) -> None:
    """Register ``GITHUB``'s extensions, except those the site already configured above."""
    listed = {type(extension).__module__ for extension in md.registeredExtensions}
    wanted = [name for name in GITHUB if name not in listed]
    md.registerExtensions(wanted, {name: GITHUB[name] for name in wanted})
    md.treeprocessors.register(_AlertStyles(md), "studynotes_alert_styles", 19.9)


def makeExtension(**kwargs: object) -> StudyNotesExtension:
    return StudyNotesExtension(**kwargs)
