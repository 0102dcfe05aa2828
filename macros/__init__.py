"""mkdocs-macros-plugin entry point: registers the functions pages may call.

Kept thin on purpose: each macro translates between MkDocs' world and the
``studynotes`` package, which does the work. Errors in contributors' input arrive
as ``SourceError`` (file, line, what to do) and leave as MkDocs ``PluginError``,
which stops the build with that message instead of a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError

from studynotes import df as df_output
from studynotes import glossary, quiz, sitecheck
from studynotes.errors import SourceError, SourceErrors
from studynotes.live.cache import DEFAULT_TTL, Cache
from studynotes.live.capture import Capture
from studynotes.live.session import LiveOutputs, Settings
from studynotes.render import console
from studynotes.template_code import LIVE_MACROS, MACROS, Call, collect
from studynotes.templating import protect_code

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("mkdocs.studynotes")
_built: dict[str, Any] = {}  # what define_env made that on_post_build needs


def _as_build_error(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (SourceError, SourceErrors, LookupError) as error:
            raise PluginError(str(error)) from None

    return wrapper  # type: ignore[return-value]


def live_settings(root: Path) -> Settings:
    """Where the allowlist, captures and cache live; environment variables tune it."""
    ttl = float(os.environ.get("STUDYNOTES_CACHE_TTL", DEFAULT_TTL))
    cache_dir = Path(os.environ.get("STUDYNOTES_CACHE_DIR") or root / ".cache" / "live-output")
    return Settings(
        root=root,
        allowlist=root / "data" / "commands.yml",
        captures=root / "data" / "captures",
        cache=Cache(cache_dir, ttl=ttl),
        require_live=os.environ.get("STUDYNOTES_REQUIRE_LIVE", "") not in ("", "0"),
    )


@_as_build_error
def define_env(env: Any) -> None:
    root = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    calls = collect(docs_dir)  # every page's template code checked before anything renders
    live = LiveOutputs(live_settings(root))
    # Every command approved before any runs; they run while MkDocs reads and renders,
    # and a page showing one waits for that one only.
    live.start([call for call in calls if call.macro in LIVE_MACROS])
    _built["live"] = live

    @_as_build_error
    def run(command: str, expect_failure: bool = False) -> str:
        """A console block of the command's real output, with its live/recorded caption."""
        return console.render(live.get(command))

    @_as_build_error
    def df(command: str = "df -h", keep_pseudo: bool = False) -> str:
        """The df console block, then its filesystems as a table with usage bars.

        Pseudo filesystems (tmpfs, overlay, tiny special mounts) are left out of the
        table unless keep_pseudo=True; the console block always shows everything.
        """
        capture = live.get(command)
        filesystems = df_output.real_disks(df_output.parse(capture.output), keep_pseudo)
        return f"{console.render(capture)}\n{df_output.to_html(filesystems)}\n"

    bank = _quiz_bank(root, docs_dir, live)
    _check_quiz_calls(bank, [call for call in calls if call.macro == "quiz"])
    _built["quiz_bank"] = bank  # for on_post_build, which writes the exports

    def _page() -> str:
        return env.page.file.src_uri

    @_as_build_error
    def quiz_macro(quiz_id: str) -> str:
        """One interactive quiz (its CSS and JS come with it, so only quiz pages load them)."""
        return quiz.render_quiz(
            bank.get(quiz_id), _page(), use_directory_urls=env.conf["use_directory_urls"]
        )

    @_as_build_error
    def quiz_index() -> str:
        return quiz.render_index(
            bank.quizzes,
            _page(),
            answer_key_page="quizzes/answer-key.md",
            use_directory_urls=env.conf["use_directory_urls"],
        )

    @_as_build_error
    def answer_key() -> str:
        return quiz.render_answer_key(
            bank.quizzes, _page(), use_directory_urls=env.conf["use_directory_urls"]
        )

    @_as_build_error
    def glossary_table() -> str:
        """The glossary page's table, from the abbreviations appended to every page."""
        return glossary.to_markdown(glossary.load(docs_dir / "includes" / "abbreviations.md"))

    def repo_url() -> str:
        """The repository's address (mkdocs.yml's repo_url, which REPO_URL overrides)."""
        return str(env.conf.get("repo_url") or "")

    implementations = {
        "run": run,
        "df": df,
        "quiz": quiz_macro,
        "quiz_index": quiz_index,
        "answer_key": answer_key,
        "glossary_table": glossary_table,
        "repo_url": repo_url,
    }
    if set(implementations) != set(MACROS):  # pages are checked against MACROS
        raise PluginError(f"macros/ implements {sorted(implementations)}, not {sorted(MACROS)}")
    for name, function in implementations.items():
        env.macro(function, name)


def _quiz_bank(root: Path, docs_dir: Path, live: LiveOutputs) -> quiz.QuizBank:
    """The quiz files, plus the disk-space quiz computed from this build's `df -h`."""
    bank = quiz.load_quizzes(root / "data" / "quizzes")
    capture = live.get("df -h") if live.collected("df -h") else None
    label = _capture_label(capture) if capture else None
    generated = quiz.disk_space_quiz(
        live_text=capture.output if capture else None, live_label=label
    )
    bank.add(quiz.QuizFile(generated, root / "studynotes" / "quiz" / "generate.py"))
    quiz.check_links(bank, docs_dir)
    return bank


def _check_quiz_calls(bank: quiz.QuizBank, calls: list[Call]) -> None:
    """An unknown quiz id fails the build at its page and line, before rendering."""
    known = sorted(q.id for q in bank.quizzes)
    for call in calls:
        if call.command not in known:
            raise SourceError(
                call.page,
                call.line,
                f"no quiz with id '{call.command}'",
                f"Use one of: {', '.join(known)} (data/quizzes/*.yml)",
            )


def _capture_label(capture: Capture) -> str:
    kind = "Live output of this build" if capture.live else "Recorded output"
    return f"{kind} of `df -h`, captured {capture.captured_at} on {capture.host}"


@_as_build_error
def on_post_build(env: Any) -> None:
    """Quiz exports (QTI, JSON, Anki) go into the built site; then the whole site is checked."""
    _built["live"].finish()  # outcomes of commands on pages that did not render are checked too
    bank = _built["quiz_bank"]
    site_dir = Path(env.conf["site_dir"])
    cache = Path(env.project_dir) / ".cache" / "quiz-exports"
    site_url = env.conf.get("site_url") or ""
    quiz.write_exports_cached(
        bank.quizzes, site_dir / "quizzes" / "exports", cache, site_url=site_url
    )
    summary = sitecheck.require_sound_site(
        site_dir, site_url=site_url, sources=_page_sources(env), root=Path(env.project_dir)
    )
    log.info(summary)


def _page_sources(env: Any) -> dict[str, Path]:
    """Built page -> Markdown file: MkDocs' layout rule, then what the engine really did."""
    sources = sitecheck.default_sources(Path(env.conf["docs_dir"]), env.conf["use_directory_urls"])
    for file in env.variables.get("files") or ():
        if file.is_documentation_page() and file.abs_src_path and Path(file.abs_src_path).is_file():
            sources[file.dest_uri] = Path(file.abs_src_path)
    return sources


def on_pre_page_macros(env: Any) -> None:
    """Code blocks and inline code are literal: `{{.Names}}` in a docker command stays."""
    env.markdown = protect_code(env.markdown)
