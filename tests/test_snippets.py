"""Runnable snippets: the fence convention, each kind of check, and the notes themselves."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest

from studynotes.snippets.checker import Checker, Report
from studynotes.snippets.fences import blocks
from studynotes.snippets.marks import read_snippets
from studynotes.snippets.strip import strip_marks
from tests.support import ROOT

FENCE = "```"


def page(tmp_path: Path, text: str, name: str = "page.md") -> Path:
    """A page inside a scratch repository that has the real allowlist."""
    (tmp_path / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "commands.yml", tmp_path / "data" / "commands.yml")
    (tmp_path / "studynotes").mkdir(exist_ok=True)
    path = tmp_path / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).replace("~~~", FENCE))
    return path


def check(tmp_path: Path, text: str) -> Report:
    path = page(tmp_path, text)
    return Checker(tmp_path).check_pages([path])


def only_failure(report: Report) -> str:
    assert len(report.failures) == 1, [str(f) for f in report.failures]
    return str(report.failures[0])


def docker_engine() -> bool:
    ok = (
        shutil.which("docker") is not None
        and subprocess.run(["docker", "info"], capture_output=True).returncode == 0
    )
    if not ok and os.environ.get("STUDYNOTES_REQUIRE_LIVE"):
        pytest.fail("STUDYNOTES_REQUIRE_LIVE is set but no Docker engine answers")
    return ok


def needs_docker(test: Callable[..., None]) -> Callable[..., None]:
    """Marked "docker"; skipped where no engine answers (a failure under REQUIRE_LIVE)."""
    skip = pytest.mark.skipif("not docker_engine()", reason="no Docker engine here")
    return pytest.mark.docker(skip(test))


# -- reading fences -------------------------------------------------------------------
def test_fences_inside_tabs_and_admonitions_keep_their_lines_and_options(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        """\
        # Title

        === "Tab"

            ~~~python title="a.py" check="run"
            print(1)
            ~~~

        !!! note
            ~~~bash illustrative="needs an AWS account"
            aws s3 ls
            ~~~
        """,
    )
    found, _ = blocks(path, tmp_path)
    assert [(b.line, b.language, b.options, b.source) for b in found] == [
        (5, "python", {"title": "a.py", "check": "run"}, "print(1)\n"),
        (10, "bash", {"illustrative": "needs an AWS account"}, "aws s3 ls\n"),
    ]


def test_triple_backticks_closed_on_their_line_are_inline_code_not_a_fence(
    tmp_path: Path,
) -> None:
    """``` docker run -it ``` in a list is inline code, as superfences renders it."""
    path = page(
        tmp_path,
        """\
        Steps:

        + ~~~ docker run -it --rm busybox sh ~~~ to get a shell

        ~~~bash illustrative="interactive"
        docker run -it busybox sh
        ~~~
        """,
    )
    found, _ = blocks(path, tmp_path)
    assert [(b.line, b.language, b.source) for b in found] == [
        (5, "bash", "docker run -it busybox sh\n"),
    ]


def test_strip_marks_leaves_what_superfences_understands() -> None:
    markdown = textwrap.dedent("""\
        ```python title="app.py" check="file"
        x = 1
        ```
            ```dockerfile check="serve" port="5000" response="Flask Dockerized"
            ```
        ```bash illustrative='needs an AWS account'
        ```
        """)
    assert strip_marks(markdown) == textwrap.dedent("""\
        ```python title="app.py"
        x = 1
        ```
            ```dockerfile
            ```
        ```bash
        ```
        """)


@pytest.mark.parametrize("with_extension", [True, False])
def test_the_markdown_extension_lets_superfences_render_marked_fences(
    with_extension: bool,
) -> None:
    """The extension every engine loads; without it the fence line would show as text."""
    text = '!!! note\n\n    ```python title="app.py" check="run"\n    print(1)\n    ```\n'
    extensions = ["admonition", "pymdownx.superfences", "pymdownx.highlight"]
    if with_extension:
        extensions.insert(0, "studynotes.markdown_extension")
    html = markdown.markdown(text, extensions=extensions)
    assert ("check=" not in html and "```" not in html) is with_extension, html
    assert ('<span class="filename">app.py</span>' in html) is with_extension


# -- the convention ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fence", "message"),
    [
        ("python", "page.md:2: this python block is neither runnable nor illustrative"),
        ('bash illustrative=""', "page.md:2: illustrative= needs a reason"),
        ('python check="serve"', 'page.md:2: check="serve" is not a check for python blocks'),
        ('text check="file"', 'page.md:2: check="file" needs title="NAME"'),
        ('dockerfile check="serve" response="x"', 'page.md:2: check="serve" needs port="N"'),
        ('python check="run" illustrative="why"', "page.md:2: has both check= and illustrative="),
        ('python check="run', "page.md:2: cannot read the fence's options"),
        ('text chekc="run"', "page.md:2: unknown fence option 'chekc'"),
    ],
)
def test_bad_marks_are_errors_at_their_line(tmp_path: Path, fence: str, message: str) -> None:
    path = page(tmp_path, f"Text\n~~~{fence}\nprint(1)\n~~~\n\n~~~{fence}\nprint(2)\n~~~\n")
    found, unreadable = blocks(path, tmp_path)
    _, malformed = read_snippets(found)
    errors = unreadable + malformed  # every bad fence of the page, not only the first
    expected = [f"docs/{message}".replace("page.md:2:", f"page.md:{n}:") for n in (2, 6)]
    assert len(errors) == 2, [str(e) for e in errors]
    for error, want in zip(errors, expected, strict=True):
        assert str(error).startswith(want)


def test_output_block_must_follow_a_run_block(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        """\
        ~~~bash illustrative="needs a cluster"
        hdfs dfs -ls
        ~~~

        ~~~text check="output"
        Found 1 items
        ~~~
        """,
    )
    assert 'docs/page.md:5: a check="output" block must come right after' in only_failure(report)


def test_every_bad_mark_of_a_page_is_reported_in_one_run(tmp_path: Path) -> None:
    """Three unmarked blocks and a bad option: four problems at once; the good block still runs."""
    report = check(
        tmp_path,
        """\
        ~~~bash
        ls
        ~~~

        ~~~python
        print(1)
        ~~~

        ~~~python check="fail"
        print("exits 0, so this fails")
        ~~~

        ~~~yaml
        a: 1
        ~~~

        ~~~bash chek="run"
        df -h
        ~~~
        """,
    )
    failures = sorted(report.failures, key=lambda failure: failure.line)
    found = [str(failure).split("\n")[0] for failure in failures]
    assert [failure.line for failure in failures] == [1, 5, 9, 13, 17], found
    assert "unknown fence option 'chek'" in "\n".join(found)
    assert 'marked check="fail" but exited with status 0' in "\n".join(found)


# -- Python ---------------------------------------------------------------------------------
def test_the_sources_broken_import_fails_with_file_line_and_output(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        """\
        The slides' app:

        ~~~python title="app.py" check="run"
        From flask import Flask
        ~~~
        """,
    )
    message = only_failure(report)
    assert message.startswith("docs/page.md:3: exited with status 1")
    assert "command: python app.py" in message
    assert "SyntaxError: invalid syntax" in message


def test_a_failure_shown_on_purpose_passes_when_marked_fail(tmp_path: Path) -> None:
    report = check(tmp_path, '~~~python check="fail"\nFrom flask import Flask\n~~~\n')
    assert report.ok and report.counts[("python", "fail")] == 1


def test_python_runs_in_an_empty_temporary_folder_without_secrets(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "hunter2")
    report = check(
        tmp_path,
        """\
        ~~~python check="run"
        import os, pathlib
        print(sorted(p.name for p in pathlib.Path.cwd().iterdir()))
        print(os.environ.get("AWS_SECRET_ACCESS_KEY"))
        ~~~

        ~~~text check="output"
        ['snippet.py']
        None
        ~~~
        """,
    )
    assert report.ok, [str(f) for f in report.failures]


def test_expected_output_is_compared_with_a_diff(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        """\
        ~~~python check="run"
        print("big 2")
        print("data 3")
        ~~~

        ~~~text check="output"
        big 2
        data 2
        ~~~
        """,
    )
    message = only_failure(report)
    assert "docs/page.md:1: printed something other than the expected output" in message
    assert "-data 2" in message and "+data 3" in message


def test_ellipsis_in_expected_output_matches_anything(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        """\
        ~~~python check="run"
        import random
        print("id", random.random())
        ~~~
        ~~~text check="output"
        id ...
        ~~~
        """,
    )
    assert report.ok, [str(f) for f in report.failures]


def test_a_hanging_block_is_killed_at_its_timeout(tmp_path: Path) -> None:
    report = check(tmp_path, '~~~python check="run" timeout="1"\nwhile True: pass\n~~~\n')
    assert "docs/page.md:1: killed at its timeout of 1 s" in only_failure(report)


# -- shell ------------------------------------------------------------------------------------
def test_shell_runs_allowed_commands(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        """\
        ~~~bash check="run"
        # comments and blank lines are fine
        df -h    # sizes in K, M, G

        ~~~
        ~~~text check="output"
        Filesystem ...
        ~~~
        """,
    )
    assert report.ok, [str(f) for f in report.failures]


@pytest.mark.parametrize(
    ("command", "why", "fix"),
    [
        ("df -h | sort", "'|' is a pipe", 'mark it check="syntax"'),
        ("cd app", "'cd' is not an allowed program", 'mark it check="syntax"'),
        ("export NAME=x", "'export' is not an allowed program", 'mark it check="syntax"'),
        ("rm -rf /tmp/x", "'rm' is not an allowed program", "data/commands.yml"),
        ("df -h /etc", "'/etc' is outside the repository", "data/commands.yml"),
    ],
)
def test_shell_refuses_what_the_allowlist_does_not_allow(
    tmp_path: Path, command: str, why: str, fix: str
) -> None:
    report = check(tmp_path, f'Intro\n\n~~~bash check="run"\ndf -h\n{command}\n~~~\n')
    message = only_failure(report)
    assert message.startswith(f"docs/page.md:5: '{command}' may not run: {why}")
    assert fix in message.split("fix: ")[1]


# -- YAML ---------------------------------------------------------------------------------------
def test_yaml_syntax_error_names_the_page_line(tmp_path: Path) -> None:
    report = check(tmp_path, 'Intro\n\n~~~yaml check="yaml"\na: 1\nb: [\n~~~\n')
    assert only_failure(report).startswith("docs/page.md:6: invalid YAML")


def test_compose_file_is_checked_against_the_compose_spec(tmp_path: Path) -> None:
    good = check(
        tmp_path,
        """\
        ~~~yaml check="compose"
        services:
          web:
            image: nginx:latest
            ports:
              - "8080:80"
        ~~~
        """,
    )
    assert good.ok, [str(f) for f in good.failures]
    bad = check(
        tmp_path,
        """\
        ~~~yaml check="compose"
        services:
          web:
            image: nginx:latest
            port:
              - "8080:80"
        ~~~
        """,
    )
    message = only_failure(bad)
    assert message.startswith("docs/page.md:3: is not a valid Compose file")
    assert "'port'" in message


def test_several_kubernetes_documents_parse(tmp_path: Path) -> None:
    report = check(tmp_path, '~~~yaml check="yaml"\nkind: A\n---\nkind: B\n~~~\n')
    assert report.ok and report.counts[("yaml", "yaml")] == 1


# -- Docker ----------------------------------------------------------------------
@needs_docker
def test_dockerfile_is_built_run_and_compared(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        """\
        ~~~text title="greeting.txt" check="file"
        hello from a file
        ~~~

        ~~~dockerfile check="run"
        FROM busybox
        COPY greeting.txt /
        CMD ["cat", "/greeting.txt"]
        ~~~

        ~~~text check="output"
        hello from a file
        ~~~
        """,
    )
    assert report.ok, [str(f) for f in report.failures]


@needs_docker
def test_a_dockerfile_that_does_not_build_names_page_line_and_output(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        'Intro\n\n~~~dockerfile check="build"\nFROM busybox\n'
        "RUN echo about to fail && false\n~~~\n",
    )
    message = only_failure(report)
    assert message.startswith("docs/page.md:3: does not build")
    assert "about to fail" in message
    # The failed step's container is not left behind (other tests' may run meanwhile).
    assert not [c for c in containers() if "about to fail" in c]


@needs_docker
def test_a_base_image_that_cannot_be_pulled_is_blamed_on_the_network_not_the_dockerfile(
    tmp_path: Path,
) -> None:
    """registry.invalid never resolves (RFC 2606), on any machine."""
    report = check(
        tmp_path,
        'Intro\n\n~~~dockerfile check="build"\n# a comment\n'
        "FROM registry.invalid/python:3.12\nRUN true\n~~~\n",
    )
    message = only_failure(report)
    assert message.startswith(
        "docs/page.md:5: the base image 'registry.invalid/python:3.12' cannot be pulled"
    )
    assert "busybox:latest" in message  # the images that are here, as the way out
    assert 'illustrative="needs registry.invalid/python:3.12 from a registry"' in message


def containers() -> set[str]:
    """Every container's id and command."""
    listed = subprocess.run(
        ["docker", "container", "ls", "--all", "--no-trunc", "--format", "{{.ID}} {{.Command}}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(listed.stdout.splitlines())


@needs_docker
def test_served_app_answers_on_loopback_and_is_removed(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        """\
        ~~~dockerfile check="serve" port="8080" response="hi from httpd"
        FROM busybox
        RUN mkdir /www && echo "hi from httpd" > /www/index.html
        CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
        ~~~
        """,
    )
    assert report.ok, [str(f) for f in report.failures]
    left = subprocess.run(
        ["docker", "container", "ls", "-a", "--format", "{{.Image}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "studynotes-snippet/" not in left
    wrong = check(
        tmp_path,
        """\
        ~~~dockerfile check="serve" port="8080" response="something else"
        FROM busybox
        RUN mkdir /www && echo "hi from httpd" > /www/index.html
        CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
        ~~~
        """,
    )
    assert "returned 'hi from httpd', not 'something else'" in only_failure(wrong)


# -- the notes ----------------------------------------------------------------------
@pytest.mark.snippets
@pytest.mark.docker
def test_every_snippet_in_the_notes_passes() -> None:
    """`make snippets` as CI runs it: the command, over docs/, with progress and counts."""
    docker_engine()  # under STUDYNOTES_REQUIRE_LIVE, no engine is a failure, not a skip
    done = subprocess.run(
        [sys.executable, "-m", "studynotes", "snippets"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-6000:]
    assert "[1/" in done.stdout and "(0 left)" in done.stdout
    assert "The snippet check found no problems." in done.stdout
    for family in ("python", "shell", "dockerfile", "yaml"):
        assert f"\n  {family} " in done.stdout


def test_marks_are_removed_and_every_fence_renders(site_build) -> None:
    """A mark left on a fence would make superfences print the fence line as text."""
    for html in site_build.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "```" not in text, html
        assert not re.search(r'illustrative="|[\s`]check="', text), html
    flask = (site_build.site / "containers" / "flask-exercise" / "index.html").read_text()
    assert flask.count('<span class="filename">app.py</span>') == 2  # the app and the typo


def test_scripts_that_cannot_run_here_get_a_syntax_check(tmp_path: Path) -> None:
    good = check(tmp_path, '~~~bash check="syntax"\nfor f in *; do\n  echo "$f"\ndone\n~~~\n')
    assert good.ok and good.counts[("shell", "syntax")] == 1
    bad = check(
        tmp_path,
        'Intro\n\n~~~bash check="syntax"\necho start\nif true; then\n  echo never closed\n~~~\n',
    )
    message = only_failure(bad)
    assert message.startswith("docs/page.md:") and "is not valid bash syntax" in message
    assert "command: bash -n snippet.sh" in message
