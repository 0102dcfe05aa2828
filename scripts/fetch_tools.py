"""Fetch the test tools that are not Python packages from the npm registry, once, and
print their paths: the Nu HTML Checker (vnu.jar) and axe-core (axe.min.js).

    .venv/bin/python scripts/fetch_tools.py

Each tarball is checked against the integrity the registry published for the pinned
version before anything is unpacked; the files are kept in the user's cache
(~/.cache/studynotes/tools/), never the project's: the tests run them, and a pull request
could commit a file under .cache/.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from studynotes import user_cache


@dataclass(frozen=True)
class Tool:
    package: str
    version: str
    integrity: str  # what `npm view PACKAGE@VERSION dist.integrity` prints
    member: str  # the file wanted, inside the tarball
    name: str  # what it is called in the cache

    @property
    def path(self) -> Path:
        return user_cache.folder("tools") / self.name

    @property
    def url(self) -> str:
        return f"https://registry.npmjs.org/{self.package}/-/{self.package}-{self.version}.tgz"


VNU = Tool(
    "vnu-jar",
    "26.9.27",
    "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==",
    "package/build/dist/vnu.jar",
    "vnu-26.9.27.jar",
)
# axe-core itself, not a Python wrapper's bundled copy: 4.14 checks colour contrast
# about three times as fast as 4.12, and the audit of every page is mostly that.
AXE = Tool(
    "axe-core",
    "4.14.1",
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
    "package/axe.min.js",
    "axe-core-4.14.1.min.js",
)
TOOLS = (VNU, AXE)


def fetch(tool: Tool) -> Path:
    if tool.path.is_file():
        return tool.path
    with urllib.request.urlopen(tool.url, timeout=120) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != tool.integrity:
        raise SystemExit(f"{tool.url}: integrity {digest} is not the pinned {tool.integrity}")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile(tool.member)
        if member is None:
            raise SystemExit(f"{tool.url} holds no {tool.member}")
        tool.path.parent.mkdir(parents=True, exist_ok=True)
        partial = tool.path.with_suffix(".part")
        partial.write_bytes(member.read())
        partial.replace(tool.path)
    return tool.path


if __name__ == "__main__":
    for tool in TOOLS:
        print(fetch(tool))
    sys.exit(0)
