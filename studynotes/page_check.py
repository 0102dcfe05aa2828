"""What the renderer would silently get wrong in a page: checked before every build.

Each problem is an error at its line (front matter counted), all of a run at once:
the build fails on them on every engine, and `make check` and the snippet checker
report the code ones too. Nothing here is a warning, so no engine's idea of
``--strict`` decides whether a page is published half-right.

- code blocks: a fence without a language, a fence never closed, an indented code
  block (no language, never highlighted as what it is, invisible to the snippet
  checker);
- headings: an empty heading (a lone ``#`` left from pasted text), a second ``# `` title;
- images: from another site, by an absolute path (the site lives under a path on
  GitHub Pages), or missing from the repository;
- links to pages or files that do not exist (before the build, so a pasted page's
  broken links come with its other problems; the site check follows the rest);
- diagrams: a stored drawing (data/diagrams/) holding what Mermaid never writes;
- includes (``--8<--``) of anything but a file of the include folders (``includes``);
- front matter and YAML files of docs/ that an engine or plugin would read unsafely
  (aliases, depth, size) or silently ignore (not ``key: value`` lines).
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from studynotes import (
    diagrams,
    foreign_syntax,
    list_check,
    markdown_code,
    user_cache,
    yamlfile,
)
from studynotes.errors import SourceError, SourceErrors
from studynotes.headings import headings
from studynotes.includes import Includes
from studynotes.snippets import languages
from studynotes.template_code import (
    Call,
    Macro,
    blank_front_matter,
    front_matter_yaml,
    pages,
    read_calls,
)

CHECK = "The page check"
IMAGE_FORMATS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
_COMMANDS = re.compile(
    r"^(?:\$ |# |(?:sudo|docker|kubectl|helm|pip3?|python3?|aws|cd|ls|mkdir|apt|git|curl|"
    r"wget|echo|export|FROM|RUN|COPY|CMD)\b)"
)
_MARKDOWN_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<url>[^)\s>]+)")
_MARKDOWN_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<url>[^)\s>]+)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"'](?P<url>[^\"']+)", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_NAMES = languages.hints()


def check_docs(
    docs_dir: Path, includes: Includes | None = None, macros: Mapping[str, Macro] | None = None
) -> list[Call]:
    """The macro calls of every page; ``SourceErrors`` with every page's problems at once."""
    calls, errors = read_docs(docs_dir, includes, macros)
    if errors:
        raise SourceErrors(errors, CHECK)
    return calls


def read_docs(
    docs_dir: Path, includes: Includes | None = None, macros: Mapping[str, Macro] | None = None
) -> tuple[list[Call], list[SourceError]]:
    """Every page's macro calls and every problem of its template code and Markdown, and
    of the YAML files of ``docs_dir``; ``includes``: what pages may include, if anything;
    ``macros``: what pages may call."""
    calls: list[Call] = []
    errors = yaml_file_problems(docs_dir)
    known = frozenset((macros or {}).items()) if macros is not None else None
    for page, text in pages(docs_dir):
        found, wrong = _read_calls(text, page, known)
        calls += found
        errors += wrong
        errors += problems(text, docs_dir.parent / page, page, docs_dir, includes)
    return calls, errors


def problems(
    text: str, path: Path, page: str, docs_dir: Path, includes: Includes | None = None
) -> list[SourceError]:
    """Every problem of the page at ``path`` (``page`` is how reports name it)."""
    lines, code, front, own = _text_problems(text, page)
    return [
        *front,
        *(includes.problems(lines, page) if includes else ()),
        *own,
        *diagrams.problems(lines, code, page),
        *image_problems(lines, code, path, page, docs_dir),
        *link_problems(lines, code, path, page, docs_dir),
    ]


# `make serve` checks every page on each save, and each build every page: what depends on
# a page's text alone is kept by its text (in memory, then in the user's cache for the
# next build), so only a page that changed is read again. What depends on other files
# (includes, stored drawings, images, links) is checked each time.
@functools.lru_cache(maxsize=4096)
def _read_calls(
    text: str, page: str, macros: frozenset[tuple[str, Macro]] | None
) -> tuple[list[Call], list[SourceError]]:
    signatures = dict(sorted(macros)) if macros is not None else None
    key = f"{page}\0{signatures!r}\0{text}"
    kept = json.loads(
        user_cache.kept("page-calls", key, lambda: _calls_json(text, page, signatures))
    )
    if kept is None:  # a call with an option JSON would not give back as it was
        return read_calls(text, page, signatures)
    calls, errors = kept
    found = [
        Call(*fields[:4], tuple((name, value) for name, value in fields[4])) for fields in calls
    ]
    return found, [SourceError(*error) for error in errors]


