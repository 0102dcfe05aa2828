"""The generator as another course gets it: the built wheel, alone, makes and builds a site.

A fresh virtual environment holds the wheel built from this checkout and nothing of
the checkout itself (no editable install, no path to it). Tests never reach the
internet, so the wheel's dependencies are not downloaded: a ``.pth`` file lends the
environment the test environment's installed packages, and ``pip check`` proves
they satisfy the ranges the wheel declares. Then, from an empty folder, exactly what
the README says: ``studynotes new course``, and ``studynotes build --strict`` on
MkDocs, ProperDocs and Zensical; the site's own test command; a quiz answered in
Chromium, the review page, the exports and the site check.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from studynotes.engines import ENGINES as ENGINE_LIST
from tests.support import ROOT, serve

pytestmark = pytest.mark.build
ENGINES = list(ENGINE_LIST)
# Names of this course that the generator must not hold (issue 22: "no course").
COURSE_WORDS = ("w205", "Berkeley", "walk_directory_tree", "disk-space", "df_output", "df -h")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    python: Path
    studynotes: Path
    env: dict[str, str]

    def run(self, *args: str, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel built from this checkout, installed alone in a fresh environment."""
    base = tmp_path_factory.mktemp("generator")
    source = base / "source"  # a copy: building never writes into the checkout
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "site",
            ".cache",
            "*.egg-info",
            "build",
            "__pycache__",
            "node_modules",
            ".pytest_cache",
            ".ruff_cache",
        ),
    )
    wheels = base / "wheels"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--wheel-dir",
            str(wheels),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("studynotes-*.whl")
    environment = base / "env"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    purelib = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    # The test environment's packages (MkDocs, Material, the engines...), after the
    # new environment's own site-packages, where the wheel goes.
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", str(python)]
    done = subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env |= {"PATH": f"{environment / 'bin'}:{env.get('PATH', '')}", "NO_MKDOCS_2_WARNING": "1"}
    return Installed(wheel, python, environment / "bin" / "studynotes", env)


def test_the_wheel_holds_the_whole_generator_and_no_course(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = wheel.namelist()
        metadata = wheel.read(next(n for n in names if n.endswith("/METADATA"))).decode()
        entry_points = wheel.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
        texts = {
            n: wheel.read(n).decode("utf-8", "replace") for n in names if not n.endswith(".apkg")
        }
    for package in ("quiz", "live", "snippets", "sitecheck", "render", "engines"):
        assert f"studynotes/{package}/__init__.py" in names
    for asset in ("quiz.js", "quiz.css", "schedule.js", "study.js"):
        assert f"studynotes/browser/{asset}" in names
    assert "studynotes/new_site/dot-github/workflows/pages.yml" in names
    assert "studynotes/new_site/mkdocs.yml" in names
    assert re.search(r"^Requires-Dist: mkdocs<2,>=1\.6", metadata, re.M), metadata
    assert re.search(r"^Requires-Dist: pydantic<3,>=2\.14", metadata, re.M)
    assert "License-Expression: MIT" in metadata and "Start a site for your own course" in metadata
    assert "studynotes = studynotes.cli:main" in entry_points
    assert "[markdown.extensions]" in entry_points
    for name, text in texts.items():
        if name.startswith("studynotes/") or name.endswith("entry_points.txt"):
            found = [word for word in COURSE_WORDS if word in text]
            assert not found, f"{name} holds this course's {found}"


def test_the_environment_runs_the_wheel_not_the_checkout(
    installed: Installed, tmp_path: Path
) -> None:
    where = installed.run(
        installed.python, "-c", "import studynotes; print(studynotes.__file__)", cwd=tmp_path
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.python.parents[1])
    # The ranges the wheel declares hold for the pinned set it runs with here.
    check = installed.run(
        sys.executable, "-m", "pip", "--python", installed.python, "check", cwd=tmp_path
    )
    assert check.returncode == 0, check.stdout + check.stderr


def _readme_start() -> list[str]:
    """The commands of the README's "Start a site for your own course"."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Start a site for your own course", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_the_readme_start_commands_work(installed: Installed, tmp_path: Path) -> None:
    """Every command of the README's section, in order, from an empty folder (the
    wheel stands for `pip install`, and `serve` is started and stopped)."""
    commands = _readme_start()
    assert commands[0].startswith("pip install 'studynotes")
    where = tmp_path
    for command in commands[1:]:
        words = command.split()
        if words[0] == "cd":
            where = where / words[1]
        elif words[:2] == ["studynotes", "serve"]:
            _served(installed, where, words)
        else:
            assert words[0] == "studynotes", command
            done = installed.run(installed.studynotes, *words[1:], cwd=where)
            assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    assert (where / "site" / "quizzes" / "exports" / "study.json").is_file()


def _served(installed: Installed, where: Path, words: list[str]) -> None:
    """``studynotes serve`` answers with the home page, then is stopped."""
    import socket
    import time
    import urllib.request

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{free.getsockname()[1]}"
    server = subprocess.Popen(
        [installed.studynotes, *words[1:], "--dev-addr", address],
        cwd=where,
        env=installed.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"http://{address}/", timeout=2) as answer:
                    assert "Course notes" in answer.read().decode()
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("studynotes serve did not answer within a minute")
    finally:
        server.terminate()
        server.wait(timeout=30)
        # Stopping `studynotes serve` stops the server: nothing answers any more.
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://{address}/", timeout=1).close()
            except OSError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError(f"a server still answers on {address} after serve stopped")


@pytest.fixture(scope="module")
def course(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`studynotes new course` in an empty folder, as the README says."""
    empty = tmp_path_factory.mktemp("empty")
    done = installed.run(installed.studynotes, "new", "course", cwd=empty)
    assert done.returncode == 0, done.stdout + done.stderr
    return empty / "course"


