"""Questions computed at build time from ``df -h`` output (week 3 breakout 3).

One set comes from the course sheet's sample; ``df_questions`` makes the same set
from any capture (a live one from the build machine, or a recorded one), and the
exhibit's caption says which. Answers are computed from the parsed numbers, so the
questions can never disagree with the output they show.
"""

from __future__ import annotations

import re

from macros import df_output as df
from macros.df_output import GIB, Filesystem
from studynotes.extension import (
    Exhibit,
    NumericQuestion,
    Option,
    Question,
    Quiz,
    SingleQuestion,
    number,
    slugify,
)

COURSE_SAMPLE = """\
Filesystem      Size  Used Avail Use% Mounted on
devtmpfs        3.9G     0  3.9G   0% /dev
tmpfs           3.9G     0  3.9G   0% /dev/shm
tmpfs           3.9G  492K  3.9G   1% /run
tmpfs           3.9G     0  3.9G   0% /sys/fs/cgroup
/dev/xvda1      100G   19G   82G  19% /
tmpfs           798M     0  798M   0% /run/user/1001
"""
COURSE_LABEL = "Recorded output of `df -h` on the course VM, from the week 3 breakout sheet"
DF_NOTES = "linux/disk-space.md#df-answers"
SUDO_NOTES = "linux/disk-space.md#why-sudo"
_SOURCE_FEEDBACK = {
    "tmpfs": "A filesystem in memory (RAM), not on the disk.",
    "devtmpfs": "The device files of /dev, kept in memory by the kernel.",
    "overlay": "The layered filesystem of a container; here it is not the answer.",
}


def df_questions(text: str, label: str, id_prefix: str) -> list[Question]:
    """Five questions about one ``df -h`` capture: size, used (GiB and %), free, root device.

    ``label`` is the exhibit's caption: say whether the output is live or recorded, and
    when and where it was captured. Raises ValueError if ``text`` is not df output or
    nothing is mounted on ``/``.
    """
    filesystems = df.parse(text)
    root = df.root(filesystems)
    if root.size_bytes is None or root.used_bytes is None or root.avail_bytes is None:
        raise ValueError(f"df printed no sizes for {root.source} on /")
    exhibit = Exhibit(caption=label, text="$ df -h\n" + text.strip("\n"))
    device = f"`{root.source}`"

    def numeric(suffix: str, prompt: str, size: int, explanation: str) -> NumericQuestion:
        return NumericQuestion(
            type="numeric",
            id=f"{id_prefix}-{suffix}",
            prompt=prompt,
            exhibit=exhibit,
            answer=_gib(size),
            tolerance=_tolerance(size),
            unit="GiB",
            explanation=explanation,
            learn_more=DF_NOTES,
        )

    size, used, avail = root.size_bytes, root.used_bytes, root.avail_bytes
    percent = root.percent_used or 0
    return [
        numeric(
            "size",
            "How much storage does this VM have, in GiB?",
            size,
            f"The root filesystem {device} (mounted on `/`) is {number(_gib(size))} GiB. The "
            "`tmpfs` and `devtmpfs` rows live in memory and are not storage.",
        ),
        numeric(
            "used",
            "How much of that storage is used, in GiB?",
            used,
            f"The Used column of the `/` row: {number(_gib(used))} GiB.",
        ),
        NumericQuestion(
            type="numeric",
            id=f"{id_prefix}-percent",
            prompt="What percentage of the storage is used?",
            exhibit=exhibit,
            answer=percent,
            tolerance=1,
            unit="%",
            explanation=(
                f"The Use% column of the `/` row: {percent} %. df computes it as Used / "
                "(Used + Avail), rounded up, so it can differ by a point from Used / Size."
            ),
            learn_more=DF_NOTES,
        ),
        numeric(
            "available",
            "How much storage is still available, in GiB?",
            avail,
            f"The Avail column of the `/` row: {number(_gib(avail))} GiB. df -h rounds every "
            "figure up, and ext4 reserves a few per cent for root, so Used + Avail need not "
            "equal Size.",
        ),
        _root_question(filesystems, root, exhibit, id_prefix),
    ]


