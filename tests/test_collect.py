"""Finding live macro calls, and code staying literal."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from studynotes.errors import SourceError
from studynotes.live.collect import blank_front_matter, find_calls
from studynotes.templating import protect_code

PAGE = """---
tags: [x]
---

# Title

{{ run("df -h") }}

!!! note
    {{ run("docker image ls", expect_failure=True) }}

{{ df(keep_pseudo=True) }}
"""


def test_calls_are_found_with_file_line_numbers() -> None:
    calls = find_calls(blank_front_matter(PAGE), "linux/page.md")
    assert [(c.line, c.macro, c.command) for c in calls] == [
        (7, "run", "df -h"),
        (10, "run", "docker image ls"),
        (12, "df", "df -h"),
    ]
    assert calls[1].option("expect_failure") is True
    assert calls[2].option("keep_pseudo") is True


def test_non_literal_argument_is_refused() -> None:
    with pytest.raises(SourceError, match=r"p.md:2: run\(\): arguments must be literal"):
        find_calls("\n{{ run(command) }}\n", "p.md")


def test_template_syntax_error_names_the_line() -> None:
    with pytest.raises(SourceError, match=r"p.md:3: template syntax error"):
        find_calls("a\nb\n{{ run('df' }}\n", "p.md")


DOCKER = """Names:

```bash
docker container ls --format '{{.Names}}'
```

    ```go
    {{ .Indented }}
    ```

Inline `{{.ID}}` and a macro {{ shout("x") }}.

{% raw %}
```
{{ already raw }}
```
{% endraw %}
"""


def test_code_is_literal_and_macros_outside_code_still_run() -> None:
    env = Environment()
    env.globals["shout"] = lambda s: s.upper()
    protected = protect_code(DOCKER)
    assert protected.count("\n") == DOCKER.count("\n")  # line numbers are kept
    html = env.from_string(protected).render()
    assert "--format '{{.Names}}'" in html
    assert "{{ .Indented }}" in html
    assert "`{{.ID}}`" in html
    assert "a macro X." in html
    assert "{{ already raw }}" in html and "{% raw %}" not in html
