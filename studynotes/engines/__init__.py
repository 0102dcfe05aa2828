"""The engines a site builds on: one list, read by the command line, the checks and tests.

Each engine is run as ``python -m MODULE``. MkDocs and ProperDocs take the same command
line and run the core from the mkdocs-macros module (``engines/macros.py``). Zensical
has no end-of-build event: ``studynotes.build`` checks before it and finishes after it,
and it always writes to mkdocs.yml's ``site_dir``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # `python -m MODULE build|serve`
    extra: str  # what `pip install` brings it
    site_dir: bool  # takes --site-dir (else builds into mkdocs.yml's site_dir)
    dirty: bool  # takes --dirty: rebuild only the pages that changed
    clean: tuple[str, ...] = ()  # what makes its own build start from an empty site_dir

    def build(self, config: Path, *, strict: bool = True, site: Path | None = None) -> list[str]:
        """The arguments after ``python`` of a build (``--site-dir`` where it takes one)."""
        module = "studynotes.build" if self.name == "zensical" else self.module
        arguments = ["-m", module] + ["build"] * (module != "studynotes.build")
        arguments += ["--config-file", str(config)] + ["--strict"] * strict
        if site is not None:
            if not self.site_dir:
                raise ValueError(f"{self.name} builds into mkdocs.yml's site_dir")
            arguments += ["--site-dir", str(site)]
        return arguments

    def plain_build(self, config: Path) -> list[str]:
        """The engine's own build, without the core's start and finish around it."""
        return ["-m", self.module, "build", "--config-file", str(config), *self.clean]


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "mkdocs", "studynotes", site_dir=True, dirty=True),
        Engine("properdocs", "properdocs", "studynotes[properdocs]", site_dir=True, dirty=True),
        Engine(
            "zensical",
            "zensical",
            "studynotes[zensical]",
            site_dir=False,
            dirty=False,
            clean=("--clean",),
        ),
    )
}
DEFAULT = "mkdocs"
