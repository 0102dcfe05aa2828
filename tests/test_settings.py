"""The generator's settings (extra.studynotes in mkdocs.yml) and its extension point."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from studynotes import settings
from studynotes.errors import SourceErrors
from studynotes.site import Options, Site
from tests.support import ROOT

CONFIG = """\
site_name: Test
nav:
  - index.md
extra:
  social: []
  studynotes:
{block}
"""


def _write(folder: Path, block: str) -> Path:
    config = folder / "mkdocs.yml"
    config.write_text(CONFIG.format(block=block))
    return config


def _problems(config: Path) -> list[str]:
    with pytest.raises(SourceErrors) as caught:
        settings.read(config)
    return [str(error) for error in caught.value.errors]


def test_no_block_means_the_default_layout(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n")
    chosen = settings.read(config)
    assert chosen.quizzes == "data/quizzes" and chosen.allowlist == "data/commands.yml"
    assert chosen.exports == "quizzes/exports" and chosen.assets == "assets/quiz"
    assert chosen.pages.answer_key == "quizzes/answer-key.md"
    assert chosen.features.quizzes and chosen.features.live_output and not chosen.extensions


def test_settings_are_read_and_typed(tmp_path: Path) -> None:
    config = _write(
        tmp_path,
        "    quizzes: course/quizzes\n    features:\n      study: false\n"
        "    pages:\n      review: study/review.md\n",
    )
    chosen = settings.read(config)
    assert chosen.quizzes == "course/quizzes" and not chosen.features.study
    assert chosen.pages.review == "study/review.md" and chosen.features.quizzes


def test_every_problem_is_reported_at_its_line_with_the_fix(tmp_path: Path) -> None:
    config = _write(
        tmp_path,
        "    quizes: data/q\n"  # line 7: a typo
        "    features:\n"
        "      study: maybe\n"  # line 9: not a boolean
        "    allowlist: ../secrets.yml\n"  # line 10: leaves the project
        "    pages:\n"
        "      review: /etc/review.md\n",  # line 12: absolute
    )
    with pytest.raises(SourceErrors) as caught:
        settings.read(config)
    found = {(e.line, e.problem.split(" (got")[0]): e.fix for e in caught.value.errors}
    assert set(found) == {
        (7, "extra.studynotes.quizes: Extra inputs are not permitted"),
        (
            9,
            "extra.studynotes.features.study: Input should be a valid boolean, "
            "unable to interpret input",
        ),
        (
            10,
            "extra.studynotes.allowlist: String should match pattern '^(?:[\\w-][\\w.-]*/)*"
            "[\\w-][\\w.-]*$'",
        ),
        (
            12,
            "extra.studynotes.pages.review: String should match pattern '^(?:[\\w-][\\w.-]*/)*"
            "[\\w-][\\w.-]*\\.md$'",
        ),
    }
    assert found[7, "extra.studynotes.quizes: Extra inputs are not permitted"].startswith(
        "Use one of: allowlist, assets, cache, captures, exports, extensions, features"
    )
    fixes = list(found.values())
    assert "Write true or false" in fixes
    assert (
        fixes.count(
            "Write a path relative to mkdocs.yml's folder (or, for pages, to docs/): no '..', "
            "no leading '/', no part starting with '.'"
        )
        == 2
    )
    assert str(caught.value).startswith(f"{config}:7: ")


def test_a_block_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nextra:\n  studynotes: [quizzes]\n")
    assert _problems(config) == [
        f"{config}:3: extra.studynotes: expected a mapping\n  fix: {settings.FIX}"
    ]


def _small_project(tmp_path: Path, block: str) -> Path:
    """One page, one quiz file in a folder the settings name, a course extension."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\n{{ shout('hi') }}\n\n{{ quiz('made') }}\n"
    )
    (tmp_path / "docs" / "quizzes").mkdir()
    (tmp_path / "docs" / "quizzes" / "distros.md").write_text("# Q\n\n{{ quiz('distros') }}\n")
    (tmp_path / "course").mkdir()
    shutil.copy(ROOT / "data" / "quizzes" / "distros.yml", tmp_path / "course")
    (tmp_path / "docs" / "linux").mkdir()
    shutil.copy(ROOT / "docs" / "linux" / "distros.md", tmp_path / "docs" / "linux")  # linked
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "__init__.py").write_text("")
    (tmp_path / "ext" / "shouting.py").write_text(EXTENSION)
    config = _write(tmp_path, block + "    uncredited: [index.md, quizzes/*]\n")
    config.write_text(
        config.read_text().replace(
            "- index.md\n", "- index.md\n  - linux/distros.md\n  - quizzes/distros.md\n"
        )
    )
    return tmp_path


