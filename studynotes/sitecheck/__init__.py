"""Checks of the built site: links, fragments, images and ids, reported at the Markdown line.

``require_sound_site(folder, ...)`` returns a one-line summary, or raises ``SourceErrors``
naming every problem; every engine's build ends with it (``python -m studynotes.sitecheck``
for an engine with no post-build step).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from studynotes.errors import SourceErrors
from studynotes.sitecheck.check import Outcome, check_site
from studynotes.sitecheck.sources import default_sources

__all__ = ["Outcome", "check_site", "default_sources", "require_sound_site"]


def require_sound_site(
    folder: Path,
    *,
    site_url: str | None,
    sources: Mapping[str, Path],
    root: Path,
) -> str:
    """The summary of ``check_site``; ``SourceErrors`` listing every problem if any."""
    outcome = check_site(folder, site_url=site_url, sources=sources, root=root)
    if outcome.errors:
        raise SourceErrors(outcome.errors, "The site check")
    return outcome.summary()
