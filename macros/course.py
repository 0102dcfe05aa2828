"""This course's extension: the df macro and the disk-space quiz of week 3 breakout 3.

Registered as any course's extension is (mkdocs.yml: ``extra: studynotes: extensions:
[macros.course]``), through the generator's public interface only.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from macros import df_output
from macros.df_quiz import disk_space_quiz
from studynotes.extension import (
    Capture,
    Extension,
    Macro,
    MacroDef,
    Outputs,
    Quiz,
    QuizGenerator,
    console_block,
)

DF = "df -h"  # the command whose output the quiz asks about
_PSEUDO_NOTE = (
    '<p class="live-caption">The table lists the disks: tmpfs, devtmpfs, overlay and '
    "other filesystems that live in memory or inside another one are left out of it "
    "(they are in the output above).</p>\n"
)


def df_shown(capture: Capture) -> tuple[Capture, str]:
    """The df capture as published: without the build machine's tiny special mounts,
    and the caption's note saying so."""
    output, left_out = df_output.without_special_mounts(capture.output)
    if not left_out:
        return capture, ""
    lines = "line" if left_out == 1 else "lines"
    note = (
        f"{left_out} {lines} left out: special mounts of 1 MiB or less that belong to the "
        "build machine, not storage."
    )
    return replace(capture, output=output), note


def _df_macro(site: Outputs):  # type: ignore[no-untyped-def]
    def df(command: str = DF, keep_pseudo: bool = False) -> str:
        """The df console block, then its filesystems as a table with usage bars.

        Pseudo filesystems (tmpfs, overlay, tiny special mounts) are left out of the
        table unless keep_pseudo=True; the console block always shows everything.
        """

        def render(capture: Capture) -> str:
            shown, note = df_shown(capture)
            filesystems = df_output.real_disks(df_output.parse(shown.output), keep_pseudo)
            table_note = "" if keep_pseudo else _PSEUDO_NOTE
            block = console_block(shown, note)
            return f"{block}\n{df_output.to_html(filesystems)}\n{table_note}"

        return site.shown(command, render)

    return df


def _disk_space_quiz(site: Outputs) -> Quiz:
    """The breakout 3 quiz, with this build's `df -h` when a page runs it."""
    capture = site.capture(DF)
    if capture is None:
        return disk_space_quiz()
    shown = df_shown(capture)[0]
    kind = "Live output of this build" if shown.live else "Recorded output"
    label = f"{kind} of `{DF}`, captured {shown.captured_at} on {shown.host}"
    return disk_space_quiz(live_text=shown.output, live_label=label)


extension = Extension(
    macros={
        "df": MacroDef(
            Macro(
                ("command", "keep_pseudo"), 0, "df's output and a table of the disks", DF, live=True
            ),
            _df_macro,
        )
    },
    quizzes=[
        QuizGenerator(
            disk_space_quiz().id, Path(__file__).with_name("df_quiz.py"), _disk_space_quiz
        )
    ],
)
