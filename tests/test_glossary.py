from __future__ import annotations

from pathlib import Path

import pytest

from studynotes import glossary
from studynotes.errors import SourceError
from tests.support import ROOT


def test_real_glossary_loads_sorted() -> None:
    terms = glossary.load(ROOT / "docs" / "includes" / "abbreviations.md")
    names = [t.term for t in terms]
    assert {"AMI", "ALB", "ECS", "ECR", "EMR", "HDFS", "IAM", "VPC"} <= set(names)
    assert names == sorted(names, key=str.casefold)


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "abbr.md"
    path.write_text("*[AMI]: Amazon Machine Image\n\nAMI = oops\n")
    with pytest.raises(SourceError) as caught:
        glossary.load(path)
    assert f"{path}:3" in str(caught.value)
    assert "*[ABBR]: Meaning" in str(caught.value)


def test_duplicate_term_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "abbr.md"
    path.write_text("*[VM]: Virtual Machine\n*[VM]: Very Mean\n")
    with pytest.raises(SourceError, match=r"abbr.md:2: 'VM' is already defined on line 1"):
        glossary.load(path)


def test_markdown_escapes_html_and_pipes(tmp_path: Path) -> None:
    path = tmp_path / "abbr.md"
    path.write_text("*[X]: <script>alert(1)</script> | y\n")
    table = glossary.to_markdown(glossary.load(path))
    assert "<script>" not in table
    assert "&lt;script&gt;" in table and "&#124; y" in table
