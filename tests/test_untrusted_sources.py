"""A pull request cannot make the build read or publish what the site does not mean to
publish, on every engine: includes reaching out of the include folders, symbolic links
(committed and cloned, as git carries them), alias bombs and deep YAML. Each fails the
build at its file and line, before anything is written; no byte of a target reaches
site/."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support import build, copy_project
from tests.test_engines import ENGINES
from tests.test_yaml_guard import alias_bomb

pytestmark = pytest.mark.build
SECRET = "zz-build-secret-5a1f"  # in the build's environment
GIT_SECRET = "zz-git-config-secret-93c2"  # in the clone's .git/config


def _git(cwd: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)


def _published(site: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())


def _assert_nothing_published(project: Path, *markers: str) -> None:
    site = project / "site"
    assert not list(site.rglob("*.html")), "pages were written"
    text = _published(site)
    for marker in markers:
        assert marker not in text


def _clone_with(tmp_path: Path, links: dict[str, str]) -> Path:
    """The project as a pull request carries it: committed (ignored paths too), cloned."""
    origin = copy_project(tmp_path / "origin")
    for name, target in links.items():
        (origin / name).symlink_to(target)
    _git(origin, "init", "-q")
    _git(origin, "add", "-A")
    _git(origin, "add", "--force", *links)
    _git(origin, "commit", "-qm", "a pull request")
    _git(tmp_path, "clone", "-q", str(origin), "clone")
    return tmp_path / "clone"


LINKS = {
    "docs/assets/env.txt": "/proc/self/environ",
    "docs/assets/settings.txt": "../../mkdocs.yml",
    "docs/linux/passwd.md": "/etc/passwd",
    "data/captures/df-old.json": "../../.git/config",
    "overrides/partials/footer.html": "/etc/hostname",
}


@pytest.mark.parametrize("engine", ENGINES)
def test_committed_symbolic_links_fail_the_build_naming_path_and_target(
    tmp_path: Path, engine: str
) -> None:
    clone = _clone_with(tmp_path, LINKS)
    assert (clone / "docs" / "assets" / "env.txt").is_symlink()  # git carried the link
    _git(clone, "config", "studynotes.probe", GIT_SECRET)
    result = build(clone, clone / "site", env={"SECRET_TOKEN": SECRET}, engine=engine)
    assert result.returncode != 0
    for name, target in LINKS.items():
        assert f"{name}: a symbolic link to '{target}': the build would read" in result.log
    assert f"The symbolic-link check found {len(LINKS)} problems in {len(LINKS)} files." in (
        result.log
    ), result.log
    assert "Traceback" not in result.log
    passwd = Path("/etc/passwd").read_text().split("\n")[0]
    _assert_nothing_published(clone, SECRET, GIT_SECRET, "site_name:", passwd)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_committed_site_link_is_refused_before_the_engine_empties_it(
    tmp_path: Path, engine: str
) -> None:
    """Every engine empties its site folder first: 'site -> /' would wipe the machine."""
    machine = tmp_path / "machine"  # stands for the machine's files
    (machine / "etc").mkdir(parents=True)
    (machine / "etc" / "hosts").write_text("127.0.0.1 localhost\n")
    clone = _clone_with(tmp_path, {"site": str(machine)})
    result = build(clone, clone / "site", engine=engine)
    assert result.returncode != 0
    assert f"site: a symbolic link to '{machine}': the build would write into" in result.log
    assert "Traceback" not in result.log
    assert sorted(p.relative_to(machine).as_posix() for p in machine.rglob("*")) == [
        "etc",
        "etc/hosts",
    ]


INCLUDES = {
    10: '--8<-- "mkdocs.yml"',
    12: '--8<-- ".git/config"',
    14: '--8<-- "../../mkdocs.yml"',
    16: '--8<-- "https://example.com/notes.md"',
    18: "--8<--",  # a block: the next line is a file name
    19: "requirements.in",
}
NO_SECTION = '--8<-- "hello/Dockerfile:nosuch"'  # the extension raised: a traceback


@pytest.mark.parametrize("engine", ENGINES)
def test_includes_out_of_the_include_folders_and_unsafe_yaml_fail_in_one_report(
    tmp_path: Path, engine: str
) -> None:
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q")
    _git(project, "config", "studynotes.probe", GIT_SECRET)
    page = project / "docs" / "index.md"
    lines = page.read_text().split("\n")
    for number in sorted(INCLUDES):
        lines.insert(number - 1, INCLUDES[number])
    lines[19:19] = ["--8<--", "", NO_SECTION]  # line 22
    page.write_text("\n".join(lines))
    quiz = project / "data" / "quizzes" / "distros.yml"
    quiz.write_text(alias_bomb() + quiz.read_text())
    (project / "docs" / "brainstorm" / ".authors.yml").write_text("a: " + "[" * 100_000 + "\n")
    backups = project / "docs" / "linux" / "backups.md"
    backups.write_text(backups.read_text().replace("---\n", "---\ntitle: !ENV SECRET_TOKEN\n", 1))
    result = build(project, project / "site", env={"SECRET_TOKEN": SECRET}, engine=engine)
    assert result.returncode != 0
    for number in (10, 12, 14, 16, 19):
        assert f"docs/index.md:{number}: include refused: " in result.log, result.log
    assert "'https://example.com/notes.md' is a web address" in result.log
    assert "docs/index.md:22: include refused: 'hello/Dockerfile' marks no section" in result.log
    assert "data/quizzes/distros.yml:1: an anchor (&a0) in YAML" in result.log
    assert "docs/brainstorm/.authors.yml:1: YAML nested more than 32 levels deep" in result.log
    assert "docs/linux/backups.md:2: invalid YAML: could not determine a constructor" in result.log
    assert "Traceback" not in result.log and "Segmentation" not in result.log
    _assert_nothing_published(project, SECRET, GIT_SECRET, "site_name:")
