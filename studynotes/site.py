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
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from studynotes import (
    assets,
    credit,
    extension,
    includes,
    mkdocs_yml,
    nav,
    page_check,
    quiz,
    settings,
    sitecheck,
    symlinks,
    user_cache,
)
from studynotes.errors import SourceError, SourceErrors
from studynotes.features import ALWAYS, FEATURES, LAST
from studynotes.live.cache import DEFAULT_TTL, Cache
from studynotes.live.capture import Capture
from studynotes.live.session import LiveOutputs, Settings
from studynotes.template_code import Macro, page_paths, pages

MacroFunction = Callable[..., str]
T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """What a build is given: the project's folders and the settings pages depend on."""

    root: Path  # the project: mkdocs.yml, docs/, data/
    docs_dir: Path
    site_url: str = ""
    repo_url: str = ""
    use_directory_urls: bool = True
    raw_html_rewritten: bool = False  # Zensical: URLs in raw HTML count from the .md file
    config_file: Path | None = None  # mkdocs.yml; None: the one in ``root``


def live_settings(
    root: Path,
    environ: Mapping[str, str] = os.environ,
    chosen: settings.Settings | None = None,
) -> Settings:
    """Where the allowlist, captures and cache live (``chosen``: the project's settings,
    read from ``root``'s mkdocs.yml if not given); environment variables tune it."""
    chosen = chosen or _project_settings(root / "mkdocs.yml")
    ttl = float(environ.get("STUDYNOTES_CACHE_TTL", DEFAULT_TTL))
    # Never in the project: a committed .cache/ would show its "output" as the command's.
    cache_dir = Path(environ.get("STUDYNOTES_CACHE_DIR") or user_cache.folder("live-output"))
    return Settings(
        root=root,
        allowlist=root / chosen.allowlist,
        captures=root / chosen.captures,
        cache=Cache(cache_dir, ttl=ttl),
        require_live=environ.get("STUDYNOTES_REQUIRE_LIVE", "") not in ("", "0"),
        home=user_cache.folder("home"),
    )


