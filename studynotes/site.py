"""One build of the site: settings, checked pages, live outputs, quizzes, macros, the finish.

An engine adapter (macros/ for mkdocs-macros on MkDocs or ProperDocs, or Zensical's
macros shim) makes a ``Site`` when the build starts and asks it for the macros the
pages call; after the engine has written the site, ``finish`` writes the quiz
exports and checks the whole site. Everything a build promises happens here, so it
holds whichever engine calls it. Engines that ask again for every page get the same
``Site`` back (``Site.shared``) while no source file has changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar, TypeVar

from studynotes import (
    assets,
    glossary,
    includes,
    mkdocs_yml,
    nav,
    page_check,
    quiz,
    sitecheck,
    symlinks,
)
from studynotes import df as df_output
from studynotes.errors import SourceError, SourceErrors
from studynotes.live.cache import DEFAULT_TTL, Cache
from studynotes.live.capture import Capture
from studynotes.live.session import LiveOutputs, Settings
from studynotes.render import console
from studynotes.template_code import LIVE_MACROS, MACROS, Call, page_paths

Macro = Callable[..., str]
T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """What a build is given: the project's folders and the settings pages depend on."""

    root: Path  # the project: mkdocs.yml, data/, .cache/
    docs_dir: Path
    site_url: str = ""
    repo_url: str = ""
    use_directory_urls: bool = True
    raw_html_rewritten: bool = False  # Zensical: URLs in raw HTML count from the .md file
    config_file: Path | None = None  # mkdocs.yml; None: the one in ``root``


def live_settings(root: Path, environ: Mapping[str, str] = os.environ) -> Settings:
    """Where the allowlist, captures and cache live; environment variables tune it."""
    ttl = float(environ.get("STUDYNOTES_CACHE_TTL", DEFAULT_TTL))
    cache_dir = Path(environ.get("STUDYNOTES_CACHE_DIR") or root / ".cache" / "live-output")
    return Settings(
        root=root,
        allowlist=root / "data" / "commands.yml",
        captures=root / "data" / "captures",
        cache=Cache(cache_dir, ttl=ttl),
        require_live=environ.get("STUDYNOTES_REQUIRE_LIVE", "") not in ("", "0"),
    )


