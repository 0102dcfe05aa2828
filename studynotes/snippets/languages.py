"""The snippet languages: one registry, one module each (``LANGUAGE`` in ``*_check.py``).

A new language is a module defining ``LANGUAGE`` and one line here; a course adds its
own through its extension (``Extension(snippet_languages=...)``), with no change here.
The kinds any language takes (``file``, ``output``) and ``illustrative`` are the
checker's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from studynotes.snippets import docker_check, python_check, shell_check, yaml_check
from studynotes.snippets.language import Kind, Language

LANGUAGES: tuple[Language, ...] = (
    shell_check.LANGUAGE,
    python_check.LANGUAGE,
    docker_check.LANGUAGE,
    yaml_check.LANGUAGE,
)
# What any block may be marked as, whatever its language.
ANY_LANGUAGE = {
    "output": Kind(
        'text check="output"',
        "right under a `run`/`fail` block: what that block must print; `...` matches any text",
    ),
    "file": Kind(
        'python title="app.py" check="file"',
        "not run: saved as `app.py` in the build context of the page's Dockerfile blocks below it",
    ),
}
ILLUSTRATIVE = Kind(
    'bash illustrative="needs an AWS account and credentials"',
    "not run; the reason is required and is listed in the report",
)
GENERIC_OPTIONS = ("check", "illustrative", "timeout")  # fence options of every language


def by_name(languages: Iterable[Language] = LANGUAGES) -> dict[str, Language]:
    """Fence name -> its language (a later language may not take a name already taken)."""
    found: dict[str, Language] = {}
    for language in languages:
        for name in language.names:
            if name in found:
                raise ValueError(f"'{name}' is both {found[name].family} and {language.family}")
            found[name] = language
    return found


def mark_keys(languages: Iterable[Language] = LANGUAGES) -> tuple[str, ...]:
    """Every fence option the checker reads (the site strips them before rendering)."""
    own = [option for language in languages for option in language.options]
    return GENERIC_OPTIONS + tuple(dict.fromkeys(own))


def hints(languages: Sequence[Language] = LANGUAGES) -> str:
    """How the page check tells a contributor to name a block's language."""
    named = [language.hint or f"```{language.names[0]}" for language in languages]
    return f"{', '.join(named)}, or ```text for output"


def contributing_table(languages: Sequence[Language] = LANGUAGES) -> str:
    """CONTRIBUTING.md's table of marks, as the checker has them (a test compares)."""
    kinds = [kind for language in languages for kind in language.kinds.values()]
    rows = [*kinds, *ANY_LANGUAGE.values(), ILLUSTRATIVE]
    lines = ["| Fence | What `make snippets` does |", "| --- | --- |"]
    lines += [f"| ```` ```{kind.example} ```` | {kind.does} |" for kind in rows]
    return "\n".join(lines)
