"""A command's captured output with its stamp: live or recorded, when, and where."""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Capture:
    command: str
    output: str
    exit_code: int | None  # None: killed at the timeout
    timed_out: bool
    truncated: bool
    total_bytes: int
    captured_at: str  # ISO 8601, UTC
    host: str  # operating system, kernel, machine
    tool: str | None  # the tool's own version line
    live: bool = True
    reason: str | None = None  # why a recorded capture stands in for a live run

    @property
    def failed(self) -> bool:
        return self.timed_out or self.exit_code != 0

    def as_recorded(self, reason: str) -> Capture:
        return replace(self, live=False, reason=reason)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        del data["live"], data["reason"]  # the context decides these, not the file
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Capture:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**fields)  # type: ignore[arg-type]


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def host_description() -> str:
    """'Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64, x86_64' or as near as known."""
    name = platform.system()
    try:
        release = platform.freedesktop_os_release()
        name = release.get("PRETTY_NAME", name)
    except OSError:
        pass
    return f"{name}, {platform.system()} {platform.release()}, {platform.machine()}"


class RecordedCaptures:
    """Captures committed to the repository, one JSON file per program."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _file(self, program: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in program)
        return self.directory / f"{safe}.json"

    def get(self, program: str, command: str) -> Capture | None:
        path = self._file(program)
        if not path.exists():
            return None
        entry = json.loads(path.read_text(encoding="utf-8")).get(command)
        return Capture.from_dict(entry) if entry else None

    def put(self, program: str, capture: Capture) -> None:
        path = self._file(program)
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data[capture.command] = capture.to_dict()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
