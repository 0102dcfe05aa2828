"""Check every marked block under docs/: the engine behind `make snippets` and its test."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from studynotes import page_check, user_cache
from studynotes.live import allowlist as allow
from studynotes.snippets.fences import blocks
from studynotes.snippets.language import Check, Context, Language
from studynotes.snippets.languages import LANGUAGES
from studynotes.snippets.marks import read_snippets
from studynotes.snippets.outcome import Failure
from studynotes.snippets.snippet import Snippet

Progress = Callable[[int, int, Path], None]  # (page number, pages, page)


@dataclass
class Report:
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (family, kind) -> n
    failures: list[Failure] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)  # why illustrative blocks are not run

    @property
    def ok(self) -> bool:
        return not self.failures


class Checker:
    def __init__(
        self,
        root: Path,
        allowlist: Path | None = None,
        home: Path | None = None,  # the commands' HOME (default: in the user's cache)
        languages: Sequence[Language] = LANGUAGES,
    ) -> None:
        self.root = root
        allowlist = allowlist or root / "data" / "commands.yml"
        home = home or user_cache.folder("home")  # never the project's, which a commit fills
        home.mkdir(parents=True, exist_ok=True)
        self.context = Context(root, allow.load(allowlist), _rel(allowlist, root), home)
        self.languages = tuple(languages)
        self._checks: dict[str, Check] = {}  # family -> its check, made when first needed

    def check_pages(self, pages: list[Path], progress: Progress | None = None) -> Report:
        report = Report()
        for number, page in enumerate(pages, 1):
            if progress:
                progress(number, len(pages), page)
            self.check_page(page, report)
        return report

    def check_page(self, page: Path, report: Report) -> None:
        found, unreadable = blocks(page, self.root)
        marked, malformed = read_snippets(found, self.languages)
        malformed += unreadable
        # Code the checker cannot read (no language, indented) is a problem, not a skip.
        malformed += page_check.code_problems_of(page, _rel(page, self.root))
        # Every malformed mark of the page is reported like a failure, and the
        # well-marked blocks still run: one run shows all there is to fix.
        report.failures += [Failure(e.path, e.line or 1, e.problem, fix=e.fix) for e in malformed]
        files: dict[str, str] = {}  # check="file" blocks so far, for Dockerfile contexts
        for snippet in marked:
            report.counts[(snippet.family, snippet.kind)] += 1
            if snippet.kind == "illustrative":
                report.reasons[snippet.reason] += 1
                continue
            if snippet.kind == "file":
                files[snippet.block.options["title"]] = snippet.block.source
                continue
            failure = self.check(snippet, files)
            if failure:
                report.failures.append(failure)

    def check(self, snippet: Snippet, files: dict[str, str]) -> Failure | None:
        if snippet.family not in self._checks:
            language = next(x for x in self.languages if x.family == snippet.family)
            self._checks[snippet.family] = language.make(self.context)
        return self._checks[snippet.family](snippet, files)


def pages(docs: Path) -> Iterator[Path]:
    """The Markdown pages, in a stable order; the included glossary is not a page."""
    for path in sorted(docs.rglob("*.md")):
        if "includes" not in path.relative_to(docs).parts:
            yield path


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
