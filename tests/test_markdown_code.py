"""The code reader finds the code blocks the site's renderer makes, no more, no fewer."""

from __future__ import annotations

import re
import textwrap

import markdown
import pytest

from studynotes.markdown_code import fences, prose_lines, read

pytestmark = pytest.mark.unit

# The block-level extensions of mkdocs.yml that decide what is code.
EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
F = "```"

PAGES = {
    "admonition body and tab body are prose": f"""\
        !!! note "Keep"

            Prose in the note.

            {F}bash
            df -h
            {F}

        === "Tab"

            Prose in the tab.

        ??? tip
            More prose.
        """,
    "indented code after a paragraph": """\
        Run these:

            docker ps
            docker images

        Then this.
        """,
    "code inside a list item, eight spaces": """\
        - Step one:

                sudo apt install tree

        - Step two is prose

          and more prose.
        """,
    "a fence in a list item whose text wraps with less indentation": f"""\
        - **psql**, PostgreSQL's client (package `postgresql-client` on
          Debian/Ubuntu):

            {F}bash
            psql -h host
            {F}

        2. Reduce the memory
           so that it fits:

            {F}bash
            export KAFKA_HEAP_OPTS="-Xmx256M"
            {F}
        """,
    "indented code inside a note": """\
        !!! note

            In the note:

                kubectl get pods
        """,
    "a paragraph continued without a blank line is prose": """\
        Some text
            still the paragraph.
        """,
    "after a list ends, indented text is code": """\
        1. one
        2. two

        Prose.

            FROM python:3.11
            RUN pip install flask
        """,
    "a fence four spaces deep at the top is indented code, in a fence it is text": f"""\
        Text.

            {F}bash
            echo hi
            {F}

        {F}
            indented inside a fence
        {F}
        """,
}


def _rendered_code_blocks(text: str) -> list[str]:
    """The first line of every code block in the HTML (the highlighter's spans removed)."""
    html = markdown.markdown(text, extensions=EXTENSIONS)
    codes = re.findall(r"<pre[^>]*>.*?<code[^>]*>(.*?)</code>", html, re.S)
    return [re.sub(r"<[^>]+>", "", code).strip().splitlines()[0].strip() for code in codes]


@pytest.mark.parametrize("text", PAGES.values(), ids=PAGES.keys())
def test_fences_and_indented_blocks_are_the_renderer_s_code_blocks(text: str) -> None:
    text = textwrap.dedent(text)
    lines = text.split("\n")
    code = read(lines)
    starts = [(f.start, f.body(lines).strip().splitlines()[0].strip()) for f in code.fences]
    starts += [(first, lines[first].strip()) for first, _ in code.indented]
    assert [first_line for _, first_line in sorted(starts)] == _rendered_code_blocks(text)


def test_fences_read_language_options_and_the_body_without_the_container_indent() -> None:
    lines = textwrap.dedent(f"""\
        !!! note
            {F}python title="a.py" check="run"
            print(1)
            {F}
        {F} docker run -it busybox {F} is inline code
        ~~~
        no language
        ~~~
        {F}{{.yaml linenums="1"}}
        a: 1
        """).split("\n")
    found = fences(lines)
    assert [(f.start, f.language, f.closed) for f in found] == [
        (1, "python", True),
        (5, "", True),
        (8, "yaml", False),
    ]
    assert found[0].body(lines) == "print(1)\n"
    assert found[0].info.split() == ["python", 'title="a.py"', 'check="run"']


def test_prose_lines_leave_out_every_kind_of_code() -> None:
    lines = textwrap.dedent(f"""\
        # Title

            # not a heading: indented code
        {F}bash
        # not a heading: a comment
        {F}
        ## Heading
        """).split("\n")
    assert [lines[i] for i in prose_lines(lines) if lines[i].startswith("#")] == [
        "# Title",
        "## Heading",
    ]
