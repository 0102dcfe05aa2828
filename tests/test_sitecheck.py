"""The built-site check on small sites written by hand: what it finds and where it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from studynotes.errors import SourceErrors
from studynotes.sitecheck import check_site, require_sound_site
from studynotes.sitecheck.__main__ import main
from studynotes.sitecheck.resolve import SiteBase, Target, target

BASE = SiteBase.from_url("https://notes.example/study-notes/")


def _page(body: str) -> str:
    return f"<!doctype html>\n<html><head><title>t</title></head>\n<body>\n{body}\n</body></html>\n"


def _site(tmp_path: Path, pages: dict[str, str], files: tuple[str, ...] = ()) -> Path:
    site = tmp_path / "site"
    for name, body in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(_page(body))
    for name in files:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"x")
    return site


def _problems(site: Path, **kwargs: object) -> list[str]:
    outcome = check_site(site, site_url="https://notes.example/study-notes/", **kwargs)
    return [str(error) for error in outcome.errors]


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("../distros/", "linux/backups/index.html", Target("linux/distros/index.html", "")),
        (
            "../distros/#tree",
            "linux/backups/index.html",
            Target("linux/distros/index.html", "tree"),
        ),
        ("#top", "linux/backups/index.html", Target("linux/backups/index.html", "top")),
        ("../../assets/x.css?v=1", "linux/a/index.html", Target("assets/x.css", "")),
        ("..", "linux/index.html", Target("index.html", "")),
        ("/study-notes/linux/", "404.html", Target("linux/index.html", "")),
        ("/study-notes", "404.html", Target("index.html", "")),
        ("/elsewhere/", "404.html", Target(None, "")),
        ("../../../up/", "linux/a/index.html", Target(None, "")),
        ("https://notes.example/study-notes/s3/", "index.html", Target("s3/index.html", "")),
        ("//notes.example/study-notes/a.png", "index.html", Target("a.png", "")),
        ("caf%C3%A9.png#d%C3%A9j%C3%A0", "index.html", Target("café.png", "déjà")),
    ],
)
def test_urls_resolve_as_a_static_host_serves_them(url: str, page: str, expected: Target) -> None:
    assert target(url, page, BASE) == expected


@pytest.mark.parametrize(
    "url", ["https://github.com/x", "mailto:a@b.c", "data:image/png;base64,AA", "javascript:0"]
)
def test_external_and_other_schemes_are_not_the_checks_business(url: str) -> None:
    assert target(url, "index.html", BASE) is None


def test_a_sound_site_has_no_problems_and_counts_what_it_checked(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="linux/">Linux</a> <a href="linux#tree">tree</a>'
            '<link rel="stylesheet" href="assets/site.css"><img srcset="a.png 1x, b.png 2x">'
            '<a href="https://notes.example/study-notes/">home</a><a href="https://x.org/">x</a>',
            "linux/index.html": '<h2 id="tree">Tree</h2><a href="../#">top</a>'
            '<a name="old-anchor"></a><a href="#old-anchor">old</a>',
        },
        files=("assets/site.css", "a.png", "b.png"),
    )
    outcome = check_site(site, site_url="https://notes.example/study-notes/")
    assert outcome.errors == []
    assert (outcome.pages, outcome.links, outcome.fragments) == (2, 8, 2)
    assert outcome.summary().endswith("no problems")


def test_every_problem_of_the_run_is_reported_at_once(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<img src="gone.png">\n<a href="linux/#nope">x</a>\n'
            '<script src="assets/app.js"></script>\n<a href="/elsewhere/">y</a>',
            "linux/index.html": '<h2 id="tree">T</h2>\n<p id="tree">again</p>',
        },
    )
    problems = _problems(site)
    assert len(problems) == 5, problems
    shown = "\n".join(problems)
    assert "image 'gone.png' leads to no file of the site (gone.png is missing)" in shown
    assert "has no heading or element with id 'nope'" in shown
    assert "script 'assets/app.js' leads to no file" in shown
    assert "'/elsewhere/' leaves the site (not under /study-notes/)" in shown
    assert "id 'tree' is used twice on this page" in shown


def test_html_files_a_contributor_adds_are_read_whatever_they_hold(tmp_path: Path) -> None:
    """An empty file, one of comments only, and XHTML with an encoding declaration
    (files under docs/ are published as they are): checked, never a traceback."""
    site = _site(tmp_path, {"index.html": '<a href="notes.html">n</a>'})
    (site / "empty.html").write_text("")
    (site / "comment.html").write_text("<!-- kept for later -->\n")
    (site / "notes.html").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body>\n'
        '<p id="déjà">d</p>\n<a href="gone.html">g</a>\n</body></html>\n'
    )
    problems = _problems(site)
    assert len(problems) == 1, problems
    assert "site/notes.html:4: link 'gone.html' leads to no file" in problems[0]


def test_problems_are_placed_at_the_markdown_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "linux").mkdir(parents=True)
    (docs / "linux" / "page.md").write_text(
        "---\ntags: [x]\n---\n\n# Page\n\n"  # front matter counts: lines 1-3
        'Raw: <img src="pic.png" alt="">\n\n'  # 7
        "A [heading](other.md#the-tree) link.\n\n"  # 9
        '<div id="dup">one</div>\n<div id="dup">two</div>\n\n'  # 11, 12
        'Again <img src="pic.png" alt="">\n'  # 14
    )
    (docs / "linux" / "other.md").write_text("# Other\n\n## The trees\n")
    site = _site(
        tmp_path,
        {
            "linux/page/index.html": '<nav>\n<a href="../missing-from-nav/">theme</a>\n</nav>\n'
            '<img src="pic.png">\n<a href="../other/#the-tree">h</a>\n'
            '<div id="dup">one</div>\n<div id="dup">two</div>\n<img src="pic.png">',
            "linux/other/index.html": '<h2 id="the-trees">The trees</h2>',
        },
    )
    sources = {"linux/page/index.html": docs / "linux/page.md"}
    problems = _problems(site, sources=sources, root=tmp_path)
    assert [p.split(": ")[0] for p in problems] == [
        "docs/linux/page.md:7",
        "docs/linux/page.md:9",
        "docs/linux/page.md:12",
        "docs/linux/page.md:14",
        "site/linux/page/index.html:5",  # the theme's link: not in the Markdown
    ]
    assert "did you mean '#the-trees'?" in problems[1]
    assert "(built from docs/linux/page.md)" in problems[4]


def test_raw_html_beside_the_md_file_gets_the_url_that_works(tmp_path: Path) -> None:
    site = _site(tmp_path, {"linux/page/index.html": '<img src="pic.png">'}, ("linux/pic.png",))
    (problem,) = _problems(site)
    assert "write '../pic.png'" in problem


def test_require_sound_site_raises_one_report_grouped_by_file(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": '<a href="a/">a</a>', "b/index.html": '<a href="x">'})
    with pytest.raises(SourceErrors) as caught:
        require_sound_site(site, site_url=None, sources={}, root=tmp_path)
    report = str(caught.value)
    assert report.splitlines()[-1] == "The site check found 2 problems in 2 files."
    assert "site/b/index.html:4:" in report and "site/index.html:4:" in report


def test_command_line_exit_status_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    site = _site(tmp_path, {"index.html": '<a href="linux/">x</a>', "linux/index.html": ""})
    assert main([str(site)]) == 0
    assert "Site check: 2 pages, 1 internal links" in capsys.readouterr().out
    (site / "linux" / "index.html").unlink()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[Linux](linux/index.md)\n")
    assert main([str(site)]) == 1
    assert "docs/index.md:3: link 'linux/' leads to no file" in capsys.readouterr().err


def test_an_id_a_macro_repeats_is_placed_at_the_heading_that_has_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        "---\ntags: [x]\n---\n\n# Page\n\n## The tree\n\n{{ quiz('x') }}\n"
    )
    site = _site(tmp_path, {"page/index.html": '<h2 id="the-tree">T</h2>\n<div id="the-tree">'})
    (problem,) = _problems(site, sources={"page/index.html": docs / "page.md"}, root=tmp_path)
    assert problem.startswith("docs/page.md:7: id 'the-tree' is used twice"), problem