class Site:
    """Raises ``SourceError``/``SourceErrors`` for anything wrong in the sources."""

    _shared: ClassVar[dict[Options, tuple[tuple[int, ...], Site]]] = {}

    def __init__(self, options: Options) -> None:
        self.options = options
        config_file = options.config_file or options.root / "mkdocs.yml"
        # A symbolic link could make any of what follows read the machine's files: links
        # are refused before anything else is read.
        config = mkdocs_yml.read(config_file) if config_file.is_file() else {}
        links = symlinks.problems(_read_folders(options, config))
        links += symlinks.written(options.root, _written_folders(options, config))
        if links:
            raise SourceErrors(links, symlinks.CHECK)
        # Pages, includes, nav, the assets mkdocs.yml lists, allowlist and quiz files are all
        # checked before anything renders or runs, and one report names everything wrong.
        self.includes, errors = None, []
        if config_file.is_file():  # a Site made by a script or test may have no mkdocs.yml
            self.includes, errors = includes.from_config(config_file)
        self.calls, page_errors = page_check.read_docs(options.docs_dir, self.includes)
        errors += page_errors
        if config_file.is_file():
            errors += nav.unlisted(config_file, [page for page, _ in page_paths(options.docs_dir)])
            errors += assets.unlisted_files(config_file, options.docs_dir)
        live_calls = [call for call in self.calls if call.macro in LIVE_MACROS]
        live = _reported(errors, lambda: LiveOutputs(live_settings(options.root)))
        if live is not None:
            errors += live.refused(live_calls)
        quiz_files = _reported(errors, lambda: quiz.load_quizzes(options.root / "data" / "quizzes"))
        if quiz_files is not None:
            quiz_calls = [call for call in self.calls if call.macro == "quiz"]
            errors += _unknown_quizzes(quiz_files, quiz_calls)
        self.assets, script_errors = assets.minified(options.docs_dir)
        errors += script_errors
        if errors or live is None or quiz_files is None:
            pages_only = all(error.path.endswith(".md") for error in errors)
            raise SourceErrors(errors, page_check.CHECK if pages_only else "The source check")
        self.live = live
        # The commands run while the engine renders; a page showing one waits for it only.
        self.live.start(live_calls)
        self.bank = self._quiz_bank(quiz_files)

    @classmethod
    def shared(cls, options: Options) -> Site:
        """The ``Site`` of these options, made again only when a source file has changed."""
        state = _sources_state(options)
        known = cls._shared.get(options)
        if known is None or known[0] != state:
            cls._shared[options] = (state, cls(options))
        return cls._shared[options][1]

    def macros(self, current_page: Callable[[], str]) -> dict[str, Macro]:
        """The functions of ``MACROS``; ``current_page()`` is the docs path being rendered."""
        links = quiz.Links(self.options.use_directory_urls, self.options.raw_html_rewritten)
        implementations: dict[str, Macro] = {
            "run": lambda command, expect_failure=False: self._shown(command, console.render),
            "df": self._df,
            "quiz": lambda quiz_id: quiz.render_quiz(
                self.bank.get(quiz_id), current_page(), links=links
            ),
            "quiz_index": lambda: quiz.render_index(
                self.bank.quizzes,
                current_page(),
                answer_key_page="quizzes/answer-key.md",
                links=links,
            ),
            "answer_key": lambda: quiz.render_answer_key(
                self.bank.quizzes, current_page(), links=links
            ),
            "study_review": lambda: quiz.study.render_review(current_page(), links),
            "study_progress": lambda: quiz.study.render_progress(
                self.bank.quizzes, current_page(), links
            ),
            "glossary_table": lambda: glossary.to_markdown(
                glossary.load(self.options.docs_dir / "includes" / "abbreviations.md")
            ),
            "repo_url": lambda: self.options.repo_url,
        }
        assert set(implementations) == set(MACROS), "pages are checked against MACROS"
        if self.includes is None:
            return implementations
        return {name: self._escaped(macro) for name, macro in implementations.items()}

    def _escaped(self, macro: Macro) -> Macro:
        """``macro`` with its output escaped: quiz text or a command's output is never
        taken for an include, whatever lines it holds."""
        assert self.includes is not None
        escape = self.includes.escape
        return lambda *args, **kwargs: escape(macro(*args, **kwargs))

    def finish(self, site_dir: Path, sources: Mapping[str, Path] | None = None) -> str:
        """After the engine wrote ``site_dir``: outcomes, the project's scripts and styles
        minified, exports and study mode's question bank, the site check's summary.

        ``sources`` maps built pages to their Markdown files where the engine knows
        better than MkDocs' layout rule (blog posts).
        """
        self.live.finish()  # outcomes of commands on pages that did not render are checked
        cache = self.options.root / ".cache" / "quiz-exports"
        quiz.write_exports_cached(
            self.bank.quizzes,
            site_dir / "quizzes" / "exports",
            cache,
            site_url=self.options.site_url,
        )
        assets.write(self.assets, site_dir)
        quiz.study.write_bank(self.bank.quizzes, site_dir, cache, self.options.use_directory_urls)
        pages = sitecheck.default_sources(self.options.docs_dir, self.options.use_directory_urls)
        pages.update(sources or {})
        return sitecheck.require_sound_site(
            site_dir, site_url=self.options.site_url, sources=pages, root=self.options.root
        )

    def _shown(self, command: str, render: Callable[[Capture], str]) -> str:
        """The command's output as ``render`` shows it; a failed command fails the build
        in ``finish``, with every other failure, not here in the middle of a page."""
        try:
            return render(self.live.get(command))
        except SourceErrors:
            return f"`{command}` failed: the build reports why, and publishes nothing.\n"

    def _df(self, command: str = "df -h", keep_pseudo: bool = False) -> str:
        """The df console block, then its filesystems as a table with usage bars.

        Pseudo filesystems (tmpfs, overlay, tiny special mounts) are left out of the
        table unless keep_pseudo=True; the console block always shows everything.
        """

        def render(capture: Capture) -> str:
            shown, note = _df_shown(capture)
            filesystems = df_output.real_disks(df_output.parse(shown.output), keep_pseudo)
            table_note = "" if keep_pseudo else _PSEUDO_NOTE
            block = console.render(shown, note)
            return f"{block}\n{df_output.to_html(filesystems)}\n{table_note}"

        return self._shown(command, render)

    def _quiz_bank(self, bank: quiz.QuizBank) -> quiz.QuizBank:
        """The quiz files, plus the disk-space quiz computed from this build's `df -h`."""
        root = self.options.root
        capture = self.live.get("df -h") if self.live.collected("df -h") else None
        capture = _df_shown(capture)[0] if capture else None
        generated = quiz.disk_space_quiz(
            live_text=capture.output if capture else None,
            live_label=_capture_label(capture) if capture else None,
        )
        bank.add(quiz.QuizFile(generated, root / "studynotes" / "quiz" / "generate.py"))
        quiz.check_links(bank, self.options.docs_dir)
        return bank


