from __future__ import annotations

from studynotes.live.capture import Capture
from studynotes.render.console import caption, console_block


def _capture(**changes: object) -> Capture:
    fields = dict(
        command="df -h",
        output="Filesystem Size\n/dev/x 1G\n",
        exit_code=0,
        timed_out=False,
        truncated=False,
        total_bytes=25,
        captured_at="2026-11-23T20:00:00+00:00",
        host="Debian 12, Linux 6.1, x86_64",
        tool="df (GNU coreutils) 9.1",
    )
    fields.update(changes)
    return Capture(**fields)  # type: ignore[arg-type]


def test_console_block_has_prompt_and_output() -> None:
    block = console_block(_capture())
    assert block.startswith("``` console\n$ df -h\nFilesystem Size\n/dev/x 1G\n")
    assert block.endswith("\n```")


def test_fence_outgrows_backticks_in_output() -> None:
    block = console_block(_capture(output="a ``` b ```` c\n"))
    assert block.startswith("````` console")


def test_truncation_timeout_and_exit_status_are_visible() -> None:
    assert "[output truncated: first 5 of 900 bytes shown]" in console_block(
        _capture(output="12345", truncated=True, total_bytes=900)
    )
    assert "did not finish within its time limit" in console_block(
        _capture(timed_out=True, exit_code=None)
    )
    assert "[exit status 2]" in console_block(_capture(exit_code=2))


def test_caption_says_live_or_recorded_when_and_where() -> None:
    live = caption(_capture())
    assert "Live" in live and "2026-11-23 20:00 UTC" in live
    assert "Debian 12" in live and "df (GNU coreutils) 9.1" in live
    recorded = caption(_capture(live=False, reason="docker daemon <down>"))
    assert "Recorded" in recorded and "docker daemon &lt;down&gt;" in recorded
