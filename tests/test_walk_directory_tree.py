from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from macros import walk_directory_tree as wdt

SCRIPT = Path(wdt.__file__)
# File sizes in bytes; "B" sorts before "a" (code-point order) and "a" before "a.txt"
# (component order), and B/ ties with z/ at 3000 bytes.
FILES = {
    "a.txt": 100,
    "B/big.bin": 3000,
    "a/c.txt": 100,
    "a/b/deep.dat": 1536,
    "z/other.bin": 3000,
}
# Option -> expected lines, with "T" standing for the tree's root as given.
EXPECTED = {
    1: ["T", "T/B", "T/a", "T/a/b", "T/empty", "T/z"],
    2: ["  0B  T/empty", "1.5K  T/a/b", "1.6K  T/a", "3.0K  T/B", "3.0K  T/z", "7.6K  T"],
    3: ["7.6K  T", "3.0K  T/B", "3.0K  T/z", "1.6K  T/a", "1.5K  T/a/b", "  0B  T/empty"],
    4: ["T/B/big.bin", "T/a/b/deep.dat", "T/a/c.txt", "T/a.txt", "T/z/other.bin"],
    5: [
        "100B  T/a/c.txt",
        "100B  T/a.txt",
        "1.5K  T/a/b/deep.dat",
        "3.0K  T/B/big.bin",
        "3.0K  T/z/other.bin",
    ],
    6: [
        "3.0K  T/B/big.bin",
        "3.0K  T/z/other.bin",
        "1.5K  T/a/b/deep.dat",
        "100B  T/a/c.txt",
        "100B  T/a.txt",
    ],
}
USAGE_LINES = [
    "usage: walk_directory_tree directory option",
    "option 1: print directories in alphabetical order",
    "option 2: print directories and sizes sorted ascending",
    "option 3: print directories and sizes sorted descending",
    "option 4: print files in alphabetical order",
    "option 5: print files and sizes sorted ascending",
    "option 6: print files and sizes sorted descending",
]


def make_tree(root: Path) -> Path:
    for name, size in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    (root / "empty").mkdir()
    return root


def expected(root: Path, option: int) -> str:
    return "\n".join(line.replace("T", str(root), 1) for line in EXPECTED[option])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "tree")


@pytest.mark.parametrize("option", range(1, 7))
def test_report_for_every_option(tree: Path, option: int) -> None:
    assert wdt.report(tree, option) == expected(tree, option)


def test_walk_sums_sizes_recursively(tree: Path) -> None:
    result = wdt.walk(tree)
    sizes = {str(e.rel): e.size for e in result.dirs}
    assert sizes == {".": 7736, "B": 3000, "a": 1636, "a/b": 1536, "empty": 0, "z": 3000}
    assert {str(e.rel): e.size for e in result.files} == FILES
    assert result.unreadable == () and result.symlinks == ()


def test_report_rejects_unknown_option(tree: Path) -> None:
    with pytest.raises(ValueError, match="option must be 1-6"):
        wdt.report(tree, 7)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0B"),
        (1, "1B"),
        (1023, "1023B"),
        (1024, "1.0K"),
        (1025, "1.1K"),  # rounded up, as du -h does
        (1536, "1.5K"),
        (10 * 1024 - 1, "10K"),  # 9.99K rounds up to 10, shown without a decimal
        (10 * 1024, "10K"),
        (10 * 1024 + 1, "11K"),
        (1024**2 - 1, "1.0M"),  # 1023.999K rounds up into the next unit
        (1024**2, "1.0M"),
        (1024**2 * 3 // 2, "1.5M"),
        (2 * 1024**3, "2.0G"),
        (1024**4, "1.0T"),
        (5000 * 1024**8, "5000Y"),  # past the last unit the number just grows
    ],
)
def test_human_size(size: int, text: str) -> None:
    assert wdt.human_size(size) == text


def test_human_size_refuses_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        wdt.human_size(-1)


