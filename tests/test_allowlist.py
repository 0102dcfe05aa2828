"""The allowlist refuses everything it does not name, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from studynotes.errors import SourceErrors
from studynotes.live import allowlist
from tests.support import ROOT

REAL = allowlist.load(ROOT / "data" / "commands.yml")


@pytest.mark.parametrize(
    "command",
    [
        "df -h",
        "df -k",
        "walk_directory_tree.py docs 3",
        "docker container run --rm busybox ls -l",
        "docker image inspect --format '{{.Os}}/{{.Architecture}}' busybox",
        "docker image build --tag notes-hello data/docker/hello",
    ],
)
def test_allowed_commands_are_approved(command: str) -> None:
    approved = allowlist.approve(command, REAL, ROOT)
    assert approved.command == command
    assert approved.argv[0] == command.split()[0]


@pytest.mark.parametrize("char", [";", "|", "&", "$(", ")", "`", "<", ">", "\n", "&&", "$HOME"])
def test_shell_syntax_is_refused(char: str) -> None:
    with pytest.raises(allowlist.Refused, match="without a shell"):
        allowlist.approve(f"df -h {char} echo hi", REAL, ROOT)


def test_unknown_program_is_refused() -> None:
    with pytest.raises(allowlist.Refused, match="'rm' is not an allowed program"):
        allowlist.approve("rm -rf docs", REAL, ROOT)


@pytest.mark.parametrize("path", ["..", "../etc", "/etc", "docs/../../x", "~/x"])
def test_path_outside_the_repository_is_refused(path: str) -> None:
    with pytest.raises(allowlist.Refused, match="outside the repository"):
        allowlist.approve(f"walk_directory_tree.py {path} 1", REAL, ROOT)


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        (".", "the repository root, which holds .git"),
        ("docs/..", "the repository root, which holds .git"),
        (".git", "hidden"),
        (".git/refs", "hidden"),
        ("docs/../.cache", "hidden"),
    ],
)
def test_the_root_and_hidden_folders_are_refused(path: str, problem: str) -> None:
    """Listing them would publish git metadata and the machine's caches."""
    with pytest.raises(allowlist.Refused, match=f"'{path}' is {problem}"):
        allowlist.approve(f"walk_directory_tree.py {path} 1", REAL, ROOT)


@pytest.mark.parametrize(
    "command",
    [
        "df --output=source",
        "walk_directory_tree.py docs 7",
        "docker container run --rm evil/miner",
        "docker container run --privileged busybox",
        "docker image build --tag x data",
    ],
)
def test_arguments_outside_the_forms_are_refused(command: str) -> None:
    with pytest.raises(allowlist.Refused, match="no form allowed"):
        allowlist.approve(command, REAL, ROOT)


def test_a_refusal_names_the_nearest_allowed_forms() -> None:
    with pytest.raises(allowlist.Refused) as refused:
        allowlist.approve("docker container run --rm -it busybox sh", REAL, ROOT)
    nearest = str(refused.value).split("the nearest allowed: ")[1].split("; ")
    assert len(nearest) == 3 and all(form.startswith("docker container run") for form in nearest)


def test_unbalanced_quote_is_refused() -> None:
    with pytest.raises(allowlist.Refused, match="cannot split"):
        allowlist.approve("docker image ls 'busybox", REAL, ROOT)


def test_malformed_allowlist_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "commands.yml"
    path.write_text("programs:\n  df:\n    executable: df\n    forms: []\n")
    with pytest.raises(SourceErrors) as caught:
        allowlist.load(path)
    assert f"{path}:4" in str(caught.value) and "forms" in str(caught.value)


def test_every_bad_allowlist_entry_is_named_at_once_and_yaml_booleans_explained(
    tmp_path: Path,
) -> None:
    path = tmp_path / "commands.yml"
    path.write_text(
        "programs:\n"
        "  yes-tool:\n    executable: yes\n    forms: [[yes-tool]]\n"
        "  df:\n    executable: df\n    forms: [[df]]\n    timeout: 0\n"
    )
    with pytest.raises(SourceErrors) as caught:
        allowlist.load(path)
    boolean, timeout = caught.value.errors
    assert (boolean.line, timeout.line) == (3, 8)
    assert "(got True)" in boolean.problem and "Quote it" in boolean.fix
    assert "programs.df.timeout" in timeout.problem and "(got 0)" in timeout.problem


def test_unknown_key_in_allowlist_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "commands.yml"
    path.write_text("programs:\n  df:\n    executable: df\n    forms: [[df]]\n    shell: true\n")
    with pytest.raises(SourceErrors, match=r"commands.yml:5: programs.df.shell"):
        allowlist.load(path)