_PSEUDO_NOTE = (
    '<p class="live-caption">The table lists the disks: tmpfs, devtmpfs, overlay and '
    "other filesystems that live in memory or inside another one are left out of it "
    "(they are in the output above).</p>\n"
)


def _df_shown(capture: Capture) -> tuple[Capture, str]:
    """The df capture as published: without the build machine's tiny special mounts,
    and the caption's note saying so."""
    output, left_out = df_output.without_special_mounts(capture.output)
    if not left_out:
        return capture, ""
    lines = "line" if left_out == 1 else "lines"
    note = (
        f"{left_out} {lines} left out: special mounts of 1 MiB or less that belong to the "
        "build machine, not storage."
    )
    return replace(capture, output=output), note


def _reported(errors: list[SourceError], make: Callable[[], T]) -> T | None:
    """What ``make`` returns, or None with its problems added to ``errors``."""
    try:
        return make()
    except SourceErrors as found:
        errors += found.errors
    except SourceError as error:
        errors.append(error)
    return None


def _unknown_quizzes(files: quiz.QuizBank, calls: list[Call]) -> list[SourceError]:
    """A problem for each quiz() call of an id that neither a quiz file nor the generated
    disk-space quiz (its id does not depend on this build's df) has."""
    known = sorted([q.id for q in files.quizzes] + [quiz.disk_space_quiz().id])
    return [
        SourceError(
            call.page,
            call.line,
            f"no quiz with id '{call.command}'",
            f"Use one of: {', '.join(known)} (data/quizzes/*.yml)",
        )
        for call in calls
        if call.command not in known
    ]


def _capture_label(capture: Capture) -> str:
    kind = "Live output of this build" if capture.live else "Recorded output"
    return f"{kind} of `df -h`, captured {capture.captured_at} on {capture.host}"


def _read_folders(options: Options, config: Mapping[str, object]) -> list[Path]:
    """Where the build reads sources: docs/, data/ and the theme's templates (custom_dir)."""
    folders = [options.docs_dir, options.root / "data"]
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        folders.append(options.root / theme["custom_dir"])
    return [folder for folder in folders if folder.exists() or folder.is_symlink()]


def _written_folders(options: Options, config: Mapping[str, object]) -> list[Path]:
    """Where the build writes: the site folder (mkdocs.yml's site_dir) and .cache/."""
    return [options.root / str(config.get("site_dir", "site")), options.root / ".cache"]


def _sources_state(options: Options) -> tuple[int, ...]:
    """Modification times of everything a Site reads, to know when to make it again
    (``lstat``: a link is refused by the link check, never followed here)."""
    folders = (options.docs_dir, options.root / "data")
    return tuple(
        sorted(path.lstat().st_mtime_ns for folder in folders for path in folder.rglob("*"))
    )