def test_unreadable_directory_is_reported_not_fatal(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tree / "a" / "b"
    locked.chmod(0)
    if os.geteuid() == 0:
        # root ignores permission bits, so make scandir fail as it does for a user;
        # test_unreadable_directory_as_nobody proves the real thing.
        real_scandir = os.scandir

        def scandir(path: str | os.PathLike[str] = ".") -> object:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        result = wdt.walk(tree)
        status = wdt.main([str(tree), "3"])
    finally:
        locked.chmod(0o755)
    assert result.unreadable == (PurePosixPath("a/b"),)
    assert "a/b/deep.dat" not in {str(e.rel) for e in result.files}
    out, err = capsys.readouterr()
    assert status == 1
    assert out.splitlines() == [
        f"6.1K  {tree}",
        f"3.0K  {tree}/B",
        f"3.0K  {tree}/z",
        f"100B  {tree}/a",
        f"  0B  {tree}/a/b",
        f"  0B  {tree}/empty",
    ]
    assert err == (f"1 directory could not be read (run with sudo to include them):\n  {locked}\n")


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory other users can enter: pytest's tmp_path is private to its owner, and
    TMPDIR may be too (a folder made by mktemp -d), so the first temporary folder whose
    every ancestor others may pass through."""
    bases = [Path(tempfile.gettempdir()), Path("/tmp"), Path("/var/tmp"), Path("/dev/shm")]
    base = next((b for b in bases if b.is_dir() and _others_can_enter(b)), None)
    if base is None:
        pytest.fail(f"none of {', '.join(map(str, bases))} can be entered by other users")
    path = Path(tempfile.mkdtemp(prefix="walk-tree-", dir=base))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def _others_can_enter(folder: Path) -> bool:
    return all(p.stat().st_mode & stat.S_IXOTH for p in (folder, *folder.resolve().parents))


def _as_nobody() -> list[str]:
    if os.geteuid() != 0:
        pytest.skip("only root can switch to nobody; chmod 0 was real in the test above")
    nobody = pwd.getpwnam("nobody")
    if setpriv := shutil.which("setpriv"):
        ids = [f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
        return [setpriv, *ids]
    if runuser := shutil.which("runuser"):
        return [runuser, "-u", "nobody", "--"]
    pytest.fail("running as root without setpriv or runuser: cannot test unreadable dirs")


def test_unreadable_directory_as_nobody(shared_dir: Path) -> None:
    prefix = _as_nobody()
    script = shutil.copy(SCRIPT, shared_dir / SCRIPT.name)
    tree = shared_dir / "tree"
    (tree / "locked").mkdir(parents=True)
    (tree / "open.txt").write_bytes(b"x" * 2048)
    (tree / "locked" / "secret").write_bytes(b"x" * 5000)
    (tree / "locked").chmod(0o700)  # root's, so nobody cannot list it
    run = subprocess.run(
        [*prefix, script, str(tree), "3"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin"},
        timeout=60,
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout == f"2.0K  {tree}\n  0B  {tree}/locked\n"
    assert run.stderr == (
        f"1 directory could not be read (run with sudo to include them):\n  {tree}/locked\n"
    )


def test_symlinks_are_not_followed_or_counted(tree: Path) -> None:
    plain = {option: wdt.report(tree, option) for option in range(1, 7)}
    (tree / "a" / "loop").symlink_to("..")  # to an ancestor: following it never ends
    (tree / "a" / "b" / "self").symlink_to(".")
    (tree / "a.link").symlink_to("a.txt")
    (tree / "B" / "dangling").symlink_to("nowhere")
    result = wdt.walk(tree)
    assert [str(p) for p in result.symlinks] == ["B/dangling", "a/b/self", "a/loop", "a.link"]
    assert {option: wdt.report(tree, option) for option in range(1, 7)} == plain


def test_script_is_executable_with_shebang() -> None:
    assert os.access(SCRIPT, os.X_OK)
    assert SCRIPT.read_text().startswith("#!/usr/bin/env python3\n")


@pytest.mark.parametrize("how", ["./walk_directory_tree.py", "python3 walk_directory_tree.py"])
def test_runs_as_a_command(tree: Path, how: str) -> None:
    # python3 on PATH is this test's interpreter, as `./script` finds it through env.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    run = subprocess.run(
        [*how.split(), str(tree), "3"],
        cwd=SCRIPT.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=60,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == wdt.report(tree, 3) + "\n" == expected(tree, 3) + "\n"


def test_no_arguments_prints_usage_and_exits_2() -> None:
    run = subprocess.run(
        [sys.executable, SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == ["walk_directory_tree.py", "", *USAGE_LINES]


@pytest.mark.parametrize(
    "args", [[], ["DIR"], ["DIR", "0"], ["DIR", "7"], ["DIR", "x"], ["DIR", "1", "extra"]]
)
def test_bad_arguments_print_usage(
    tree: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(tree) if a == "DIR" else a for a in args]
    assert wdt.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == wdt.USAGE + "\n"
    assert err.splitlines()[2:] == USAGE_LINES


def test_help_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert wdt.main(["--help"]) == 0
    assert capsys.readouterr().out == wdt.USAGE + "\n"


@pytest.mark.parametrize("name", ["missing", "a.txt"])
def test_directory_must_exist(tree: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert wdt.main([str(tree / name), "1"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"walk_directory_tree.py: not a directory: {tree / name}\n"
