"""The engine matrix: one mkdocs.yml built by MkDocs, ProperDocs and Zensical, same promises.

Each engine builds a copy of the real project strict (Zensical through
``python -m studynotes.build``, which checks before and finishes after it). The
differences that remain are the engines' own and are tested as such at the end.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from studynotes import assets, diagrams, offline, scaffold
from studynotes.engines import ENGINES as ENGINE_LIST
from studynotes.quiz import study
from studynotes.quiz.urls import AS_WRITTEN
from studynotes.sitecheck.scan import scan
from tests.support import (
    ROOT,
    Build,
    build,
    built_page,
    copy_project,
    nav_pages,
    read_config,
    serve,
)
from tests.test_browser import WIDE_CODE, untabbable_wide_code
from tests.test_page_check import EXPECTED, PASTED

pytestmark = pytest.mark.build
ENGINES = list(ENGINE_LIST)
# Code with Go-template braces, unprotected by the page: it must stay text everywhere.
LITERAL_CODE = "\nFormat with `docker ps --format {{.Names}}`:\n\n```text\n{{ .ID }}\n```\n"
# A diagram `make diagrams` has not drawn: the page falls back to Mermaid in the browser.
NEW_DIAGRAM = "\n```mermaid\ngraph LR\n  Drawn --> Later\n```\n"
# Template code a pull request could carry, and what the build must say of it.
HOSTILE = {
    "os-popen": ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', "is not a macro call"),
    "subclasses": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "is not a macro call"),
    "config": ("{{ config }}", "is not a macro call"),
    "environment": ("{{ environment }}", "is not a macro call"),
    "unknown-macro": (
        '{{ rn("df -h") }}',
        "calls 'rn', which is not a macro\n  fix: Did you mean run()?",
    ),
}


def _project(tmp: Path) -> Path:
    project = copy_project(tmp / "project")
    page = project / "docs" / "linux" / "distros.md"
    page.write_text(page.read_text() + LITERAL_CODE + NEW_DIAGRAM)
    return project


@pytest.fixture(scope="module", params=ENGINES)
def engine_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = _project(tmp_path_factory.mktemp(request.param))
    return build(project, project / "site", engine=request.param)


def test_every_nav_page_builds_strict_and_the_site_check_passes(engine_build: Build) -> None:
    assert engine_build.returncode == 0, engine_build.log
    assert "Site check: " in engine_build.log and ", no problems" in engine_build.log
    for src in nav_pages():
        assert built_page(engine_build.site, src).is_file(), src


def test_live_output_quizzes_and_exports_are_there(engine_build: Build) -> None:
    disk = built_page(engine_build.site, "linux/disk-space.md").read_text()
    assert 'class="live-caption"' in disk and "Filesystem" in disk
    quiz = built_page(engine_build.site, "quizzes/distros.md").read_text()
    assert 'data-quiz="distros"' in quiz
    exports = engine_build.site / "quizzes" / "exports"
    assert {path.suffix for path in exports.iterdir()} >= {".json", ".zip", ".apkg"}


def test_study_bank_matches_the_quiz_pages_and_scripts_ship_minified(
    engine_build: Build,
) -> None:
    """The bank is written after the engine (by ``Site.finish``), from the same quiz data
    the pages were rendered from: every question, at the version its quiz page shows,
    linking to pages that exist; the quiz scripts readers get are the minified ones."""
    where = AS_WRITTEN.export(study.BANK)  # the default settings' exports folder
    bank = json.loads((engine_build.site / where).read_text())
    versions = {q["id"]: q["v"] for quiz in bank["quizzes"] for q in quiz["questions"]}
    on_pages: dict[str, str] = {}
    for quiz in bank["quizzes"]:
        page = (engine_build.site / posixpath.dirname(where) / quiz["url"]).resolve()
        html = BeautifulSoup((page / "index.html").read_text(), "html.parser")
        on_pages |= {
            f["data-question"]: f["data-version"] for f in html.select("form[data-version]")
        }
    assert on_pages == versions and len(versions) > 140
    for name in ("review", "progress"):
        page = built_page(engine_build.site, f"quizzes/{name}.md").read_text()
        assert f'data-study="{name}"' in page and "assets/quiz/study.js" in page
    for source in assets.sources(ROOT / "docs"):
        built = engine_build.site / source.relative_to(ROOT / "docs")
        assert built.read_text() == assets.MINIFIERS[source.suffix](source.read_text()), built
    for relative, text in assets.bundled(Path(AS_WRITTEN.assets)).items():  # the package's
        assert (engine_build.site / relative).read_text() == text, relative


def test_no_mark_and_no_template_code_reaches_a_page(engine_build: Build) -> None:
    for html in engine_build.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "```" not in text and 'illustrative="' not in text, html
        assert "{% raw %}" not in text and "Macro Rendering Error" not in text, html
    distros = built_page(engine_build.site, "linux/distros.md").read_text()
    assert "{{.Names}}" in distros and "{{ .ID }}" in distros  # code stayed literal


def test_diagrams_ship_drawn_and_a_new_one_is_drawn_in_the_browser(engine_build: Build) -> None:
    basics = built_page(engine_build.site, "containers/docker-basics.md").read_text()
    assert '<template shadowrootmode="open"><svg id="diagram-' in basics
    assert "Docker daemon" in basics and "mermaid.min.js" not in basics
    assert '<pre class="mermaid"' not in basics
    distros = built_page(engine_build.site, "linux/distros.md").read_text()
    assert distros.count("shadowrootmode") == 1  # the page's own diagram, drawn
    assert '<pre class="mermaid"><code>graph LR' in distros and "Drawn --&gt; Later" in distros
    assert "assets/javascripts/vendor/mermaid.min.js" in distros


@pytest.mark.browser
def test_wide_code_blocks_scroll_from_the_keyboard_before_they_are_in_view(
    engine_build: Build, page: Page
) -> None:
    """The theme sets code blocks up lazily (content.lazy); the site's own script makes
    the wide ones focusable at once, whichever engine built the page."""
    page.set_viewport_size({"width": 375, "height": 700})
    with serve(engine_build.site) as url:
        page.goto(url + "containers/docker-basics/")
        assert untabbable_wide_code(page) == []
        below = f"{WIDE_CODE}.filter(c => c.getBoundingClientRect().top > 700).length"
        assert page.evaluate(below) > 0  # still out of view: the script did it, not the theme


def test_pages_load_nothing_from_a_third_party(engine_build: Build) -> None:
    """Scripts, stylesheets and fonts come from the site; no GitHub API call is set up.
    (tests/test_browser.py watches the requests of the MkDocs site in Chromium.)"""
    for html in engine_build.site.rglob("*.html"):
        page = scan(html.read_text(encoding="utf-8"))
        loaded = [
            link.url
            for link in page.links
            if link.tag in ("script", "link", "img", "source") and "//" in link.url
        ]
        own = (read_config(ROOT / "mkdocs.yml")["site_url"], "http://127.0.0.1", "/")
        outside = [url for url in loaded if not url.startswith(own)]  # not the canonical link
        assert not outside, (html, outside)
        assert 'data-md-component="source"' not in html.read_text(encoding="utf-8"), html


def test_the_same_pages_and_anchors_as_mkdocs(engine_build: Build, site_build: Build) -> None:
    """Every heading id (explicit ones included) and element id of the content, page by page.

    Ids starting with ``__`` are the theme's (Zensical's adds ``__skip``; each numbers
    code lines, and df's output is as long as this machine's mount list).
    """
    built = {p.relative_to(engine_build.site) for p in engine_build.site.rglob("*.html")}
    assert built == {p.relative_to(site_build.site) for p in site_build.site.rglob("*.html")}
    for src in nav_pages():
        ids = [
            {i for i in scan(built_page(b.site, src).read_text()).ids if not i.startswith("__")}
            for b in (engine_build, site_build)
        ]
        assert ids[0] == ids[1], (src, ids[0] ^ ids[1])


def test_brainstorm_posts_are_dated_and_searchable(engine_build: Build) -> None:
    post = engine_build.site / "brainstorm" / "2020" / "05" / "07" / "dask-and-ray" / "index.html"
    assert '<time datetime="2020-05-07' in post.read_text()
    search = engine_build.site / "search" / "search_index.json"
    if engine_build.engine == "zensical":
        search = engine_build.site / "search.json"  # Zensical's own search index
    entries = json.loads(search.read_text())
    entries = entries.get("docs") or entries.get("items")
    assert any("brainstorm/2020/05/07/dask-and-ray" in e["location"] for e in entries)


def test_last_update_dates_come_from_git_except_on_zensical(engine_build: Build) -> None:
    """Zensical 0.0.73 has no git-revision-date-localized: its pages show no date."""
    page = built_page(engine_build.site, "linux/distros.md").read_text()
    dated = "git-revision-date-localized-plugin-date" in page
    assert dated is (engine_build.engine != "zensical")


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_template_code_is_refused_at_its_line(tmp_path: Path, engine: str) -> None:
    """Every construct of HOSTILE on one page, each named at its line in one build."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    lines = page.read_text().splitlines()
    at = {code: 10 + 2 * index for index, code in enumerate(code for code, _ in HOSTILE.values())}
    for code, line in at.items():  # lines 10, 12, ... of the file, front matter included
        lines[line - 1 : line - 1] = [code, ""]
    page.write_text("\n".join(lines) + "\n")
    result = build(project, project / "site", engine=engine)
    assert result.returncode != 0
    for code, problem in HOSTILE.values():
        assert f"docs/index.md:{at[code]}: {code} {problem}" in result.log, result.log
    assert "Traceback" not in result.log and "uid=" not in result.log
    built = [p.read_text(errors="replace") for p in (project / "site").rglob("*.html")]
    assert not any("uid=" in text for text in built)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_pasted_page_gets_every_problem_in_one_build(tmp_path: Path, engine: str) -> None:
    """The page check, the nav and the allowlist report together, before anything renders
    (Zensical itself says nothing of a page missing from the nav)."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "linux" / "pasted.md").write_text(PASTED)
    result = build(project, project / "site", engine=engine)
    assert result.returncode != 0
    also = [
        (1, "this page credits no source"),
        (1, "this page is not in the navigation"),
        (25, "command 'rm -rf /' refused"),
    ]
    for line, problem in [*EXPECTED, *also]:
        assert f"docs/linux/pasted.md:{line}: {problem}" in result.log, result.log
    assert "The page check found 11 problems in 1 file." in result.log
    assert "Traceback" not in result.log


@pytest.mark.parametrize("engine", ENGINES)
def test_a_drawing_with_a_script_stops_the_build_at_its_diagram(
    tmp_path: Path, engine: str
) -> None:
    """A pull request can change data/diagrams/, whose files go into pages as they are."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "containers" / "docker-basics.md"
    diagram = next(d for d in diagrams.in_pages(page.parent) if d.page == page)
    drawing = project / diagrams.STORE / f"{diagram.key}.svg"
    drawing.write_text(drawing.read_text().replace("</svg>", "<script>alert(1)</script></svg>"))
    result = build(project, project / "site", engine=engine)
    assert result.returncode != 0
    assert (
        f"docs/containers/docker-basics.md:{diagram.line}: the drawing of this diagram, "
        f"data/diagrams/{diagram.key}.svg, holds a <script> element"
    ) in result.log, result.log
    assert f"fix: Delete data/diagrams/{diagram.key}.svg and run 'make diagrams'" in result.log
    assert "Traceback" not in result.log
    built = [p.read_text() for p in (project / "site").rglob("*.html")]
    assert not any("alert(1)" in text for text in built)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_script_that_is_not_es5_stops_the_build_before_any_page(
    tmp_path: Path, engine: str
) -> None:
    """The build minifies the project's scripts with an ES5 parser; a newer one is a
    source problem at its line, found before the engine renders anything."""
    project = copy_project(tmp_path / "project")
    script = project / "docs" / "assets" / "javascripts" / "code-focus.js"
    lines = script.read_text().splitlines()
    lines.insert(5, "  const late = () => 1;")
    script.write_text("\n".join(lines) + "\n")
    result = build(project, project / "site", engine=engine)
    assert result.returncode != 0
    assert "docs/assets/javascripts/code-focus.js:6: Unexpected" in result.log, result.log
    assert "fix: Write the script in ES5 (var and function, no let, const" in result.log
    assert "Traceback" not in result.log
    assert not list((project / "site").rglob("*.html"))


