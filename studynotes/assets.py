"""The project's own scripts and stylesheets, minified in the built site.

Readers download ``docs/``'s JavaScript and CSS as written, comments and all, unless
the build shrinks them; this runs after the engine wrote the site (``Site.finish``),
so it holds on every engine. Files already named ``*.min.*`` (vendored ones) are left
alone. JavaScript goes through calmjs.parse, which parses ES5 (the quiz scripts are
ES5, so they run in every browser the theme supports) and shortens local names;
CSS through rcssmin. A script that does not parse fails the build at its line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError
from calmjs.parse.unparsers.es5 import minify_print

from studynotes.errors import SourceError, SourceErrors

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


def minify_site(docs_dir: Path, site_dir: Path) -> list[Path]:
    """Replace each of ``sources(docs_dir)`` in ``site_dir`` by its minified text.

    Raises ``SourceErrors`` naming each script that does not parse, at its line.
    """
    errors, written = [], []
    for source in sources(docs_dir):
        built = site_dir / source.relative_to(docs_dir)
        try:
            text = MINIFIERS[source.suffix](source.read_text(encoding="utf-8"))
        except ECMASyntaxError as error:
            errors.append(SourceError(source, _line(error), f"{error}", FIX_SCRIPT))
            continue
        if built.is_file():
            built.write_text(text, encoding="utf-8")
            written.append(built)
    if errors:
        raise SourceErrors(errors, "The script check")
    return written


def _line(error: ECMASyntaxError) -> int | None:
    """calmjs reports "Unexpected 'b' at 2:5 between ..."; the first position is the line."""
    for word in str(error).split():
        line, _, column = word.partition(":")
        if line.isdigit() and column.rstrip(",").isdigit():
            return int(line)
    return None