def _calls_json(text: str, page: str, macros: dict[str, Macro] | None) -> str:
    calls, errors = read_calls(text, page, macros)
    options = [value for call in calls for _, value in call.options]
    if not all(value is None or isinstance(value, (str, int, float)) for value in options):
        return "null"
    fields = [[c.page, c.line, c.macro, c.command, [list(o) for o in c.options]] for c in calls]
    return json.dumps([fields, [_fields(error) for error in errors]])


@functools.lru_cache(maxsize=4096)
def _text_problems(
    text: str, page: str
) -> tuple[list[str], markdown_code.Code, list[SourceError], list[SourceError]]:
    lines = blank_front_matter(text).split("\n")
    kept = user_cache.kept("page-checks", f"{page}\0{text}", lambda: _checked(lines, text, page))
    code, front, own = json.loads(kept)
    fences = [markdown_code.Fence(*fence) for fence in code[0]]
    found = markdown_code.Code(fences, [(first, last) for first, last in code[1]])
    return lines, found, [SourceError(*e) for e in front], [SourceError(*e) for e in own]


def _checked(lines: list[str], text: str, page: str) -> str:
    """The page's code and the problems of its text alone, as JSON."""
    code = markdown_code.read(lines)
    lists = list_check.problems(lines, code, page)
    misread = {problem.line for problem in lists}  # the list's nesting is the cause there
    own = [
        *lists,
        *foreign_syntax.problems(lines, code, page, template=False),
        *(p for p in code_problems(lines, code, page) if p.line not in misread),
        *heading_problems("\n".join(lines), page),
    ]
    fences = [[f.start, f.end, f.indent, f.marker, f.info, f.closed] for f in code.fences]
    return json.dumps(
        [
            [fences, code.indented],
            [_fields(e) for e in front_matter_problems(text, page)],
            [_fields(e) for e in own],
        ]
    )


def _fields(error: SourceError) -> list[object]:
    return [error.path, error.line, error.problem, error.fix]


# Front matter keys the theme turns into a template path (Material: ``template`` picks
# the page's template, ``icon`` is included as ``.icons/ICON.svg``): a '..' in them is
# a Jinja traceback at best.
_THEME_PATHS = {
    "template": "Name a template of the theme or of overrides/ (e.g. main.html)",
    "icon": "Name an icon of the theme, e.g. material/database",
}


def front_matter_problems(text: str, page: str) -> list[SourceError]:
    """The front matter as the engines will parse it: guarded, plain ``key: value``, and
    theme paths (``_THEME_PATHS``) that name something of the theme, not a path out of it."""
    head = front_matter_yaml(text)
    if head is None:
        return []
    meta, found = yamlfile.mapping(head, page, first_line=2)
    lines = head.split("\n")
    for key, fix in _THEME_PATHS.items():
        value = meta.get(key)
        if value is None or _theme_name(value):
            continue
        line = next((n for n, text in enumerate(lines, 2) if text.startswith(f"{key}:")), 2)
        problem = f"{key}: {value!r} is not the name of one of the theme's files"
        found.append(SourceError(page, line, problem, f"{fix}, or delete the line"))
    return found


def _theme_name(value: object) -> bool:
    """A relative name that stays where the theme looks (no '..', no leading '/')."""
    return (
        isinstance(value, str)
        and ".." not in PurePosixPath(value.replace("\\", "/")).parts
        and not value.startswith(("/", "\\"))
    )


def yaml_file_problems(docs_dir: Path) -> list[SourceError]:
    """The YAML files of docs/ (Material's blog reads .authors.yml), checked the same way."""
    found: list[SourceError] = []
    for path in sorted([*docs_dir.rglob("*.yml"), *docs_dir.rglob("*.yaml")]):
        try:
            found += yamlfile.mapping(yamlfile.read(path), path)[1]
        except SourceErrors as error:
            found += error.errors
    return found


def code_problems_of(path: Path, page: str) -> list[SourceError]:
    """The code problems of the page at ``path``, for the snippet checker."""
    lines = blank_front_matter(path.read_text(encoding="utf-8-sig")).split("\n")
    return code_problems(lines, markdown_code.read(lines), page)