LIMITS = """
  sleep:
    executable: sleep
    timeout: 1
    forms: [[sleep, "{int}"]]
  "yes":
    executable: "yes"
    max_output: 100
    forms: [["yes"]]
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_live_commands_past_their_limits_fail_the_build_without_a_traceback(
    tmp_path: Path, engine: str
) -> None:
    project = copy_project(tmp_path / "project")
    allowlist = project / "data" / "commands.yml"
    allowlist.write_text(allowlist.read_text().replace("\nprograms:\n", "\nprograms:" + LIMITS, 1))
    page = project / "docs" / "linux" / "distros.md"
    lines = page.read_text().split("\n")
    at = len(lines)
    page.write_text("\n".join(lines) + '\n{{ run("sleep 30") }}\n\n{{ run("yes") }}\n')
    result = build(project, project / "site", engine=engine)
    assert result.returncode != 0
    timeout = f"docs/linux/distros.md:{at + 1}: 'sleep 30' was killed at its timeout of 1 s"
    cap = f"docs/linux/distros.md:{at + 3}: 'yes' passed the output cap of 100 bytes"
    assert timeout in result.log and cap in result.log, result.log
    assert "fix: Run a form that prints less, or raise max_output of 'yes'" in result.log
    assert "The live output check found 2 problems in 1 file." in result.log
    assert "Traceback" not in result.log
    assert result.log.count("| y") <= 7  # first and last lines, not the flood


BAD_DATA = {
    # A quiz question of no known type.
    "quiz": (
        "data/quizzes/distros.yml",
        lambda text: text.replace("type: single", "type: essay", 1),
        "data/quizzes/distros.yml:",
        "The source check found 1 problem in 1 file.",
    ),
    # `executable: yes` is a YAML boolean, not the program named yes.
    "allowlist": (
        "data/commands.yml",
        lambda text: text.replace("    executable: df\n", "    executable: yes\n", 1),
        "data/commands.yml:",
        "YAML reads an unquoted true, yes, no, on or off as true/false",
    ),
    # A script that mkdocs.yml lists and docs/ does not have: every page would ask for it.
    "listed-script": (
        "mkdocs.yml",
        lambda text: text.replace("code-focus.js", "code-focs.js"),
        "mkdocs.yml:",
        "fix: Did you mean 'assets/javascripts/code-focus.js'? Write its path relative to",
    ),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("path", "edit", "where", "message"), BAD_DATA.values(), ids=BAD_DATA)
def test_bad_data_files_fail_the_build_at_their_line_without_a_traceback(
    tmp_path: Path, engine: str, path: str, edit: Any, where: str, message: str
) -> None:
    project = copy_project(tmp_path / "project")
    data = project / path
    data.write_text(edit(data.read_text()))
    result = build(project, project / "site", engine=engine)
    assert result.returncode != 0
    assert where in result.log and message in result.log, result.log
    assert "Traceback" not in result.log
    assert not list((project / "site").rglob("*.html"))  # found before any page renders


# Runs `python -m studynotes.build` counting the Sites made: Zensical's macros adapter asks
# for one on every page, and must get the one the build checked (Site.shared).
_COUNTING_SITES = """
import atexit, runpy, sys
from studynotes import site
made = []
make = site.Site.__init__
site.Site.__init__ = lambda self, options: (made.append(options), make(self, options))[1]
atexit.register(lambda: print("Sites made:", len(made)))
sys.argv = ["studynotes.build", "--strict"]
runpy.run_module("studynotes.build", run_name="__main__", alter_sys=True)
"""


def test_zensical_builds_in_the_checking_process_with_one_site(tmp_path: Path) -> None:
    """The pages are checked once: the Zensical build runs in studynotes.build's process,
    and its macros adapter gets the Site made there (no second one for the pages)."""
    project = tmp_path / "course"
    scaffold.write(project)
    done = subprocess.run(
        [sys.executable, "-c", _COUNTING_SITES],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Site check: " in done.stdout and ", no problems" in done.stdout
    assert "Sites made: 1" in done.stdout


def test_the_offline_copy_lists_every_page_and_every_page_registers_it(
    engine_build: Build,
) -> None:
    worker = (engine_build.site / offline.WORKER).read_text()
    files = json.loads(worker.split("\n", 1)[0].removeprefix("var FILES=").removesuffix(";"))
    for src in nav_pages():
        built = built_page(engine_build.site, src)
        address = built.relative_to(engine_build.site).as_posix().removesuffix("index.html")
        assert files[address] == offline.digest(built), src
        assert "navigator.serviceWorker.register(" in built.read_text(), src
    assert "assets/quiz/exam.js" in files and "quizzes/exports/study.json" in files
    assert not [name for name in files if name.endswith(".map")]
    exam = built_page(engine_build.site, "quizzes/exam.md").read_text()
    assert 'data-study="exam"' in exam and "assets/quiz/exam.js" in exam


@pytest.mark.browser
def test_offline_after_one_visit_review_and_an_exam_work_on_every_engine(
    engine_build: Build, browser: Browser
) -> None:
    context = browser.new_context()
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    try:
        with serve(engine_build.site) as url:
            page = context.new_page()
            page.goto(url)
            page.evaluate("navigator.serviceWorker.ready.then(() => undefined)")
            page.wait_for_function("navigator.serviceWorker.controller !== null")
            context.set_offline(True)
            page.goto(url + "containers/docker-basics/")
            expect(page.locator("article h1").first).to_contain_text("Docker")
            # Material's search box, or Zensical's search button and dialog.
            page.locator("input.md-search__input, .md-search__button").first.click()
            page.keyboard.type("Raspbian", delay=20)
            expect(page.locator("mark", has_text="Raspbian").first).to_be_visible()
            page.goto(url + "quizzes/review/")  # its question bank, by the widget's address
            expect(page.locator(".study__card form")).to_have_count(1)
            page.goto(url + "quizzes/exam/")
            page.get_by_label("Number of questions").fill("3")
            page.get_by_role("button", name="Start the exam").click()
            expect(page.locator(".exam__questions form")).to_have_count(3)
            page.get_by_role("button", name="Submit the exam").click()
            page.get_by_role("button", name="Submit now").click()
            expect(page.locator(".exam__score")).to_have_text("Your score: 0 of 3 (0%)")
    finally:
        context.close()