EXTENSION = """
from pathlib import Path

from studynotes.extension import Extension, Macro, MacroDef, Option, Quiz, QuizGenerator
from studynotes.extension import SingleQuestion


def _shout(site):
    return lambda text: text.upper() + " from " + site.current_page()


def _made(site):
    question = SingleQuestion(
        id="made-one", type="single", prompt="Made?", explanation="Yes.",
        learn_more="index.md",
        options=[Option(text="Yes", correct=True), Option(text="No")],
    )
    return Quiz(id="made", title="Made", description="D", page="index.md", source="S",
                questions=[question])


extension = Extension(
    macros={"shout": MacroDef(Macro(("text",), 1, "shouts"), _shout)},
    quizzes=[QuizGenerator("made", Path(__file__), _made)],
)
"""


def test_an_extension_adds_macros_and_quizzes_through_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDYNOTES_CACHE_DIR", str(tmp_path / "cache"))
    project = _small_project(tmp_path, "    quizzes: course\n    extensions: [ext.shouting]\n")
    site = Site(Options(project, project / "docs"))
    macros = site.macros(lambda: "index.md")
    assert macros["shout"]("hi") == "HI from index.md"
    assert 'data-quiz="made"' in macros["quiz"]("made")
    assert {quiz.id for quiz in site.bank.quizzes} == {"made", "distros"}


def test_an_extension_that_cannot_load_is_reported_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDYNOTES_CACHE_DIR", str(tmp_path / "cache"))
    project = _small_project(
        tmp_path, "    quizzes: course\n    extensions:\n      - ext.shouting\n      - ext.gone\n"
    )
    with pytest.raises(SourceErrors) as caught:
        Site(Options(project, project / "docs"))
    (error,) = caught.value.errors
    assert error.line == 12 and "extension 'ext.gone' cannot be imported" in error.problem


def test_a_feature_turned_off_takes_its_macros_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDYNOTES_CACHE_DIR", str(tmp_path / "cache"))
    project = _small_project(
        tmp_path,
        "    quizzes: course\n    extensions: [ext.shouting]\n"
        "    features:\n      quizzes: false\n",
    )
    with pytest.raises(SourceErrors) as caught:
        Site(Options(project, project / "docs"))
    assert [e.problem.split(" calls")[0] for e in caught.value.errors] == [
        "{{ quiz('made') }}",
        "{{ quiz('distros') }}",
    ]


def test_the_flagship_uses_only_the_public_interface() -> None:
    """This site plugs in as any course would: its Python imports only the public
    modules of the generator (the extension point and the engine adapters)."""
    public = {
        "studynotes.extension",
        "studynotes.engines.macros",
        "studynotes.engines.jinja_sandbox",
        "studynotes.engines.preview",
    }
    for path in [*(ROOT / "macros").glob("*.py"), *(ROOT / "hooks").glob("*.py")]:
        tree = ast.parse(path.read_text())
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        private = {name for name in imported if name.startswith("studynotes")} - public
        assert not private, f"{path.relative_to(ROOT)} imports {sorted(private)}"


def test_the_build_stops_at_a_wrong_setting(tmp_path: Path) -> None:
    """The build reads the settings first: a wrong one stops it before any page is read."""
    project = _small_project(tmp_path, "    quizzes: course\n    exports: 3\n")
    (project / "docs" / "index.md").write_text("# Home\n\n{{ config }}\n")  # not reached
    with pytest.raises(SourceErrors) as caught:
        Site(Options(project, project / "docs"))
    (error,) = caught.value.errors
    assert (error.path, error.line) == (str(project / "mkdocs.yml"), 10)
    assert error.problem == "extra.studynotes.exports: Input should be a valid string (got 3)"


def test_every_feature_has_a_switch_and_every_switch_a_feature() -> None:
    from studynotes.features import FEATURES

    assert set(settings.Features.model_fields) == set(FEATURES)


def test_uncredited_pages_are_patterns_inside_docs(tmp_path: Path) -> None:
    good = _write(tmp_path, "    uncredited: [index.md, quizzes/*, 'blog/posts/*.md']\n")
    assert settings.read(good).uncredited == ["index.md", "quizzes/*", "blog/posts/*.md"]
    bad = _write(tmp_path, "    uncredited:\n      - ../README.md\n      - /etc/*\n")
    problems = _problems(bad)
    assert [p.split(":")[1] for p in problems] == ["8", "9"]
    assert all("uncredited" in p and "no '..'" in p for p in problems)


def test_the_offline_copy_has_a_budget_and_patterns_of_what_it_leaves_out(tmp_path: Path) -> None:
    assert settings.Settings().offline.exclude == ["*.map", "sitemap.xml.gz"]
    good = _write(
        tmp_path, "    offline:\n      exclude: ['assets/vendor/*']\n      budget_mb: 12.5\n"
    )
    chosen = settings.read(good).offline
    assert (chosen.exclude, chosen.budget_mb) == (["assets/vendor/*"], 12.5)
    bad = _write(tmp_path, "    offline:\n      exclude: [../secrets]\n      budget_mb: 0\n")
    problems = _problems(bad)
    assert [p.split(":")[1] for p in problems] == ["8", "9"]
    assert "offline.exclude.0" in problems[0] and "offline.budget_mb" in problems[1]
    assert "greater than 0" in problems[1]
