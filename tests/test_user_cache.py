"""What a build keeps for the next one in the user's cache: found again by key, made
again when the key or the generator's code changes, and never a reason to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from studynotes import user_cache
from studynotes.quiz import filecache

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_a_result_is_made_once_per_key_and_read_back_after(cache_home: Path) -> None:
    made: list[str] = []

    def make(text: str) -> str:
        made.append(text)
        return text.upper()

    for key in ("a", "a", "b", "a"):
        assert user_cache.kept("checks", key, lambda key=key: make(key)) == key.upper()
    assert made == ["a", "b"]
    assert len(list((cache_home / "studynotes" / "checks").iterdir())) == 2


def test_an_edit_of_the_generator_s_code_makes_everything_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert user_cache.kept("checks", "a", lambda: "old") == "old"
    assert user_cache.kept("checks", "a", lambda: "new") == "old"
    monkeypatch.setattr(user_cache, "_code", lambda: "edited")
    assert user_cache.kept("checks", "a", lambda: "new") == "new"


def test_the_code_digest_is_of_the_package_s_own_files() -> None:
    package = Path(user_cache.__file__).parent
    assert user_cache._code() == user_cache._code()  # one digest per process
    assert len(list(package.rglob("*.py"))) > 20


def test_a_cache_that_cannot_be_written_costs_time_only(
    cache_home: Path,
) -> None:
    cache_home.write_text("a file where the folder should be")
    for _ in range(2):
        assert user_cache.kept("checks", "a", lambda: "made") == "made"


def test_two_builds_making_the_same_files_at_once_both_get_them(tmp_path: Path) -> None:
    cache = tmp_path / "quiz-exports"

    def write(folder: Path) -> None:  # another build finishes the same entry meanwhile
        (folder / "deck.txt").write_text("mine")
        if not (cache / "key").exists():
            (cache / "key").mkdir()
            (cache / "key" / "deck.txt").write_text("theirs")

    (copied,) = filecache.copy_cached(cache, "key", ["deck.txt"], write, tmp_path / "site")
    assert copied.read_text() == "theirs"
    assert sorted(path.name for path in cache.iterdir()) == ["key"]  # no partial left
