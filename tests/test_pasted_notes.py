"""Notes pasted from GitHub, Hugo, Jekyll, Docusaurus, MyST and Obsidian (issue 24): what
this site can render renders as on GitHub; everything else is named at each occurrence,
with what to write instead, in one run, on every engine."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from studynotes import credit, foreign_syntax, list_check, markdown_code, page_check, scaffold
from studynotes.engines import ENGINES
from studynotes.engines.macros import _each_problem_marked
from studynotes.template_code import read_calls

SOURCES = '!!! info "Sources"\n    Pasted from a test.\n\n'
# Renders on this site as it does on GitHub.
RENDERED = f"""# Rendered

{SOURCES}> [!NOTE]
> Read this first.

> [!CAUTION]
> Mind the data.

Struck ~~out~~, and see https://example.org/guide for more.

> A plain quote stays a quote.
"""
# Every construct this site does not render; each line ending "<- N" holds N of them.
PASTED = f"""# Pasted

{SOURCES}Steps:
- one  <- 1
- two

1. Install:
   - Docker  <- 1
   - Compose  <- 1

2. Start:

   ```bash  <- 1
   docker compose up
   ```

{{{{< tabs >}}}}  <- 1
{{{{< tab name="CLI" >}}}}  <- 1
Run it.
{{{{< /tab >}}}}  <- 1
{{{{< /tabs >}}}}  <- 1

Names: {{{{ .Names }}}}  <- 1

{{% highlight bash %}}  <- 1
ls
{{% endhighlight %}}  <- 1

Home is {{{{ site.baseurl }}}}/ and {{% link notes/first-steps.md %}}.  <- 2

:::note Heads up  <- 1
Text.
:::

```{{note}}  <- 1
A MyST note.
```

See {{ref}}`first` too.  <- 1

(first)=  <- 1
## First

See [[First steps|the first page]] and ![[diagram.png]].  <- 2
%%a private remark%%  <- 1

```bash
echo '{{{{< not a shortcode >}}}}' '[[ -f x ]]' ':::note'
```

