"""Draw the pages' Mermaid diagrams into data/diagrams/ (see studynotes/diagrams.py).

    make diagrams            draw the diagrams not drawn yet, remove drawings no page uses
    ... render_diagrams.py --check    only say what is missing or unused (no browser)

Drawn as Material for MkDocs draws them in the browser: the site's copy of Mermaid in
Debian's Chromium, Material's Mermaid settings and its theme CSS, whose colours are the
palette's variables, so one drawing suits the light and the dark scheme.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studynotes import diagrams  # noqa: E402
from studynotes.errors import SourceError, SourceErrors  # noqa: E402

MERMAID = ROOT / "docs/assets/javascripts/vendor/mermaid.min.js"
CHROMIUM = "/usr/bin/chromium"
# Material's bundle passes these to mermaid.initialize (its components/content/mermaid).
_SETTINGS = '{startOnLoad: false, themeCSS, sequence: {actorFontSize: "16px", ' + (
    'messageFontSize: "16px", noteFontSize: "16px"}}'
)
_DRAW = diagrams.DRAW
_THEME_CSS = re.compile(r'="(\.node circle,[^"]*)"')


def material_assets() -> Path:
    return Path(str(files("material"))) / "templates/assets"


def theme_css() -> str:
    """Material's Mermaid theme CSS, the string its bundle hands to Mermaid."""
    bundle = next((material_assets() / "javascripts").glob("bundle.*.min.js"))
    found = _THEME_CSS.search(bundle.read_text(encoding="utf-8"))
    if found is None:
        sys.exit(f"{bundle}: Material's Mermaid theme CSS not found; has the theme changed?")
    return found.group(1)


def _page(folder: Path) -> Path:
    """A page with Material's stylesheets, so text is measured in the site's fonts."""
    sheets = "".join(
        f'<link rel="stylesheet" href="{sheet.as_uri()}">'
        for sheet in sorted((material_assets() / "stylesheets").glob("*.min.css"))
    )
    page = folder / "draw.html"
    page.write_text(f"<!doctype html><html><head>{sheets}</head><body></body></html>")
    return page


def _reason(message: str) -> str:
    """Mermaid's parse error without Playwright's prefix, its line number (counted in
    Mermaid's own way, not the page's) and the script's stack."""
    lines = message.removeprefix("Page.evaluate: ").removeprefix("Error: ").splitlines()
    kept = [line for line in lines if not line.startswith("    at ")]
    if kept and kept[0].startswith("Parse error on line"):
        kept = kept[1:]
    return "\n".join(f"    {line}" for line in kept) if len(kept) > 1 else "".join(kept)


def draw(sources: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """({key: SVG}, {key: Mermaid's error}) for {key: diagram text}, in one browser."""
    from playwright.sync_api import Error, sync_playwright

    drawn: dict[str, str] = {}
    failed: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.goto(_page(Path(tmp)).as_uri())
        page.add_script_tag(path=str(MERMAID))
        page.evaluate(f"themeCSS => mermaid.initialize({_SETTINGS})", theme_css())
        for key, text in sources.items():
            try:
                drawn[key] = page.evaluate(
                    "async ([id, text]) => (await mermaid.render(id, text)).svg",
                    [f"diagram-{key}", text],
                )
            except Error as error:  # Mermaid's parse error, thrown in the page
                failed[key] = _reason(error.message)
        browser.close()
    return drawn, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only, draw nothing")
    check = parser.parse_args().check
    wanted = {d.key: d for d in diagrams.in_pages(Path("docs"))}
    store = diagrams.STORE
    missing = {k: d for k, d in wanted.items() if not (store / f"{k}.svg").is_file()}
    unused = [p for p in sorted(store.glob("*.svg")) if p.stem not in wanted]
    if check:
        errors = [
            *diagrams.undrawn(Path(), Path("docs")),
            *(SourceError(p, None, "no page has this diagram any more", _DRAW) for p in unused),
        ]
        print(SourceErrors(errors, "The diagram check"))
        sys.exit(1 if errors else 0)
    store.mkdir(parents=True, exist_ok=True)
    drawn, failed = draw({k: d.source for k, d in missing.items()})
    for k, svg in drawn.items():
        (store / f"{k}.svg").write_text(svg + "\n", encoding="utf-8")
    for path in unused:
        path.unlink()
    errors = [
        SourceError(
            missing[k].page,
            missing[k].line,
            f"Mermaid cannot draw this diagram:\n{message}"
            if "\n" in message
            else f"Mermaid cannot draw this diagram: {message}",
            "Correct the diagram (https://mermaid.js.org/intro/syntax-reference.html), "
            "then run 'make diagrams' again",
        )
        for k, message in failed.items()
    ]
    print(f"{len(drawn)} drawn, {len(unused)} removed, {len(wanted)} diagrams in the pages.")
    if errors:
        print(SourceErrors(errors, "The diagram check"))
        sys.exit(1)


if __name__ == "__main__":
    main()