def code_problems(lines: list[str], code: markdown_code.Code, page: str) -> list[SourceError]:
    found = []
    for fence in code.fences:
        if not fence.closed:
            found.append(
                SourceError(
                    page,
                    fence.start + 1,
                    "this code block is never closed, so the rest of the page shows as code",
                    f"Close it with a line of {fence.marker} (as long as the opening one)",
                )
            )
        if not fence.language:
            found.append(
                SourceError(
                    page,
                    fence.start + 1,
                    "a code block without a language: it is not highlighted, and the "
                    "snippet checker cannot tell whether to run it",
                    f"Name the language after the opening fence: {_NAMES}",
                )
            )
    found += [_indented(lines, first, page) for first, _ in code.indented]
    return found


def _indented(lines: list[str], first: int, page: str) -> SourceError:
    start = lines[first].strip()
    if start.startswith(("```", "~~~")):
        return SourceError(
            page,
            first + 1,
            "a fence indented four spaces outside a list or note is shown as an indented "
            "code block, its ``` lines included",
            "Remove the indentation, or indent it under the list item or note it belongs to",
        )
    looks = " (it looks like commands)" if _COMMANDS.match(start) else ""
    return SourceError(
        page,
        first + 1,
        f"an indented code block{looks}: it has no language, and the snippet checker "
        "neither runs it nor knows why not",
        f"Make it a fenced block: {_NAMES}; then mark it check=... or illustrative=... "
        '(CONTRIBUTING.md, "Code blocks")',
    )


def heading_problems(text: str, page: str) -> list[SourceError]:
    found = []
    title: int | None = None
    for heading in headings(text):
        if not heading.text:
            found.append(
                SourceError(
                    page,
                    heading.line,
                    f"an empty heading ('{'#' * heading.level}' with no text)",
                    "Give it a title, or delete the line (a '#' left over from pasted text)",
                )
            )
        elif heading.level == 1 and title is not None:
            found.append(
                SourceError(
                    page,
                    heading.line,
                    f"a second page title ('# {heading.text}'; the first is line {title})",
                    "A page has one '# Title'; make this a section: '## " + heading.text + "'",
                )
            )
        elif heading.level == 1:
            title = heading.line
    return found


def image_problems(
    lines: list[str], code: markdown_code.Code, path: Path, page: str, docs_dir: Path
) -> list[SourceError]:
    found = []
    code_lines = code.lines()
    for index, line in enumerate(lines):
        if index in code_lines or ("![" not in line and "<img" not in line.lower()):
            continue
        prose = markdown_code.CODE_SPAN.sub("", line)
        for match in _MARKDOWN_IMAGE.finditer(prose):
            found += _image_problem(match["url"], path, page, index + 1, docs_dir, markdown=True)
        for match in _HTML_IMAGE.finditer(prose):
            found += _image_problem(match["url"], path, page, index + 1, docs_dir, markdown=False)
    return found


def _image_problem(
    url: str, path: Path, page: str, line: int, docs_dir: Path, *, markdown: bool
) -> list[SourceError]:
    problem = _what_is_wrong(url, path, docs_dir, markdown=markdown)
    if problem is None:
        return []
    plain = url.split("?")[0].split("#")[0]
    name = PurePosixPath(plain).name or "NAME.png"
    saved = docs_dir / "assets" / "images" / name
    write = f"write '{_relative(saved, path.parent)}' (relative to this page)"
    fixes = {
        "remote": f"Save it as docs/assets/images/{name} if its licence allows (credit it on "
        f"the page), and {write}",
        "absolute": f"Put the image in docs/assets/images/ and {write}",
        "missing": f"Add it as docs/assets/images/{name} and {write}",
        "outside": f"Copy it to docs/assets/images/{name} and {write}",
        "format": f"Use one of {', '.join(IMAGE_FORMATS)} (terminal output: a ```text block)",
    }
    known = docs_dir / plain.lstrip("/")
    if problem == "absolute" and known.is_file():
        fixes["absolute"] = f"Write it relative to this page: '{_relative(known, path.parent)}'"
    problems = {
        "remote": f"the image '{url}' is on another site: the page breaks offline or when it moves",
        "absolute": f"the image path '{url}' is absolute: the site is published under a path "
        "(GitHub Pages), where it is not found",
        "missing": f"the image '{url}' is not in the repository",
        "outside": f"the image '{url}' is outside docs/: only files of docs/ are published",
        "format": f"'{url}' is not in an image format every browser shows",
    }
    return [SourceError(page, line, problems[problem], fixes[problem])]


