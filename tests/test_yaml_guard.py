"""Every YAML text the project reads is guarded before it is composed: no anchors or
aliases in data (an alias bomb), no deep nesting (libyaml's composer recurses in C),
no file over the size cap; front matter is plain key: value data."""

from __future__ import annotations

from pathlib import Path

import pytest

from studynotes import yamlfile
from studynotes.errors import SourceError, SourceErrors
from studynotes.page_check import front_matter_problems, yaml_file_problems

pytestmark = pytest.mark.unit


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """``levels`` lines each repeating the line above ``width`` times: width**levels values."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_a_data_file_is_refused_at_each_line(tmp_path: Path) -> None:
    """Nine levels of nine aliases: 387 million values to anything that walks them (the
    duplicate-key check took minutes before the guard)."""
    quiz = tmp_path / "quiz.yml"
    quiz.write_text(alias_bomb() + "id: distros\n")
    with pytest.raises(SourceErrors) as caught:
        yamlfile.load(quiz)
    lines = [error.line for error in caught.value.errors]
    assert lines == list(range(1, 10))
    assert f"{quiz}:2: an anchor (&a1) in YAML" in str(caught.value)
    assert "fix: Write the value out in full where it is used" in str(caught.value)


def test_an_alias_alone_is_refused_too(tmp_path: Path) -> None:
    data = tmp_path / "commands.yml"
    data.write_text("base: &b {executable: df}\nprograms:\n  df: *b\n")
    with pytest.raises(SourceErrors) as caught:
        yamlfile.load(data)
    assert [e.problem for e in caught.value.errors] == [
        "an anchor (&b) in YAML",
        "an alias (*b) in YAML",
    ]


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_refused_before_libyaml_composes_it(tmp_path: Path, style: str) -> None:
    """100 000 '[' crash the interpreter in libyaml's composer; block nesting is cut at
    the level too deep as well."""
    if style == "flow":
        text = "key: " + "[" * 100_000 + "]" * 100_000 + "\n"
    else:
        text = "key:\n" + "".join(" " * level + "-\n" for level in range(1, 60))
    data = tmp_path / "deep.yml"
    data.write_text(text)
    with pytest.raises(SourceErrors) as caught:
        yamlfile.load(data)
    (error,) = caught.value.errors
    assert f"nested more than {yamlfile.MAX_DEPTH} levels deep" in error.problem
    assert error.line == (1 if style == "flow" else yamlfile.MAX_DEPTH + 1)


def test_a_file_over_the_cap_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yml"
    with huge.open("wb") as file:
        file.truncate(50 * yamlfile.MAX_BYTES)  # sparse: no disk, and reading it would be slow
    with pytest.raises(SourceErrors, match=r"50,000,000 bytes of YAML, more than the 1,000,000"):
        yamlfile.load(huge)


def test_a_code_block_may_use_anchors_but_not_a_bomb() -> None:
    """Compose files use anchors (x-common: &common); the snippet checker reads them,
    capped at what they expand to."""
    compose = (
        "x-common: &common\n  restart: always\nservices:\n"
        "  web:\n    <<: *common\n    image: nginx\n"
    )
    (document,) = yamlfile.parse_all(compose, Path("docs/page.md"))
    assert document.data["services"]["web"]["restart"] == "always"
    with pytest.raises(SourceError, match=r"aliases make this YAML [\d,]+ values long"):
        yamlfile.parse_all(alias_bomb(), Path("docs/page.md"))


FRONT = "---\ntitle: Backups\n{line}\n---\n\n# Backups\n"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("tags: &t [a]\nalso: *t", "an anchor (&t) in YAML"),
        ("title2: !ENV SECRET_TOKEN", "could not determine a constructor for the tag '!ENV'"),
        ("template: ../../../../etc/passwd", "is not the name of one of the theme's files"),
        ("icon: ../../mkdocs", "icon: '../../mkdocs' is not the name of one of the theme's"),
        ("tags: a: b", "invalid YAML: mapping values are not allowed"),
    ],
    ids=["alias", "env-tag", "template-path", "icon-path", "syntax"],
)
def test_front_matter_is_plain_data_at_its_line(line: str, problem: str) -> None:
    """MkDocs would silently drop front matter it cannot parse; the environment is not
    front matter's to read; a template path out of the theme is a Jinja traceback."""
    errors = front_matter_problems(FRONT.format(line=line), "docs/linux/backups.md")
    assert errors, line
    assert errors[0].path == "docs/linux/backups.md" and errors[0].line == 3
    assert problem in errors[0].problem


def test_front_matter_that_is_no_mapping_is_refused() -> None:
    errors = front_matter_problems("---\n- a\n- b\n---\n# T\n", "docs/x.md")
    assert [(e.line, e.problem[:28]) for e in errors] == [(2, "YAML that is a list, not key")]


def test_every_yaml_file_of_docs_is_guarded(tmp_path: Path) -> None:
    """Material's blog reads docs/**/.authors.yml before any page: checked first."""
    authors = tmp_path / "docs" / "blog" / ".authors.yml"
    authors.parent.mkdir(parents=True)
    authors.write_text(alias_bomb(3, 3))
    assert [e.line for e in yaml_file_problems(tmp_path / "docs")] == [1, 2, 3]


def test_the_project_s_own_yaml_passes(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    assert yaml_file_problems(root / "docs") == []
    for data in sorted((root / "data").rglob("*.yml")):
        yamlfile.load(data)
