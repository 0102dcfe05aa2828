"""The pages with live output build, and their HTML holds the commands' real output."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import df_output as df
from macros import walk_directory_tree
from tests.support import ROOT, Build, build, copy_project


def _blocks(site: Path, page: str) -> dict[str, tuple[str, str]]:
    """Console blocks of a built page: command -> (output, caption text)."""
    soup = BeautifulSoup((site / page / "index.html").read_text(), "html.parser")
    blocks = {}
    for code in soup.select("div.language-console code"):
        text = code.get_text()
        first, _, output = text.partition("\n")
        caption = code.find_parent("div").find_next_sibling("p", class_="live-caption")
        blocks[first.removeprefix("$ ")] = (output, caption.get_text(" ", strip=True))
    return blocks


def _docker_available() -> bool:
    return (
        shutil.which("docker") is not None
        and subprocess.run(["docker", "info"], capture_output=True).returncode == 0
    )


def test_df_block_and_table_match_df_run_now(site_build: Build) -> None:
    output, caption = _blocks(site_build.site, "linux/disk-space")["df -h"]
    assert caption.startswith("Live output of this build")
    now = subprocess.run(
        ["df", "-h"], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C.UTF-8"}
    ).stdout
    built, current = df.parse(output), df.parse(now)
    # Disks, not pseudo mounts: a container running in another test adds an overlay.
    disks = [fs.mount for fs in df.real_disks(built)]
    assert disks == [fs.mount for fs in df.real_disks(current)]
    assert df.root(built).size_bytes == df.root(current).size_bytes
    soup = BeautifulSoup(
        (site_build.site / "linux/disk-space/index.html").read_text(), "html.parser"
    )
    table = soup.select_one(".df-usage table")
    assert table is not None
    mounts = [td.get_text() for td in table.select("tbody tr td:nth-of-type(2)")]
    assert mounts == disks  # tmpfs and co. left out
    assert table.select_one("svg[role=img][aria-label]") is not None


def test_walk_directory_tree_output_is_the_scripts_own(site_build: Build) -> None:
    blocks = _blocks(site_build.site, "linux/disk-space")
    cwd = Path.cwd()
    os.chdir(ROOT)  # the build ran it from the repository root, with relative paths
    try:
        expected = walk_directory_tree.report(Path("docs/linux"), 6)
    finally:
        os.chdir(cwd)
    assert blocks["walk_directory_tree.py docs/linux 6"][0].rstrip("\n") == expected.rstrip("\n")
    usage, _ = blocks["walk_directory_tree.py"]
    assert "option 6: print files and sizes sorted descending" in usage
    assert "[exit status 2]" in usage
    assert re.search(r"^\s*\S+\s+docs$", blocks["walk_directory_tree.py docs 3"][0], re.M)


@pytest.mark.docker
def test_docker_output_is_live_and_real(site_build: Build) -> None:
    blocks = _blocks(site_build.site, "containers/docker-basics")
    blocks |= _blocks(site_build.site, "containers/dockerfiles")
    blocks |= _blocks(site_build.site, "containers/networking")
    if not _docker_available():
        if os.environ.get("STUDYNOTES_REQUIRE_LIVE"):
            pytest.fail("STUDYNOTES_REQUIRE_LIVE is set but no Docker engine answers")
        assert all("Recorded output" in caption for _, caption in blocks.values())
        pytest.skip("no Docker engine here: the pages show recorded captures (checked above)")
    for command, (_, caption) in blocks.items():
        assert caption.startswith("Live output"), command
    networks = subprocess.run(
        ["docker", "network", "ls", "--format", "{{.ID}} {{.Name}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    shown = blocks["docker network ls"][0]
    for line in filter(None, networks):
        network_id, name = line.split()
        assert re.search(rf"^{network_id}\s+{name}\s", shown, re.M), (line, shown)
    hostname = blocks["docker container run --name notes-hostname busybox hostname"][0].strip()
    assert re.fullmatch(r"[0-9a-f]{12}", hostname)
    assert hostname in blocks["docker container ls -a"][0]  # the same container, listed
    assert "Server:" in blocks["docker version"][0]
    assert "Hello from a two-line Dockerfile" in blocks["docker container run --rm notes-hello"][0]
    assert (
        "Successfully tagged notes-hello:latest"
        in blocks["docker image build --tag notes-hello data/docker/hello"][0]
    )
    listing = blocks["docker container run --rm busybox ls -l"][0]
    assert {"bin", "etc", "proc"} <= set(re.findall(r"(\w+)$", listing, re.M))


@pytest.mark.build
def test_refused_command_fails_the_build_naming_page_line_and_allowlist(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "index.md"
    lines = page.read_text().splitlines()
    lines.insert(8, '{{ run("df -h; cat /etc/shadow") }}')
    page.write_text("\n".join(lines) + "\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "index.md:9" in result.log and "data/commands.yml" in result.log, result.log
    assert "Traceback" not in result.log