def _root_question(
    filesystems: list[Filesystem], root: Filesystem, exhibit: Exhibit, id_prefix: str
) -> SingleQuestion:
    sources = list(dict.fromkeys(fs.source for fs in filesystems))  # unique, in df's order
    if len(sources) < 2:
        sources.append("tmpfs" if root.source != "tmpfs" else "/dev/sda1")
    mounts = {fs.source: fs.mount for fs in reversed(filesystems)}  # first mount wins
    options = [
        Option(
            id=slugify(source),
            text=f"`{source}`",
            correct=source == root.source,
            feedback=_source_feedback(source, root, mounts.get(source)),
        )
        for source in sources
    ]
    return SingleQuestion(
        type="single",
        id=f"{id_prefix}-root-device",
        prompt="Which device holds the root filesystem (the one mounted on `/`)?",
        exhibit=exhibit,
        options=options,
        explanation=(
            f"`{root.source}` is mounted on `/`: everything not on another mount lives there, "
            "your home directory and Docker's storage included."
        ),
        learn_more=DF_NOTES,
    )


def _source_feedback(source: str, root: Filesystem, mount: str | None) -> str:
    if source == root.source:
        if re.fullmatch(r"/dev/(?:(?:xvd|sd|vd)[a-z]+\d+|nvme\d+n\d+p\d+)", source):
            return "A partition of the VM's virtual disk, mounted on `/`."
        return "The filesystem mounted on `/`."
    where = f" Here it is mounted on `{mount}`." if mount else ""
    return _SOURCE_FEEDBACK.get(source, "Another filesystem, not the one on `/`.") + where


def _gib(size: int) -> float:
    return round(size / GIB, 2)


def _tolerance(size: int) -> float:
    """How far an answer may be off and still be right: the precision df -h printed with.

    df -h shows one decimal below 10 of its unit and whole units above (3.9G, 82G,
    798M), rounding up; so accept one step of the last printed digit.
    """
    power = 0  # 1 = K, 2 = M, 3 = G, 4 = T
    while power < 4 and size >= 1024 ** (power + 1):
        power += 1
    unit = 1024**power
    step = 0.1 if size / unit < 10 else 1
    return max(round(step * unit / GIB, 2), 0.01)


def course_sample_questions() -> list[Question]:
    """The df questions for the course sheet's sample output."""
    return df_questions(COURSE_SAMPLE, COURSE_LABEL, "df-course")


def sudo_question() -> SingleQuestion:
    """Why the course runs walk_directory_tree.py with sudo."""
    return SingleQuestion(
        type="single",
        id="df-why-sudo",
        prompt="Why does the course run `walk_directory_tree.py` with `sudo`?",
        options=[
            Option(
                id="unreadable-directories",
                text="Many directories belong to root or other users and cannot be read otherwise",
                correct=True,
                feedback=(
                    "`/root`, `/var/lib/docker`, parts of `/var/log` and other users' homes "
                    "are closed to you; without sudo they are skipped and the totals come out low."
                ),
            ),
            Option(
                id="faster",
                text="Programs run faster as root",
                feedback="Root gets no speed-up; it gets permission to read everything.",
            ),
            Option(
                id="deletes-files",
                text="The program deletes large files, which needs root",
                feedback="It only lists directories and files with sizes; it changes nothing.",
            ),
            Option(
                id="python",
                text="Python scripts always need root to run",
                feedback="Any user can run Python; only reading others' directories needs root.",
            ),
        ],
        explanation=(
            "A program can only measure what it can read. Docker's storage under "
            "`/var/lib/docker`, often the biggest directory, belongs to root: without sudo "
            "the walk misses exactly what is filling the disk."
        ),
        learn_more=SUDO_NOTES,
    )


def disk_space_quiz(
    page: str = "quizzes/disk-space.md",
    live_text: str | None = None,
    live_label: str | None = None,
) -> Quiz:
    """The breakout 3 quiz: the course sample, optionally a live capture, and the sudo question.

    ``live_label`` must say live or recorded, when and where (e.g. "Live output of this
    build, captured 2026-11-23 19:04 UTC on build-host").
    """
    questions: list[Question] = [*course_sample_questions()]
    if live_text is not None:
        questions += df_questions(live_text, live_label or "Output of `df -h`", "df-live")
    questions.append(sudo_question())
    return Quiz(
        id="disk-space",
        title="How full is the disk?",
        description=(
            "Read `df -h` output: how big the VM's storage is, how much is used and free, and "
            "which device is the root filesystem; then why the course's disk walker needs sudo."
        ),
        page=page,
        source=(
            "UC Berkeley MIDS w205 (Fundamentals of Data Engineering), week 3 breakout 3; "
            "answers computed from the df output at build time."
        ),
        questions=questions,
    )
