"""`studynotes new DIR`: write a small course site in the generator's layout.

The files are ``new_site/`` of the package, copied as they are: ``__SITE_NAME__`` and
``__VERSION__`` are the only words replaced, and a leading ``dot-`` in a name becomes
``.`` (``dot-github/`` is ``.github/``: wheels and sdists drop hidden files). A plain
copy rather than a copier template: copier would add a dozen dependencies to every
install, its Jinja syntax is the pages' own macro syntax (every page would need
escaping), and ``copier update`` wants the template in a tagged git repository. The
generated site holds little to update; the logic lives in the package.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from studynotes.errors import UsageError

TEMPLATE = Path(__file__).parent / "new_site"
_TEXT = {".md", ".yml", ".py", ".txt", ".css", ".gitignore", ""}


def write(directory: Path, *, name: str | None = None, force: bool = False) -> list[Path]:
    """Write the site into ``directory``; ``UsageError`` if it holds anything and not ``force``."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file: give a folder for the new site")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise UsageError(
            f"{directory} is not empty: give a new folder, or add --force to write into "
            "it (files of the same name are replaced, others are kept)"
        )
    words = {
        "__SITE_NAME__": name or _title(directory),
        "__VERSION__": _version(),
    }
    written = []
    for source in sorted(TEMPLATE.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = Path(*(_name(part) for part in source.relative_to(TEMPLATE).parts))
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in _TEXT:
            text = source.read_text(encoding="utf-8")
            for word, value in words.items():
                text = text.replace(word, value)
            target.write_text(text, encoding="utf-8")
        else:
            target.write_bytes(source.read_bytes())
        written.append(target)
    return written


def _name(part: str) -> str:
    return "." + part.removeprefix("dot-") if part.startswith("dot-") else part


def _title(directory: Path) -> str:
    words = directory.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(word[:1].upper() + word[1:] for word in words) + " notes" if words else "Notes"


def _version() -> str:
    try:
        return version("studynotes")
    except PackageNotFoundError:
        return "0"
