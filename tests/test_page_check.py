"""The page check: what the renderer would silently get wrong, at its line, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from studynotes import nav
from studynotes.errors import SourceErrors
from studynotes.page_check import check_docs, problems

pytestmark = pytest.mark.unit

# A page pasted from another course's notes, as a new contributor would add it. Its
# mistakes, by line (front matter counted): 8 absolute image, 10 empty heading, 14
# indented commands, 17 fence without a language, 21 second title, 23 remote and
# missing images, 25 a template call of no macro (and a command the allowlist refuses,
# which the build reports with these: tests/test_engines.py).
PASTED = """\
---
tags:
  - Docker
---

# Kafka on Docker

![diagram](/src/helloworld.png)

#

Start the broker:

    docker run -d --name kafka bitnami/kafka
    docker ps --format '{{ json . }}'

```
KAFKA_HEAP_OPTS=-Xmx256M
```

# Notes

![logo](https://example.com/logo.png) and ![missing](pics/arch.png)

Today {{ now() }} and {{ run("rm -rf /") }}.
"""
EXPECTED = [
    (8, "the image path '/src/helloworld.png' is absolute"),
    (10, "an empty heading"),
    (14, "an indented code block (it looks like commands)"),
    (17, "a code block without a language"),
    (21, "a second page title ('# Notes'; the first is line 6)"),
    (23, "the image 'https://example.com/logo.png' is on another site"),
    (23, "the image 'pics/arch.png' is not in the repository"),
    (25, "{{ now() }} calls 'now', which is not a macro"),
]


def _docs(tmp_path: Path, pages: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return docs


def test_a_pasted_page_gets_every_problem_at_its_line_with_a_fix(tmp_path: Path) -> None:
    docs = _docs(tmp_path, {"linux/pasted.md": PASTED, "assets/ok.png": ""})
    with pytest.raises(SourceErrors) as caught:
        check_docs(docs)
    found = [(e.line, e.problem) for e in caught.value.errors]
    assert len(found) == len(EXPECTED)
    for (line, problem), (want_line, want) in zip(found, EXPECTED, strict=True):
        assert line == want_line and problem.startswith(want), (line, problem)
    assert all(e.path == f"{docs.name}/linux/pasted.md" for e in caught.value.errors)
    assert all(e.fix for e in caught.value.errors)
    assert "Traceback" not in caught.value.report()
    assert caught.value.report().endswith("The page check found 8 problems in 1 file.")


def _problems(tmp_path: Path, text: str, files: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    docs = _docs(tmp_path, {"topic/page.md": text, **dict.fromkeys(files, "")})
    path = docs / "topic" / "page.md"
    return [(e.line, e.fix) for e in problems(text, path, "docs/topic/page.md", docs)]


def test_image_fixes_give_the_path_to_write(tmp_path: Path) -> None:
    text = "# T\n\n![a](/assets/pic.png)\n\n![b](../assets/pic.png) ![c](data:image/png;x)\n"
    assert _problems(tmp_path, text, ("assets/pic.png",)) == [
        (3, "Write it relative to this page: '../assets/pic.png'")
    ]


def test_images_and_headings_in_code_are_text(tmp_path: Path) -> None:
    text = (
        "# T\n\nUse `![x](/abs.png)` here.\n\n```bash\n# a comment\n```\n\n"
        '```html\n<img src="http://x/y.png">\n```\n'
    )
    assert _problems(tmp_path, text) == []


def test_raw_html_images_from_other_sites_are_reported(tmp_path: Path) -> None:
    text = '# T\n\n<img src="https://example.com/a.png" alt="">\n<img src="here.png">\n'
    assert [line for line, _ in _problems(tmp_path, text)] == [3]


def test_a_hash_without_a_space_is_a_title_as_python_markdown_reads_it(tmp_path: Path) -> None:
    text = "# Title\n\n#!/bin/bash pasted outside a code block\n"
    assert [line for line, _ in _problems(tmp_path, text)] == [3]


def test_an_unclosed_fence_is_reported_where_it_opens(tmp_path: Path) -> None:
    text = "# T\n\n```bash\ndf -h\n\n## Later\n"
    found = _problems(tmp_path, text)
    assert found == [(3, "Close it with a line of ``` (as long as the opening one)")]


def test_the_nav_must_list_every_page_but_blog_posts(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "nav:\n  - Home: index.md\n  - Topic:\n      - topic/index.md\n"
        "      - Link: https://example.com/\n"
        "plugins:\n  - search\n  - blog:\n      blog_dir: news\n"
    )
    pages = ["docs/index.md", "docs/topic/index.md", "docs/topic/new.md", "docs/news/posts/a.md"]
    assert [(e.path, e.line) for e in nav.unlisted(config, pages)] == [("docs/topic/new.md", 1)]
    config.write_text("site_name: x\n")  # no nav: every page is listed automatically
    assert nav.unlisted(config, pages) == []


def test_links_to_missing_pages_are_reported_before_the_build(tmp_path: Path) -> None:
    text = (
        "# T\n\n[ok](other.md#any-fragment) [typo](othr.md) [mail](mailto:a@b.c)\n"
        "[here](#top) `[code](gone.md)` [site](https://example.com/x.md)\n"
    )
    found = _problems(tmp_path, text, ("topic/other.md",))
    assert found == [
        (
            3,
            "Did you mean 'other.md'? Link pages by their path relative to this page, "
            "e.g. '../topic/page.md'",
        )
    ]


def test_headings_in_an_html_comment_are_not_headings(tmp_path: Path) -> None:
    text = "# T\n\n<!--\n# a note to reviewers\n-->\n\n<!-- # also hidden -->\n"
    assert _problems(tmp_path, text) == []


def test_links_and_images_out_of_docs_are_refused_before_the_build(tmp_path: Path) -> None:
    """Only docs/ is published: a link to ../../mkdocs.yml would lead readers nowhere,
    and the page check says so with the page's other problems."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "chart.svg").write_text("<svg/>")
    page = "# Out\n\nSee [the settings](../../mkdocs.yml) and ![chart](../../data/chart.svg).\n"
    docs = _docs(tmp_path, {"linux/out.md": page})
    found = problems(page, docs / "linux" / "out.md", "docs/linux/out.md", docs)
    assert [(e.line, e.problem) for e in found] == [
        (3, "the image '../../data/chart.svg' is outside docs/: only files of docs/ are published"),
        (
            3,
            "the link '../../mkdocs.yml' leads out of docs/: only files of docs/ are published, "
            "so readers would find nothing there",
        ),
    ]
