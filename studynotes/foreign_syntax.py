"""Other generators' syntax in pasted notes: each occurrence named at its line, with the
Markdown this site reads instead.

Notes come from GitHub, Hugo, Jekyll, Docusaurus, Jupyter Book (MyST) and Obsidian. What
those tools turn into tabs, notes or links, Python-Markdown shows as literal text, or
Jinja refuses with a bare syntax error. ``CONSTRUCTS`` is the one list of them: the
checks find them with it, and CONTRIBUTING.md's "Importing notes" table is written from
it (``table()``), so the two cannot drift. Constructs this site renders as GitHub does
(``pattern`` None) are listed for the table only.

Template constructs (Hugo's shortcodes, Liquid) are found before Jinja reads the page and
blanked, so the page's other template problems are still reported in the same run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from studynotes.errors import SourceError
from studynotes.markdown_code import CODE_SPAN, Code

_ADMONITION = "an admonition: `!!! {name}` with the text indented 4 spaces under it"
_TABS = 'content tabs: `=== "Title"` with the content indented 4 spaces under it'
_FENCE = "a fenced code block with the language after the backticks (```bash)"
_LINK = "a Markdown link to the page's .md file, relative to this page: `[text](../topic/page.md)`"
_IMAGE = "a Markdown image: `![what it shows](../assets/images/NAME.png)`"
_INCLUDE = 'an include: `--8<-- "NAME.md"` of a file in docs/includes/'
_NOTES = {
    name: _ADMONITION.format(name=name)
    for name in ("note", "tip", "info", "warning", "danger", "abstract", "example", "quote")
}
_ALIKE = {
    "caution": _ADMONITION.format(name="warning"),
    "important": _ADMONITION.format(name="info"),
    "hint": _ADMONITION.format(name="tip"),
    "seealso": _ADMONITION.format(name="info"),
    "attention": _ADMONITION.format(name="warning"),
    "error": _ADMONITION.format(name="danger"),
    "admonition": _ADMONITION.format(name="note"),
}


@dataclass(frozen=True)
class Construct:
    origin: str  # the tool whose syntax it is
    example: str  # how it looks there (CONTRIBUTING's table)
    write: str  # what to write here instead (the table; the fix, unless ``native`` has one)
    pattern: re.Pattern[str] | None = None  # None: this site renders it as the origin does
    template: bool = False  # Jinja syntax: found and blanked before the template check
    native: Mapping[str, str] = field(default_factory=dict)  # by what a group of it matched
    then: str = ""  # said after the fix
    advise: Callable[[re.Match[str]], str | None] | None = None  # a fix made for the match

    def fix(self, match: re.Match[str]) -> str:
        made = self.advise(match) if self.advise else None
        if made:
            return made
        named = (value.lower() for value in match.groupdict().values() if value)
        native = next((self.native[n] for n in named if n in self.native), self.write)
        return f"Write {native}{self.then}"


def _closing(match: re.Match[str]) -> str | None:
    if match.groupdict().get("closing"):
        return "Delete it: the closing shortcode goes with the opening one"
    return None


def _myst(match: re.Match[str]) -> str | None:
    if match["label"]:
        return (
            f"Give the heading below the anchor instead: '## Its title {{ #{match['label']} }}' "
            "(links to '#" + match["label"] + "' keep working), and delete this line"
        )
    if match["role"] in ("ref", "doc", "numref", "download"):
        return f"Write {_LINK}"
    if match["role"]:
        return "Write the text itself (abbreviations: docs/includes/abbreviations.md)"
    return None


def _obsidian(match: re.Match[str]) -> str:
    if match.group(0).startswith("%%"):
        return "Write an HTML comment, `<!-- ... -->`, or delete it"
    target = match["target"].strip() or "PAGE"
    if match["embed"] and "." in target and not target.endswith(".md"):
        return f"Write a Markdown image: `![what it shows](../assets/images/{target})`"
    page = re.sub(r"\s+", "-", target.lower()).removesuffix(".md") + ".md"
    if match["embed"]:
        return f"Write a link to the page, `[{target}]({page})`, or include it from docs/includes/"
    return f"Write a Markdown link relative to this page, e.g. `[{target}]({page})`"


CONSTRUCTS: tuple[Construct, ...] = (
    Construct("GitHub", "`> [!NOTE]` alert", "the same: it renders as an admonition"),
    Construct("GitHub", "`~~struck~~`, a bare `https://` address", "the same: both render"),
    Construct(
        "GitHub",
        "a list right under a line of text",
        "a blank line above the list (the page check names each)",
    ),
    Construct(
        "GitHub",
        "a list nested by 2 or 3 spaces",
        "4 spaces per level of nesting (the page check names each)",
    ),
    Construct(
        "Hugo",
        "`{{< note >}}`, `{{< tabs >}}`, `{{< highlight bash >}}`, `{{< ref >}}`",
        '`!!! note`, `=== "Title"`, a fenced block with its language, a relative link',
        re.compile(r"\{\{(?P<open>[<%])\s*(?P<closing>/?)\s*(?P<name>[\w.-]*)[^\n]*?[>%]\}\}"),
        template=True,
        native={
            **_NOTES,
            **_ALIKE,
            "tab": _TABS,
            "tabs": _TABS,
            "highlight": _FENCE,
            "code": _FENCE,
            "ref": _LINK,
            "relref": _LINK,
            "figure": _IMAGE,
            "include": _INCLUDE,
            "readfile": _INCLUDE,
        },
        advise=_closing,
    ),
    Construct(
        "Hugo",
        "`{{ .Names }}` in running text (a Go template, e.g. Docker's `--format`)",
        "a code span around it: `` `{{ .Names }}` ``",
        re.compile(r"\{\{-?\s*\.[\w.]*\s*-?\}\}"),
        template=True,
    ),
    Construct(
        "Jekyll",
        "`{% highlight bash %}`, `{% include x.html %}`, `{% link x.md %}`, `{% comment %}`",
        'a fenced block with its language, `--8<-- "x.md"`, a relative link, `<!-- ... -->`',
        re.compile(
            r"\{%-?\s*(?P<name>highlight|endhighlight|include_relative|link|post_url|comment"
            r"|endcomment|capture|endcapture|assign|include(?=\s+[^\s\"'])|seo|feed_meta)\b"
            r"[^\n]*?-?%\}"
        ),
        template=True,
        native={
            "highlight": _FENCE,
            "endhighlight": "the closing ``` of that fence",
            "include": _INCLUDE,
            "include_relative": _INCLUDE,
            "link": _LINK,
            "post_url": _LINK,
            "comment": "an HTML comment, `<!-- ... -->`, or delete it",
            "endcomment": "the closing `-->` of that HTML comment, or delete it",
        },
    ),
    Construct(
        "Jekyll",
        '`{{ site.baseurl }}`, `{{ page.title }}`, `{{ "/x" | relative_url }}`',
        "the text itself, or a path relative to this page",
        re.compile(
            r"\{\{-?\s*(?:(?P<name>site|page|include|layout|jekyll|paginator)\.[\w.]+"
            r"|[\"'][^\"'\n]*[\"']\s*\|\s*(?:relative_url|absolute_url))[^\n]*?-?\}\}"
        ),
        template=True,
    ),
    Construct(
        "Docusaurus",
        "`:::note Title` ... `:::`, `<Tabs>`/`<TabItem>`, `import ... from '@theme/...'`",
        '`!!! note "Title"` with the text indented 4 spaces, `=== "Title"` tabs, nothing',
        re.compile(
            r"^[ \t]*(?::::+[ \t]*(?P<name>[a-z]+)\b.*|<(?P<tag>Tabs|TabItem)\b.*"
            r"|import\s+\w+\s+from\s+['\"]@(?:theme|site)/.*)$"
        ),
        native={**_NOTES, **_ALIKE, "tabs": _TABS, "tabitem": _TABS},
        then=", and delete the closing ':::' or tag",
    ),
    Construct(
        "MyST (Jupyter Book)",
        "```` ```{note} ````, `:::{tip}`, `{ref}` and `{doc}` roles, `(label)=`",
        "`!!! note`, a fenced block with its language, a relative link, `## Title { #label }`",
        re.compile(
            r"^[ \t]*(?:```+|~~~+|:::+)[ \t]*\{(?P<name>[\w-]+)\}.*$"
            r"|\{(?P<role>ref|doc|term|numref|download|eq|math|abbr)\}`"
            r"|^\((?P<label>[\w-]+)\)=[ \t]*$"
        ),
        native={
            **_NOTES,
            **_ALIKE,
            "code-block": _FENCE,
            "code": _FENCE,
            "code-cell": _FENCE,
            "figure": _IMAGE,
            "image": _IMAGE,
            "include": _INCLUDE,
            "toctree": "nothing here: pages are listed under nav: in mkdocs.yml",
            "tab-set": _TABS,
            "tab-item": _TABS,
        },
        advise=_myst,
    ),
    Construct(
        "Obsidian",
        "`[[Page]]`, `[[Page|text]]`, `![[diagram.png]]`, `%%comment%%`",
        "`[text](page.md)`, `![what it shows](../assets/images/diagram.png)`, `<!-- ... -->`",
        re.compile(r"(?P<embed>!?)\[\[(?P<target>[^\]\n|#]*)[^\]\n]*\]\]|%%[^%\n]*%%"),
        advise=_obsidian,
    ),
)


# A macro call, its string arguments read as strings: `{{ run("... {{.Os}} ...") }}` holds
# a Go template as text, no construct.
_CALL = re.compile(
    r"\{\{-?\s*[A-Za-z_]\w*\s*\((?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|[^\"'\n])*?\)\s*-?\}\}"
)


def _outside_calls(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    calls = [m.span() for m in _CALL.finditer(text)] if "(" in text else []
    for match in pattern.finditer(text):
        if not any(start <= match.start() < end for start, end in calls):
            yield match


def blank_template_constructs(text: str) -> str:
    """``text`` with every template construct blanked (same columns), for Jinja's parser
    to read the rest of the page's template code."""
    for construct in CONSTRUCTS:
        if construct.template and construct.pattern:
            spans = [m.span() for m in _outside_calls(construct.pattern, text)]
            for start, end in reversed(spans):
                text = text[:start] + " " * (end - start) + text[end:]
    return text