class Site:
    """Raises ``SourceError``/``SourceErrors`` for anything wrong in the sources.

    What extensions may use (``studynotes.extension``): ``options``, ``settings``,
    ``shown(command, render)``, ``capture(command)``, and ``current_page()`` while a
    macro runs.
    """

    _shared: ClassVar[dict[Options, tuple[tuple[int, ...], Site]]] = {}

    def __init__(self, options: Options) -> None:
        self.options = options
        config_file = options.config_file or options.root / "mkdocs.yml"
        # A symbolic link could make any of what follows read the machine's files: links
        # are refused before anything else is read.
        config = mkdocs_yml.read(config_file) if config_file.is_file() else {}
        # The settings say where the quiz files, allowlist, captures and cache are.
        self.settings = _project_settings(config_file)
        links = symlinks.problems(_read_folders(options, config, self.settings))
        links += symlinks.written(options.root, _written_folders(options, config, self.settings))
        if links:
            raise SourceErrors(links, symlinks.CHECK)
        # The extensions the settings name come next: they say what pages may call.
        self.extensions, errors = _extensions(self.settings, options.root, config_file)
        self.features = _features(self.settings, self.extensions)
        self.macro_table = _macro_table(self.features)
        # Pages, includes, nav, the assets mkdocs.yml lists, allowlist and quiz files are all
        # checked before anything renders or runs, and one report names everything wrong.
        self.includes = None
        if config_file.is_file():  # a Site made by a script or test may have no mkdocs.yml
            self.includes, more = includes.from_config(config_file)
            errors += more
        signatures = {name: macro for name, (macro, _) in self.macro_table.items()}
        self.calls, page_errors = page_check.read_docs(options.docs_dir, self.includes, signatures)
        errors += page_errors
        if config_file.is_file():
            errors += nav.unlisted(config_file, [page for page, _ in page_paths(options.docs_dir)])
            uncredited = [*self.settings.uncredited, *self.settings.pages.model_dump().values()]
            errors += credit.problems(pages(options.docs_dir), uncredited)
            errors += assets.unlisted_files(config_file, options.docs_dir)
        live_calls = [call for call in self.calls if signatures[call.macro].live]
        chosen = live_settings(options.root, chosen=self.settings)
        live = _reported(errors, lambda: LiveOutputs(chosen))
        if live is not None:
            errors += live.refused(live_calls)
        own_types = [t for feature in self.features for t in feature.question_types]
        quiz_files = _reported(
            errors, lambda: quiz.load_quizzes(self.path(self.settings.quizzes), own_types)
        )
        self.assets, script_errors = assets.minified(options.docs_dir)
        errors += script_errors
        if live is not None and quiz_files is not None:
            self.quiz_files = quiz_files
            errors += [e for feature in self.features if feature.check for e in feature.check(self)]
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

    @property
    def links(self) -> quiz.Links:
        """How quiz HTML links pages, assets and exports in this build."""
        return quiz.Links(
            self.options.use_directory_urls,
            self.options.raw_html_rewritten,
            assets=self.settings.assets,
            exports=self.settings.exports,
            quiz_index=self.settings.pages.quiz_index,
        )

    def macros(self, current_page: Callable[[], str]) -> dict[str, MacroFunction]:
        """What pages may call, as functions; ``current_page()`` is the docs path being
        rendered."""
        view = _PageView(self, current_page)
        functions = {name: make(view) for name, (_, make) in self.macro_table.items()}
        if self.includes is None:
            return functions
        return {name: self._escaped(function) for name, function in functions.items()}

    def _escaped(self, macro: MacroFunction) -> MacroFunction:
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
        assets.add(assets.bundled(Path(self.links.assets)), site_dir)
        assets.write(self.assets, site_dir)
        problems: list[SourceError] = []
        # In order: the offline copy comes last (``_features``), listing what others wrote.
        said = [_reported(problems, partial(finish, self, site_dir)) for finish in self._finishes()]
        pages = sitecheck.default_sources(self.options.docs_dir, self.options.use_directory_urls)
        pages.update(sources or {})
        checked = _reported(
            problems,
            lambda: sitecheck.require_sound_site(
                site_dir, site_url=self.options.site_url, sources=pages, root=self.options.root
            ),
        )
        if problems:
            raise SourceErrors(problems, "The site check")
        return "\n".join(filter(None, [checked, *said]))

    def _finishes(self) -> list[Callable[[Any, Path], str | None]]:
        return [feature.finish for feature in self.features if feature.finish]

    def shown(self, command: str, render: Callable[[Capture], str]) -> str:
        """The command's output as ``render`` shows it; a failed command fails the build
        in ``finish``, with every other failure, not here in the middle of a page."""
        try:
            return render(self.live.get(command))
        except SourceErrors:
            return f"`{command}` failed: the build reports why, and publishes nothing.\n"

    def capture(self, command: str) -> Capture | None:
        """The command's output if a page of this build runs it (for quiz generators)."""
        return self.live.get(command) if self.live.collected(command) else None

    def path(self, relative: str) -> Path:
        """A path of the settings, in the project."""
        return self.options.root / relative

    def generators(self) -> list[extension.QuizGenerator]:
        return [generator for found in self.extensions for generator in found.quizzes]

    def _quiz_bank(self, bank: quiz.QuizBank) -> quiz.QuizBank:
        """The quiz files, plus the quizzes the extensions make in this build."""
        for generator in self.generators():
            made = generator.make(_PageView(self, lambda: ""))
            bank.add(quiz.QuizFile(made, generator.source))
        quiz.check_links(bank, self.options.docs_dir)
        return bank


class _PageView:
    """The build as one engine call sees it: ``current_page()`` is the page it renders
    (Zensical renders pages with one shared ``Site``)."""

    def __init__(self, site: Site, current_page: Callable[[], str]) -> None:
        self._site = site
        self.current_page = current_page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._site, name)


MacroMaker = Callable[[Any], MacroFunction]


def _features(
    chosen: settings.Settings, extensions: list[extension.Extension]
) -> list[extension.Extension]:
    """The features the settings turn on, the ones always on, the course's extensions,
    then the ones that finish last (the offline copy lists every file the others wrote)."""
    on = {name: f for name, f in FEATURES.items() if getattr(chosen.features, name)}
    first = [f for name, f in on.items() if name not in LAST]
    return [*first, *ALWAYS, *extensions, *(on[name] for name in LAST if name in on)]


