"""Every page credits where its notes come from, checked before every build.

A page credits its sources in a box titled "Sources" (or "Source": ``!!! info "Sources"``,
``??? note "Source"``, a GitHub alert titled so), a "## Sources" section, or a
``sources:`` list in its front matter. Pages that need none (a home page, quizzes, the
generator's own pages) are listed in one place: ``extra: studynotes: uncredited:`` in
mkdocs.yml, as patterns relative to docs/. A page that credits nothing fails the build
at its first line, on every engine, as every other page problem does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fnmatch import fnmatchcase

from studynotes import yamlfile
from studynotes.errors import SourceError
from studynotes.template_code import front_matter_yaml

CHECK = "The credit check"
_CREDIT = re.compile(
    r"^(?:(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+\"Sources?\""
    r"|>[ \t]*\[![\w-]+\][+-]?[ \t]+Sources?[ \t]*$"
    r"|#{2,6}[ \t]+Sources?[ \t]*(?:\{.*\})?$)",
    re.MULTILINE,
)


def credited(text: str) -> bool:
    """Whether the page names its sources (see the module's docstring for how)."""
    head = front_matter_yaml(text)
    if head is not None:
        meta, _ = yamlfile.mapping(head, "front matter")
        if meta.get("sources"):
            return True
    return _CREDIT.search(text) is not None


def problems(pages: Iterable[tuple[str, str]], uncredited: Iterable[str]) -> list[SourceError]:
    """A problem for each page (``docs/PAGE.md``, text) that credits no source and is not
    matched by a pattern of ``uncredited`` (relative to docs/)."""
    patterns = list(uncredited)
    return [
        SourceError(
            page,
            1,
            "this page credits no source: every page says where its notes come from",
            "Add a box under the opening paragraph, '!!! info \"Sources\"', naming the "
            "course (with a link), or the title, author, link and licence of what it draws "
            'on (CONTRIBUTING.md, "Add a page"). A page that needs none (an index, a quiz) '
            "goes under extra: studynotes: uncredited: in mkdocs.yml",
        )
        for page, text in pages
        if not any(fnmatchcase(page.split("/", 1)[1], p) for p in patterns) and not credited(text)
    ]
