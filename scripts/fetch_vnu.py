"""Fetch the Nu HTML Checker (vnu.jar) from the npm registry, once: print its path.

    .venv/bin/python scripts/fetch_vnu.py

The tarball is checked against the integrity the registry published for the pinned
version before anything is unpacked; the jar is kept in the user's cache
(~/.cache/studynotes/tools/), never the project's: the tests run it, and a pull request
could commit a jar under .cache/.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from studynotes import user_cache

VERSION = "26.9.27"
INTEGRITY = (  # what `npm view vnu-jar@VERSION dist.integrity` prints
    "sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+"
    "rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
)
URL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VERSION}.tgz"
JAR = user_cache.folder("tools") / f"vnu-{VERSION}.jar"


def fetch() -> Path:
    if JAR.is_file():
        return JAR
    with urllib.request.urlopen(URL, timeout=120) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"{URL}: integrity {digest} is not the pinned {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile("package/build/dist/vnu.jar")
        if member is None:
            raise SystemExit(f"{URL} holds no package/build/dist/vnu.jar")
        JAR.parent.mkdir(parents=True, exist_ok=True)
        partial = JAR.with_suffix(".part")
        partial.write_bytes(member.read())
        partial.replace(JAR)
    return JAR


if __name__ == "__main__":
    print(fetch())
    sys.exit(0)
