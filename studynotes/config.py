"""The build's ``Options`` from mkdocs.yml, for engines that give the core none (Zensical)."""

from __future__ import annotations

from pathlib import Path

from studynotes.mkdocs_yml import read
from studynotes.site import Options


def options(config_file: Path) -> Options:
    """The build's ``Options`` from mkdocs.yml (paths count from the file's folder)."""
    config = read(config_file)
    root = config_file.resolve().parent
    return Options(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        site_url=config.get("site_url") or "",
        repo_url=config.get("repo_url") or "",
        use_directory_urls=config.get("use_directory_urls", True),
        config_file=config_file.resolve(),
    )


def site_dir(config_file: Path) -> Path:
    return config_file.resolve().parent / read(config_file).get("site_dir", "site")
