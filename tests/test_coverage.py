"""Every key term of the course sources is findable with the site's search."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.support import Build

TERMS = Path(__file__).with_name("data") / "coverage_terms.txt"


def _terms() -> list[str]:
    lines = TERMS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_term_list_is_long_enough() -> None:
    assert len(set(_terms())) >= 80


def test_every_key_term_is_in_the_search_index(site_build: Build) -> None:
    index = json.loads((site_build.site / "search" / "search_index.json").read_text())
    text = " ".join(f"{doc['title']} {doc['text']}" for doc in index["docs"])
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    missing = [term for term in _terms() if term not in text]
    assert missing == [], f"terms no page covers any more: {missing}"
