"""The project's own scripts and stylesheets, minified in the built site.

Readers download ``docs/``'s JavaScript and CSS as written, comments and all, unless
the build shrinks them: ``Site`` minifies them before anything renders (a script that
does not parse is a source problem) and ``Site.finish`` writes them over the engine's
copies, so it holds on every engine. Files already named ``*.min.*`` (vendored ones) are left
alone. JavaScript goes through calmjs.parse, which parses ES5 (the quiz scripts are
ES5, so they run in every browser the theme supports) and shortens local names;
CSS through rcssmin. A script that does not parse fails the build at its line, and so
does a script or stylesheet that mkdocs.yml lists but ``docs/`` does not have (every
engine would publish pages asking for it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import rcssmin
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError
from calmjs.parse.unparsers.es5 import minify_print

from studynotes import mkdocs_yml, user_cache
from studynotes.errors import SourceError, SourceErrors
from studynotes.page_check import nearest

LISTS = ("extra_css", "extra_javascript")  # mkdocs.yml's keys for a site's own assets
BROWSER = Path(__file__).parent / "browser"  # the generator's own: quizzes and study mode

FIX_SCRIPT = (
    "Write the script in ES5 (var and function, no let, const, arrow functions or "
    "classes): the build minifies it with an ES5 parser"
)


def minify_js(text: str) -> str:
    """``text`` minified: names local to a function shortened, globals kept."""
    return minify_print(es5(text), obfuscate=True, shadow_funcname=True, drop_semi=True) + "\n"


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text) + "\n"


MINIFIERS: dict[str, Callable[[str], str]] = {".js": minify_js, ".css": minify_css}


def sources(docs_dir: Path) -> list[Path]:
    """The scripts and stylesheets of ``docs_dir`` the build minifies."""
    return sorted(
        path
        for path in docs_dir.rglob("*")
        if path.suffix in MINIFIERS and ".min." not in path.name and path.is_file()
    )


def minified(docs_dir: Path) -> tuple[dict[Path, str], list[SourceError]]:
    """Each of ``sources(docs_dir)``, relative to ``docs_dir``, with its minified text;
    and a problem at its line for each script that does not parse.

    The site checks this before anything renders (``Site``), so a broken script fails
    the build with the other source problems, not after the engine wrote the pages.
    """
    texts: dict[Path, str] = {}
    errors = []
    for source in sources(docs_dir):
        try:
            text = source.read_text(encoding="utf-8")
            texts[source.relative_to(docs_dir)] = minify_kept(source.suffix, text)
        except ECMASyntaxError as error:
            errors.append(SourceError(source, _line(error), f"{error}", FIX_SCRIPT))
    return texts, errors


def unlisted_files(config_file: Path, docs_dir: Path) -> list[SourceError]:
    """A problem, at its line of ``config_file``, for each entry of ``LISTS`` that is
    neither another site's address nor a file of ``docs_dir``."""
    document = mkdocs_yml.document(config_file)
    config = document.data
    errors = []
    for key in LISTS:
        for index, entry in enumerate(config.get(key) or []):
            path = entry.get("path") if isinstance(entry, dict) else entry
            if not isinstance(path, str) or "//" in path or (docs_dir / path).is_file():
                continue
            same_kind = docs_dir.rglob(f"*{Path(path).suffix}")
            files = [p.relative_to(docs_dir).as_posix() for p in same_kind]
            close = nearest(path, files)
            errors.append(
                SourceError(
                    config_file,
                    document.line_of([key, index]),
                    f"{key} lists '{path}', which is not a file of {docs_dir.name}/: "
                    "every page would ask for it and get nothing",
                    (f"Did you mean '{close}'? " if close else "")
                    + f"Write its path relative to {docs_dir.name}/, or add the file there",
                )
            )
    return errors


def write(texts: dict[Path, str], site_dir: Path) -> list[Path]:
    """Replace the engine's copies in ``site_dir`` by the minified ``texts``."""
    written = []
    for relative, text in texts.items():
        built = site_dir / relative
        if built.is_file():
            built.write_text(text, encoding="utf-8")
            written.append(built)
    return written


def bundled(prefix: Path) -> dict[Path, str]:
    """The generator's browser files, minified, at ``prefix`` of the built site (the
    settings' ``assets``): the quiz and study-mode pages link them there."""
    return {
        prefix / path.name: minify_kept(path.suffix, path.read_text(encoding="utf-8"))
        for path in sorted(BROWSER.iterdir())
        if path.suffix in MINIFIERS
    }


def add(texts: dict[Path, str], site_dir: Path) -> list[Path]:
    """Write ``texts`` into ``site_dir`` (files no engine copied there)."""
    for relative, text in texts.items():
        (site_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / relative).write_text(text, encoding="utf-8")
    return [site_dir / relative for relative in texts]


def minify_site(docs_dir: Path, site_dir: Path) -> list[Path]:
    """``minified`` then ``write``; raises ``SourceErrors`` if a script does not parse."""
    texts, errors = minified(docs_dir)
    if errors:
        raise SourceErrors(errors, "The script check")
    return write(texts, site_dir)


@functools.lru_cache(maxsize=64)
def minify_kept(suffix: str, text: str) -> str:
    """``text`` minified as a ``suffix`` file; kept for the next build."""
    # `mkdocs serve` makes a Site for every rebuild: parse a script again only if it
    # changed; and a build keeps what it minified for the next one (a third of a second
    # of every build of this site), keyed by the text and the minifiers' versions.
    key = f"{_VERSIONS}{suffix}\0{text}"
    return user_cache.kept("minified", key, lambda: MINIFIERS[suffix](text), suffix)


_VERSIONS = f"{metadata.version('calmjs.parse')} {metadata.version('rcssmin')}\0"


def _line(error: ECMASyntaxError) -> int | None:
    """calmjs reports "Unexpected 'b' at 2:5 between ..."; the first position is the line."""
    for word in str(error).split():
        line, _, column = word.partition(":")
        if line.isdigit() and column.rstrip(",").isdigit():
            return int(line)
    return None