def test_new_writes_the_layout_of_this_repository(course: Path) -> None:
    for part in (
        "mkdocs.yml",
        "docs",
        "data",
        "macros",
        "hooks",
        "tests",
        ".github",
        "README.md",
        "CONTRIBUTING.md",
    ):
        assert (course / part).exists(), part
    assert (course / ".github" / "workflows" / "pages.yml").is_file()
    assert "site_name: Course notes" in (course / "mkdocs.yml").read_text()
    readme = (course / "README.md").read_text()
    assert "make serve" in readme and "make test" in readme
    workflows = "\n".join(p.read_text() for p in (course / ".github" / "workflows").glob("*.yml"))
    uses = re.findall(r"uses: (\S+)", workflows)
    assert uses and all(re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses


def test_new_refuses_a_folder_that_is_not_empty(installed: Installed, course: Path) -> None:
    again = installed.run(installed.studynotes, "new", course.name, cwd=course.parent)
    assert again.returncode == 2
    assert (
        f"studynotes new: {course.name} is not empty: give a new folder, or add --force"
        in again.stderr
    )
    assert "Traceback" not in again.stderr


@pytest.fixture(scope="module")
def built(
    installed: Installed, course: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The new site built strict on each engine, each from its own copy."""
    sites = {}
    for engine in ENGINES:
        project = tmp_path_factory.mktemp(engine) / "course"
        shutil.copytree(course, project)
        done = installed.run(
            installed.studynotes, "build", "--strict", "--engine", engine, cwd=project
        )
        assert done.returncode == 0, f"{engine}:\n{done.stdout}\n{done.stderr}"
        assert "Site check: 10 pages" in done.stdout + done.stderr
        sites[engine] = project / "site"
    return sites


@pytest.mark.parametrize("engine", ENGINES)
def test_the_new_site_builds_with_live_output_quizzes_and_exports(
    built: dict[str, Path], engine: str
) -> None:
    site = built[engine]
    notes = (site / "notes" / "first-steps" / "index.html").read_text()
    assert re.search(r"Python 3\.\d+\.\d+", notes)  # python3 --version, run by the build
    assert "first-steps.md" in notes  # ls docs/notes
    review = (site / "quizzes" / "review" / "index.html").read_text()
    assert 'data-study="review"' in review
    bank = json.loads((site / "quizzes" / "exports" / "study.json").read_text())
    assert [quiz["id"] for quiz in bank["quizzes"]] == ["first-steps"]
    for export in ("first-steps.json", "first-steps.qti.zip", "first-steps.apkg"):
        assert (site / "quizzes" / "exports" / export).stat().st_size > 0
    assert (site / "assets" / "quiz" / "quiz.js").is_file()


def test_the_new_sites_own_tests_pass(installed: Installed, course: Path, tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(course, project)
    done = installed.run(
        installed.python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests",
        cwd=project,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


@pytest.mark.browser
def test_a_reader_answers_the_new_sites_quiz_and_reviews(built: dict[str, Path], page) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    answers = {  # question: (how it is answered, the answer)
        "first-steps-live-output": (
            "label",
            "The build ran the command and embedded what it printed",
        ),
        "first-steps-questions": ("fill", "4"),
    }
    with serve(built["mkdocs"]) as url:
        page.goto(url + "quizzes/first-steps/")
        page.wait_for_selector(".quiz[data-quiz-ready]")
        for question_id, (how, answer) in answers.items():
            question = page.locator(f"#q-{question_id}")
            if how == "fill":
                question.locator("input").fill(answer)
            else:
                question.get_by_label(answer).check()
            question.get_by_role("button", name="Check answer").click()
            expect(question.locator(".quiz__feedback")).to_have_text("\N{CHECK MARK} Correct.")
        expect(page.locator(".quiz__score")).to_contain_text("2 of 4 correct")
        page.goto(url + "quizzes/review/")
        expect(page.locator(".study__card")).to_be_visible()
        prompts = re.compile("Where does the output|Which file lists|Which of these|How many")
        expect(page.locator(".study__card")).to_contain_text(prompts)  # a question of the bank
