"""Re-record the captures that stand in for live output where a tool is missing.

    make captures

Runs every live command the pages call, for real (no cache, no recorded stand-ins:
a command that cannot run live is an error), and writes the results to
data/captures/, one JSON file per program. Commit the changed files.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studynotes.errors import REPORTED  # noqa: E402
from studynotes.live.session import LiveOutputs  # noqa: E402
from studynotes.page_check import check_docs  # noqa: E402
from studynotes.site import live_settings, page_macros  # noqa: E402  (as the build has them)


def main() -> int:
    settings = live_settings(ROOT)
    settings.cache.ttl = 0
    settings.require_live = True
    live = LiveOutputs(settings)
    try:
        macros = page_macros(ROOT / "mkdocs.yml")
        calls = check_docs(ROOT / "docs", macros=macros)
        live.prepare([call for call in calls if macros[call.macro].live])
    except REPORTED as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for command, capture in live.results.items():
        live.recorded.put(live.programs[command], capture)
        print(f"recorded: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
