"""A capture as a console block with a caption saying live or recorded, when and where."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from studynotes.live.capture import Capture


def console_block(capture: Capture) -> str:
    """The prompt line, the output and any truncation/timeout note, in a console fence."""
    body = capture.output.rstrip("\n")
    if capture.truncated:
        body += (
            f"\n[output truncated: first {len(capture.output.encode()):,} of "
            f"{capture.total_bytes:,} bytes shown]"
        )
    if capture.timed_out:
        body += "\n[killed: the command did not finish within its time limit]"
    elif capture.exit_code:
        body += f"\n[exit status {capture.exit_code}]"
    text = f"$ {capture.command}\n{body}" if body else f"$ {capture.command}"
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"{fence} console\n{text}\n{fence}"


def caption(capture: Capture, note: str = "") -> str:
    """One line of HTML under the block; every value from the machine is escaped.

    ``note`` (plain text) says what the block leaves out of the output, and why.
    """
    when = _when(capture.captured_at)
    where = escape(capture.host) + (f"; {escape(capture.tool)}" if capture.tool else "")
    if capture.live:
        label = '<span class="live-badge live-badge--live">Live</span> output of this build'
    else:
        label = (
            '<span class="live-badge live-badge--recorded">Recorded</span> output, shown '
            f"because a live run was not possible here ({escape(capture.reason or '')})"
        )
    extra = f" {escape(note)}" if note else ""
    return (
        f'<p class="live-caption">{label}, captured <time datetime="'
        f'{escape(capture.captured_at)}">{when}</time> on {where}.{extra}</p>'
    )


def render(capture: Capture, note: str = "") -> str:
    return f"{console_block(capture)}\n\n{caption(capture, note)}\n"


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return escape(iso)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)
