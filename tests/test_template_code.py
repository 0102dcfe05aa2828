"""Pages' template code: literal macro calls only, found at their lines; code stays literal."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from studynotes.errors import SourceErrors
from studynotes.features import MACROS
from studynotes.page_check import check_docs
from studynotes.site import page_macros
from studynotes.template_code import find_calls, read_calls
from studynotes.templating import protect_code
from tests.support import ROOT

# What the flagship's pages may call: the core's macros and this course's extension's.
SITE_MACROS = page_macros(ROOT / "mkdocs.yml")

PAGE = """---
tags: [x]
---

# Title

{{ run("df -h") }}

!!! note
    {{ run("docker image ls", expect_failure=True) }}

{{ df(keep_pseudo=True) }}
"""


def test_calls_are_found_with_file_line_numbers() -> None:
    calls = find_calls(PAGE, "linux/page.md", SITE_MACROS)
    assert [(c.line, c.macro, c.command) for c in calls] == [
        (7, "run", "df -h"),
        (10, "run", "docker image ls"),
        (12, "df", "df -h"),
    ]
    assert calls[1].option("expect_failure") is True
    assert calls[2].option("keep_pseudo") is True


def _problems(text: str) -> list[str]:
    with pytest.raises(SourceErrors) as caught:
        find_calls(text, "docs/p.md")
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', "is not a macro call"),
        ("{{ config }}", "{{ config }} is not a macro call"),
        ("{{ environment }}", "{{ environment }} is not a macro call"),
        ("{{ config.repo_url }}", "is not a macro call"),
        ('{{ page["title"] }}', "is not a macro call"),
        ('{{ run("df -h") | safe }}', "is not a macro call"),
        ('{{ run("df -h") ~ "x" }}', "is not a macro call"),
        ("{{ 'text' }}", "is not a macro call"),
        ("{% set x = 1 %}", "{% set x = 1 %} is a template statement"),
        ("{% for x in [1] %}{{ x }}{% endfor %}", "is a template statement"),
        ('{% include "secrets.txt" %}', "is a template statement"),
        ("{% if true %}x{% endif %}", "is a template statement"),
        ('{{ rn("df -h") }}', "calls 'rn', which is not a macro"),
        ("{{ macros_info() }}", "calls 'macros_info', which is not a macro"),
        ("{{ run(command) }}", "gives run() an argument that is computed"),
        ('{{ run("df -h", expect_fail=True) }}', "gives run() an argument 'expect_fail'"),
        ('{{ run("a", True, 3) }}', "gives run() more arguments than it takes"),
        ("{{ run() }}", "leaves out the command of run()"),
        ("{{ quiz(3) }}", "gives quiz() a quiz_id that is not a string"),
    ],
)
def test_anything_but_a_literal_macro_call_is_refused_at_its_line(code: str, expected: str) -> None:
    (problem,) = _problems(f"---\ntitle: x\n---\n\nSome text.\n{code}\n")
    assert problem.startswith("docs/p.md:6: "), problem  # the front matter counts
    assert expected in problem


def test_the_fix_names_raw_code_spans_and_the_macros() -> None:
    (problem,) = _problems("{{ config }}\n")
    assert "{% raw %}" in problem and "code span" in problem
    assert all(f"{name}()" in problem for name in MACROS)
    (typo,) = _problems('{{ rn("df -h") }}\n')
    assert "Did you mean run()?" in typo


def test_every_problem_of_a_page_is_reported_with_its_own_code() -> None:
    problems = _problems("{{ config }} and {{ environment }}\n\n{% set a = 1 %}\n")
    assert [p.split(": ", 1)[1].split(" ", 2)[:2] for p in problems] == [
        ["{{", "config"],
        ["{{", "environment"],
        ["{%", "set"],
    ]
    assert [p.split(":")[1] for p in problems] == ["1", "1", "3"]


def test_template_code_in_the_front_matter_is_refused() -> None:
    (problem,) = _problems('---\ntitle: "{{ cycler.__init__ }}"\n---\n\n# T\n')
    assert problem.startswith("docs/p.md:2: template code in the front matter")


def test_template_syntax_error_names_the_line() -> None:
    (problem,) = _problems("a\nb\n{{ run('df' }}\n")
    assert problem.startswith("docs/p.md:3: template syntax error")


def test_code_and_raw_blocks_are_text_not_template_code() -> None:
    page = "Use `{{ .Names }}` and\n\n```go\n{{ range . }}{{ end }}\n```\n\n"
    page += "{% raw %}{{ x }}{% endraw %}\n"
    assert find_calls(page, "docs/p.md") == []


def test_all_pages_are_checked_and_reported_together(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "one.md").write_text("# One\n\n{{ config }}\n")
    (docs / "two.md").write_text("# Two\n{{ run('df -h') }}\n{{ nope() }}\n")
    (docs / "fine.md").write_text("# Fine\n{{ quiz('distros') }}\n")
    with pytest.raises(SourceErrors) as caught:
        check_docs(docs)
    report = str(caught.value)
    assert "docs/a/one.md:3: {{ config }} is not a macro call" in report
    assert "docs/two.md:3: {{ nope() }} calls 'nope'" in report
    assert report.splitlines()[-1] == "The page check found 2 problems in 2 files."


def test_the_real_pages_call_only_listed_macros() -> None:
    calls = check_docs(Path(__file__).resolve().parents[1] / "docs", macros=SITE_MACROS)
    assert {call.macro for call in calls} == set(SITE_MACROS)  # each macro is used somewhere


DOCKER = """Names:

```bash
docker container ls --format '{{.Names}}'
```

    ```go
    {{ .Indented }}
    ```

Inline `{{.ID}}` and a macro {{ shout("x") }}.

{% raw %}
```
{{ already raw }}
```
{% endraw %}
"""


def test_code_is_literal_and_macros_outside_code_still_run() -> None:
    env = Environment()
    env.globals["shout"] = lambda s: s.upper()
    protected = protect_code(DOCKER)
    assert protected.count("\n") == DOCKER.count("\n")  # line numbers are kept
    html = env.from_string(protected).render()
    assert "--format '{{.Names}}'" in html
    assert "{{ .Indented }}" in html
    assert "`{{.ID}}`" in html
    assert "a macro X." in html
    assert "{{ already raw }}" in html and "{% raw %}" not in html


def test_a_syntax_error_does_not_hide_the_pages_other_problems() -> None:
    """A syntax error sets its line aside and the page is read again, so one run names
    every problem; Go template code in running text is named as what it is."""
    page = (
        "# T\n\nSum: {{ 1 + }}\n\n{{ config }}\n\nNames: {{ .Names }}\n\n{{ nope() }}\n"
        "\n{{ run(x) }}\n\n{{ x y }}\n"
    )
    _, errors = read_calls(page, "docs/p.md")
    assert [(e.line, e.problem.split(" ")[0]) for e in sorted(errors, key=lambda e: e.line)] == [
        (3, "template"),
        (5, "{{"),
        (7, "Hugo"),
        (9, "{{"),
        (11, "{{"),
        (13, "template"),
    ]
    assert errors[0].fix == "Write a code span around it: `` `{{ .Names }}` ``"


def test_every_hugo_shortcode_is_named_with_what_to_write_instead() -> None:
    tabs = '{{< tabs >}}\n{{< tab name="CLI" >}}\nrun it\n{{< /tab >}}\n{{< /tabs >}}\n'
    page = "# T\n\n" + tabs * 5 + "{{% note %}}\nMind it.\n{{% /note %}}\n{{ nope() }}\n"
    _, errors = read_calls(page, "docs/p.md")
    hugo = [e for e in errors if e.problem.startswith("Hugo syntax, {{")]
    assert len(hugo) == 5 * 4 + 2  # every one, at its own line
    assert [e.line for e in hugo[:4]] == [3, 4, 6, 7]
    assert hugo[1].fix.startswith('Write content tabs: `=== "Title"`')
    assert hugo[-2].fix.startswith("Write an admonition: `!!! note`")
    assert hugo[2].fix == "Delete it: the closing shortcode goes with the opening one"
    assert not any("raw" in e.fix for e in hugo)  # a reader must never see them
    assert any("calls 'nope'" in e.problem for e in errors)  # the rest is still read