def _macro_table(features: list[extension.Extension]) -> dict[str, tuple[Macro, MacroMaker]]:
    """What pages may call: each feature's macros (a later one's win, as listed)."""
    return {
        name: (definition.macro, definition.make)
        for feature in features
        for name, definition in feature.macros.items()
    }


def project_extensions(config_file: Path) -> list[extension.Extension]:
    """The extensions the project's settings name, outside a build (the snippet checker,
    scripts); ``SourceErrors`` if the settings or an extension are wrong."""
    found, errors = _extensions(
        _project_settings(config_file), config_file.resolve().parent, config_file
    )
    if errors:
        raise SourceErrors(errors, settings.CHECK)
    return found


def page_macros(config_file: Path) -> dict[str, Macro]:
    """What the pages of the project may call (for scripts that read pages outside a
    build); ``SourceErrors`` if its settings or extensions are wrong."""
    features = _features(_project_settings(config_file), project_extensions(config_file))
    return {name: macro for name, (macro, _) in _macro_table(features).items()}


def quizzes_outside_build(config_file: Path) -> quiz.QuizBank:
    """The project's quiz files and its extensions' quizzes, as made outside a build
    (no command has run); ``SourceErrors`` as the build reports them."""
    found = project_extensions(config_file)
    folder = config_file.resolve().parent / _project_settings(config_file).quizzes
    bank = quiz.load_quizzes(folder, [t for e in found for t in e.question_types])
    for generator in (g for extension_ in found for g in extension_.quizzes):
        bank.add(quiz.QuizFile(generator.make(extension.NoOutputs()), generator.source))
    return bank


def _project_settings(config_file: Path) -> settings.Settings:
    return settings.read(config_file) if config_file.is_file() else settings.Settings()


def _extensions(
    chosen: settings.Settings, root: Path, config_file: Path
) -> tuple[list[extension.Extension], list[SourceError]]:
    if not chosen.extensions:
        return [], []
    document = mkdocs_yml.document(config_file)
    return extension.load(
        chosen.extensions,
        root,
        lambda index: document.line_of((*settings.KEY, "extensions", index)),
    )


def _reported(errors: list[SourceError], make: Callable[[], T]) -> T | None:
    """What ``make`` returns, or None with its problems added to ``errors``."""
    try:
        return make()
    except SourceErrors as found:
        errors += found.errors
    except SourceError as error:
        errors.append(error)
    return None


def _read_folders(
    options: Options, config: Mapping[str, object], chosen: settings.Settings
) -> list[Path]:
    """Where the build reads sources: docs/, data/, the folders of the settings' files
    and the theme's templates (custom_dir)."""
    folders = [options.docs_dir, options.root / "data", options.root / chosen.quizzes]
    folders += [(options.root / chosen.allowlist).parent, options.root / chosen.captures]
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        folders.append(options.root / theme["custom_dir"])
    found = [f for f in folders if (f.exists() or f.is_symlink()) and f != options.root]
    return [f for i, f in enumerate(found) if not any(f.is_relative_to(o) for o in found[:i])]


def _written_folders(
    options: Options, config: Mapping[str, object], chosen: settings.Settings
) -> list[Path]:
    """Where the build writes: the site folder (mkdocs.yml's site_dir) and the cache."""
    cache = chosen.cache
    return [options.root / str(config.get("site_dir", "site")), options.root / cache]


def _sources_state(options: Options) -> tuple[int, ...]:
    """Modification times of everything a Site reads, to know when to make it again
    (``lstat``: a link is refused by the link check, never followed here)."""
    # Zensical asks for every page: os.scandir's entries carry their stat, five times
    # as fast as Path.rglob and lstat (a 550-page site: 0.9 ms instead of 4 per page).
    times: list[int] = []
    folders = [str(options.docs_dir), str(options.root / "data")]
    while folders:
        try:
            entries = os.scandir(folders.pop())
        except OSError:  # a folder that is not there (no data/) has no state
            continue
        with entries:
            for entry in entries:
                times.append(entry.stat(follow_symlinks=False).st_mtime_ns)
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
    return tuple(sorted(times))