def problems(lines: list[str], code: Code, page: str, *, template: bool) -> list[SourceError]:
    """A problem for each occurrence of another tool's syntax outside code."""
    return [
        SourceError(page, index + 1, _problem(construct, match), construct.fix(match))
        for index, match, construct in _found(lines, code, template=template)
    ]


def _problem(construct: Construct, match: re.Match[str]) -> str:
    shown = match.group(0).strip()
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"{construct.origin} syntax, {shown}, which this site does not render"


def _found(
    lines: list[str], code: Code, *, template: bool
) -> Iterator[tuple[int, re.Match[str], Construct]]:
    code_lines = code.lines()
    fence_starts = {fence.start for fence in code.fences}
    # Each line read once for every construct: a fence's opening line as written, any
    # other line outside code with its inline code blanked.
    texts = [
        (index, line if index in fence_starts else _spans_blanked(line))
        for index, line in enumerate(lines)
        if index not in code_lines or index in fence_starts
    ]
    for construct in CONSTRUCTS:
        if construct.pattern is None or construct.template != template:
            continue
        for index, text in texts:
            for match in _outside_calls(construct.pattern, text):
                if index in fence_starts and not match.group(0).lstrip().startswith(("`", "~")):
                    continue  # only a fence's own info string (MyST's directive) counts
                yield index, match, construct


def _spans_blanked(line: str) -> str:
    """The line with inline code's content blanked (backticks kept, columns unchanged)."""
    return CODE_SPAN.sub(lambda m: m[1] + " " * len(m[2]) + m[1], line)


def table() -> str:
    """CONTRIBUTING.md's table: each construct, and what to write here instead."""
    rows = ["| Written for | In the notes | Write here |", "| --- | --- | --- |"]
    cells = ((c.origin, c.example, c.write) for c in CONSTRUCTS)
    rows += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in cells]
    return "\n".join(rows)