`{{{{ .Names }}}}` and `[[x]]` in inline code are text.
"""


def _expected(text: str) -> list[int]:
    """The line of each construct the page holds, once per occurrence."""
    return sorted(
        number
        for number, line in enumerate(text.split("\n"), start=1)
        for _ in range(int(re.search(r"<- (\d)", line)[1]) if "<- " in line else 0)
    )


def _page(text: str) -> str:
    """The page without its "<- N" marks (lines stay where they are)."""
    return re.sub(r" *<- \d", "", text)


def _line(needle: str) -> int:
    return next(n for n, line in enumerate(PASTED.split("\n"), start=1) if needle in line)


def _all_problems(text: str, tmp_path: Path) -> list[tuple[int, str, str]]:
    page = tmp_path / "docs" / "notes" / "pasted.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    text = _page(text)
    page.write_text(text)
    _, template = read_calls(text, "docs/notes/pasted.md")
    markdown = page_check.problems(text, page, "docs/notes/pasted.md", tmp_path / "docs")
    return sorted((e.line or 0, e.problem, e.fix) for e in [*template, *markdown])


@pytest.mark.unit
def test_each_construct_is_named_once_at_its_line(tmp_path: Path) -> None:
    found = _all_problems(PASTED, tmp_path)
    assert [line for line, _, _ in found] == _expected(PASTED), found
    assert not any("raw" in fix for _, _, fix in found)  # never hidden text
    assert all(fix.startswith(("Write", "Put", "Indent", "Delete", "Give")) for *_, fix in found)


@pytest.mark.unit
def test_the_list_problems_name_the_cause_and_the_indentation(tmp_path: Path) -> None:
    by_line = {line: (problem, fix) for line, problem, fix in _all_problems(PASTED, tmp_path)}
    first, nested, fence = _line("- one"), _line("- Docker"), _line("```bash")
    assert "no blank line above" in by_line[first][0]
    assert by_line[first][1] == "Put a blank line above the list's first item"
    assert "nested 3 space(s)" in by_line[nested][0]
    assert by_line[nested][1].startswith("Indent it by 4")
    # The fence is not called "outside a list": the list's indentation is the cause.
    assert by_line[fence][0].startswith("a code fence indented 3 space(s) under the list item")
    assert by_line[fence][1].startswith("Indent it by 4 spaces")


@pytest.mark.unit
def test_lists_written_for_this_renderer_pass() -> None:
    text = (
        "Steps:\n\n- one\n    - nested\n        - deeper\n\n1. a\n\n    more about a\n\n"
        "    ```bash\n    ls\n    ```\n\n2. b\n\nA line that wraps\n2021) stays text.\n\n"
        "## Heading\n- a list right under a heading is fine too\n"
    )
    lines = text.split("\n")
    assert list_check.problems(lines, markdown_code.read(lines), "p.md") == []


@pytest.mark.unit
def test_shortcode_fixes_say_what_to_write() -> None:
    _, errors = read_calls("# T\n\n{{< note >}}\nx\n{{< /note >}}\n", "docs/p.md")
    assert [e.fix for e in errors] == [
        "Write an admonition: `!!! note` with the text indented 4 spaces under it",
        "Delete it: the closing shortcode goes with the opening one",
    ]


@pytest.mark.unit
def test_a_macro_call_s_text_is_never_taken_for_another_tool_s_syntax() -> None:
    page = "# T\n\n{{ run(\"docker ps --format '{{.Names}} {{ site.x }}'\") }}\n"
    calls, errors = read_calls(page, "docs/p.md")
    assert errors == []
    assert calls[0].command == "docker ps --format '{{.Names}} {{ site.x }}'"


@pytest.mark.unit
def test_obsidian_links_become_relative_links_and_images() -> None:
    lines = ["[[Backup Plans#Full]] ![[arch.svg]] ![[Other note]]"]
    found = foreign_syntax.problems(lines, markdown_code.read(lines), "p.md", template=False)
    assert [e.fix for e in found] == [
        "Write a Markdown link relative to this page, e.g. `[Backup Plans](backup-plans.md)`",
        "Write a Markdown image: `![what it shows](../assets/images/arch.svg)`",
        "Write a link to the page, `[Other note](other-note.md)`, or include it from "
        "docs/includes/",
    ]


@pytest.mark.unit
def test_every_construct_of_the_table_is_checked_or_rendered() -> None:
    """Each row of CONTRIBUTING's table is either found by a pattern or renders (GitHub)."""
    for construct in foreign_syntax.CONSTRUCTS:
        assert construct.pattern is not None or construct.origin == "GitHub", construct


# -- credit ----------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    [
        '# T\n\n!!! info "Sources"\n    The course.\n',
        '# T\n\n??? note "Source"\n    The course.\n',
        "# T\n\n## Sources\n\n- The course.\n",
        "---\nsources:\n  - The course\n---\n\n# T\n",
        "# T\n\n> [!NOTE] Sources\n> The course.\n",
    ],
)
def test_a_page_that_credits_its_sources_passes(text: str) -> None:
    assert credit.problems([("docs/p.md", text)], []) == []


@pytest.mark.unit
def test_a_page_without_credit_is_named_unless_listed() -> None:
    pages = [("docs/p.md", "# T\n\nFrom some repo.\n"), ("docs/quizzes/q.md", "# Q\n")]
    (problem,) = credit.problems(pages, ["quizzes/*"])
    assert (problem.path, problem.line) == ("docs/p.md", 1)
    assert "credits no source" in problem.problem
    assert "Add a box under the opening paragraph, '!!! info \"Sources\"'" in problem.fix
    assert "uncredited:" in problem.fix


# -- messages --------------------------------------------------------------------------


@pytest.mark.unit
def test_did_you_mean_only_when_close() -> None:
    files = ["index.md", "../quizzes/index.md", "../linux/backups.md", "other.md"]
    assert page_check.nearest("../courses/index.md", files) is None  # a name all folders use
    assert page_check.nearest("../install/linux.md", files) is None
    assert page_check.nearest("../linux/backup.md", files) == "../linux/backups.md"
    assert page_check.nearest("backups.md", files) == "../linux/backups.md"  # the only one
    assert page_check.nearest("othr.md", files) == "other.md"