def _what_is_wrong(url: str, path: Path, docs_dir: Path, *, markdown: bool) -> str | None:
    """remote, absolute, outside, missing, format, or None for an image the site can show."""
    plain = url.split("?")[0].split("#")[0]
    if url.startswith(("data:", "{{")):
        return None
    if _REMOTE.match(url):
        return "remote"
    if url.startswith("/"):
        return "absolute"
    if not markdown:
        return None  # raw HTML resolves against the built page: the site check follows it
    if _outside(path.parent / plain, docs_dir):
        return "outside"
    if not (path.parent / plain).is_file():
        return "missing"
    return None if plain.lower().endswith(IMAGE_FORMATS) else "format"


def link_problems(
    lines: list[str], code: markdown_code.Code, path: Path, page: str, docs_dir: Path
) -> list[SourceError]:
    """Links to pages or files of docs/ that do not exist (their #fragments are the site
    check's: ids also come from macros and raw HTML)."""
    found = []
    code_lines = code.lines()
    images = {
        index: {m["url"] for m in _MARKDOWN_IMAGE.finditer(line)}
        for index, line in enumerate(lines)
        if "![" in line
    }
    for index, line in enumerate(lines):
        if index in code_lines or "](" not in line:
            continue
        for match in _MARKDOWN_LINK.finditer(markdown_code.CODE_SPAN.sub("", line)):
            target = match["url"].split("#")[0].split("?")[0]
            if not target or _REMOTE.match(match["url"]) or ":" in target:
                continue  # an anchor on this page, another site, mailto: and the like
            if match["url"] in images.get(index, ()):
                continue  # a linked image: the image check names the missing file once
            if target.startswith("/"):
                found.append(_absolute_link(target, path, page, index + 1, docs_dir))
            elif _outside(path.parent / target, docs_dir):
                found.append(_outside_link(target, page, index + 1, docs_dir))
            elif PurePosixPath(target).suffix and not (path.parent / target).is_file():
                found.append(_missing_link(target, path, page, index + 1, docs_dir))
    return found


def _outside(target: Path, docs_dir: Path) -> bool:
    """True for a path that leaves ``docs_dir`` (only its files are published)."""
    docs, resolved = docs_dir.resolve(), target.resolve()
    return resolved != docs and docs not in resolved.parents


def _absolute_link(target: str, path: Path, page: str, line: int, docs_dir: Path) -> SourceError:
    known = docs_dir / target.lstrip("/")
    fix = (
        f"Write it relative to this page: '{_relative(known, path.parent)}'"
        if known.is_file()
        else "Link the page by its path relative to this page, e.g. '../topic/page.md'"
    )
    return SourceError(
        page,
        line,
        f"the link '{target}' is absolute: the site is published under a path (GitHub "
        "Pages), where it leads nowhere, and only a relative link to the .md file is checked",
        fix,
    )


def _outside_link(target: str, page: str, line: int, docs_dir: Path) -> SourceError:
    return SourceError(
        page,
        line,
        f"the link '{target}' leads out of {docs_dir.name}/: only files of {docs_dir.name}/ "
        "are published, so readers would find nothing there",
        f"Link a page or file of {docs_dir.name}/, or the file's page on the repository's "
        "site (its full https:// address)",
    )


def nearest(target: str, files: Iterable[str]) -> str | None:
    """The one of ``files`` that ``target`` most likely meant, or None when nothing is
    close: a close name in the folder written ("backup.md" -> "backups.md"), else the one
    file anywhere of that exact name, else the one of a close name. A name many folders
    share (index.md) says nothing of where the author meant, so it suggests nothing."""
    wanted = PurePosixPath(target)
    files = [PurePosixPath(f) for f in files]
    same_folder = [f for f in files if f.parent == wanted.parent]
    for pool, cutoff in ((same_folder, 0.75), (files, 1.0), (files, 0.8)):
        stems = [f.stem for f in pool]
        close = set(difflib.get_close_matches(wanted.stem, stems, n=3, cutoff=cutoff))
        found = [f for f in pool if f.stem in close and f.suffix == wanted.suffix]
        if len(found) == 1:
            return found[0].as_posix()
    return None


def _missing_link(target: str, path: Path, page: str, line: int, docs_dir: Path) -> SourceError:
    files = [_relative(p, path.parent) for p in docs_dir.rglob(f"*{PurePosixPath(target).suffix}")]
    close = nearest(target, files)
    hint = f"Did you mean '{close}'? " if close else ""
    return SourceError(
        page,
        line,
        f"the link '{target}' leads to no file of the site",
        f"{hint}Link pages by their path relative to this page, e.g. '../topic/page.md'",
    )


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()
