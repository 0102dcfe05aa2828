"""What the offline copy lists and where it registers (studynotes/offline.py), on a small
site written by hand; tests/test_offline.py reads the real site offline in Chromium."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studynotes import offline
from studynotes.errors import SourceErrors

PAGE = "<!doctype html><html><head><title>{0}</title></head><body><p>{0}</p></body></html>\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    files = {
        "index.html": PAGE.format("Home"),
        "404.html": PAGE.format("Not found"),
        "linux/distros/index.html": PAGE.format("Distros"),
        "linux/notes.html": PAGE.format("Notes, no directory URL"),
        "search/search_index.json": '{"docs": []}',
        "assets/javascripts/bundle.js": "var a = 1;",
        "assets/javascripts/bundle.js.map": "{}",
        "assets/javascripts/lunr/min/lunr.de.min.js": "var de;",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "gz",
        "fragment.html": "<p>An HTML file of docs/, no body</p>",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def listed(site: Path) -> dict[str, str]:
    text = (site / offline.WORKER).read_text()
    assert text.startswith("var FILES=")
    return json.loads(text.split("\n", 1)[0].removeprefix("var FILES=").removesuffix(";"))


def test_every_file_but_the_excluded_is_kept_by_its_address_with_its_hash(site: Path) -> None:
    summary = offline.write(site, ["*.map", "sitemap.xml.gz"], 1, site / "mkdocs.yml", 3)
    files = listed(site)
    assert sorted(files) == [
        "",
        "404.html",
        "assets/javascripts/bundle.js",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "fragment.html",
        "linux/distros/",
        "linux/notes.html",
        "search/search_index.json",
        "sitemap.xml",
    ]
    assert files["linux/distros/"] == offline.digest(site / "linux/distros/index.html")
    assert summary.startswith("Offline: readers' browsers keep 9 files, 0.0 MB (budget 1 MB)")
    # A folder pattern leaves out what is under it; a name pattern matches in any folder.
    offline.write(site, ["assets/javascripts/lunr/*", "*.json"], 1, site / "mkdocs.yml", 3)
    files = listed(site)
    assert "assets/javascripts/lunr/min/lunr.de.min.js" not in files
    assert "search/search_index.json" not in files and "assets/javascripts/bundle.js" in files


def test_every_page_registers_the_worker_once_by_its_path_to_the_root(site: Path) -> None:
    for _ in range(2):  # a second finish (make serve) adds nothing
        offline.write(site, [], 1, site / "mkdocs.yml", 3)
    registered = {
        "index.html": "./sw.js",
        "linux/distros/index.html": "../../sw.js",
        "linux/notes.html": "../sw.js",
    }
    for page, worker in registered.items():
        html = (site / page).read_text()
        assert html.count("navigator.serviceWorker") == 1, page
        assert f'.register("{worker}")' in html, page
        assert html.index("navigator.serviceWorker") < html.index("</body>")
    # Served at any address, 404.html would register a worker elsewhere; a fragment has no body.
    assert "serviceWorker" not in (site / "404.html").read_text()
    assert "serviceWorker" not in (site / "fragment.html").read_text()
    # The list has the pages as readers get them: with their registration.
    assert listed(site)[""] == offline.digest(site / "index.html")


def test_a_copy_over_budget_fails_the_build_at_the_setting_and_names_the_biggest_files(
    site: Path,
) -> None:
    (site / "assets" / "big.png").write_bytes(b"x" * 1_500_000)
    with pytest.raises(SourceErrors) as raised:
        offline.write(site, [], 1, site / "mkdocs.yml", 42)
    [error] = raised.value.errors
    assert error.line == 42 and error.path.endswith("mkdocs.yml")
    assert "would keep 1.5 MB" in error.problem and "budget of 1 MB" in error.problem
    assert "assets/big.png (1.5 MB)" in error.problem
    assert "offline.exclude" in error.fix and "offline.budget_mb" in error.fix
    assert not (site / offline.WORKER).exists()
    assert "serviceWorker" not in (site / "index.html").read_text()  # nothing written