@pytest.mark.unit
def test_an_absolute_link_is_called_absolute_and_a_linked_image_is_named_once(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    (docs / "start").mkdir(parents=True)
    (docs / "start" / "docker.md").write_text("# D\n")
    page = docs / "notes" / "p.md"
    text = "# P\n\nSee [Docker](/start/docker.md).\n\n[![arch](arch.png)](arch.png)\n"
    found = sorted(page_check.problems(text, page, "docs/notes/p.md", docs), key=lambda e: e.line)
    assert [(e.line, e.problem.split(":")[0]) for e in found] == [
        (3, "the link '/start/docker.md' is absolute"),
        (5, "the image 'arch.png' is not in the repository"),
    ]
    assert found[0].fix == "Write it relative to this page: '../start/docker.md'"


@pytest.mark.unit
def test_every_problem_line_carries_the_engine_s_error_prefix() -> None:
    report = "docs/a.md:1: one\n  fix: A\n\ndocs/b.md:2: two\n  fix: B\nFound 2 problems."
    assert _each_problem_marked(report).split("\n") == [
        "docs/a.md:1: one",  # the engine prefixes the first line itself
        "  fix: A",
        "",
        "ERROR   -  docs/b.md:2: two",
        "  fix: B",
        "ERROR   -  Found 2 problems.",
    ]


# -- on every engine -------------------------------------------------------------------


@pytest.fixture
def course(tmp_path: Path) -> Path:
    site = tmp_path / "course"
    scaffold.write(site)
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "      - First steps: notes/first-steps.md\n",
            "      - First steps: notes/first-steps.md\n      - Pasted: notes/pasted.md\n",
        )
    )
    return site


def _build(site: Path, engine: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studynotes", "build", "--strict", "--engine", engine],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.build
@pytest.mark.parametrize("engine", list(ENGINES))
def test_github_s_alerts_strikethrough_and_addresses_render_on_every_engine(
    course: Path, engine: str
) -> None:
    (course / "docs" / "notes" / "pasted.md").write_text(RENDERED)
    done = _build(course, engine)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (course / "site" / "notes" / "pasted" / "index.html").read_text()
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    note, caution = article.select("div.admonition")[1:]  # after the Sources box
    assert note["class"] == ["admonition", "note"]
    assert note.select_one(".admonition-title").get_text() == "Note"
    assert "danger" in caution["class"]  # the theme's red, as GitHub shows a caution
    assert "[!" not in article.get_text()
    assert article.select_one("del").get_text() == "out"
    assert article.select_one('a[href="https://example.org/guide"]') is not None
    assert article.select_one("blockquote").get_text(strip=True) == "A plain quote stays a quote."


@pytest.mark.build
@pytest.mark.parametrize("engine", list(ENGINES))
def test_every_construct_is_reported_in_one_run_on_every_engine(course: Path, engine: str) -> None:
    (course / "docs" / "notes" / "pasted.md").write_text(_page(PASTED))
    done = _build(course, engine)
    report = done.stdout + done.stderr
    assert done.returncode != 0
    lines = [int(n) for n in re.findall(r"docs/notes/pasted\.md:(\d+): ", report)]
    assert sorted(lines) == _expected(PASTED), report
    assert not (course / "site" / "notes" / "pasted").exists()  # nothing half-right published


@pytest.mark.unit
def test_a_site_can_turn_the_github_rendering_off() -> None:
    import markdown

    text = "> [!NOTE]\n> Read this.\n\n~~gone~~ https://example.org\n"
    on = markdown.markdown(text, extensions=["admonition", "studynotes"])
    off = markdown.markdown(
        text,
        extensions=["admonition", "studynotes"],
        extension_configs={"studynotes": {"github": False}},
    )
    assert 'class="admonition note"' in on and "<del>gone</del>" in on
    assert "[!NOTE]" in off and "<del>" not in off and "<a " not in off
