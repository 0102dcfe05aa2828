from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from macros import df_output as df
from macros.df_output import GIB, Filesystem
from macros.df_quiz import COURSE_SAMPLE  # the week 3 breakout sheet's df -h

KIB, MIB = 1024, 1024**2
DF_K_SAMPLE = """\
Filesystem     1K-blocks     Used Available Use% Mounted on
udev             4017380        0   4017380   0% /dev
/dev/sda1      102438920 19876544  77321456  21% /
/dev/loop0         56832    56832         0 100% /snap/core18/2128
/dev/sdb1      976760001 12345678 964414323   2% /media/ana/My  Passport
"""
SVG = "{http://www.w3.org/2000/svg}"


def fs(percent: int | None = 19, **changes: object) -> Filesystem:
    fields: dict[str, object] = {
        "source": "/dev/xvda1",
        "size_bytes": 100 * GIB,
        "used_bytes": 19 * GIB,
        "avail_bytes": 82 * GIB,
        "use_percent": percent,
        "mount": "/",
    }
    return Filesystem(**{**fields, **changes})  # type: ignore[arg-type]


def test_course_sample() -> None:
    filesystems = df.parse(COURSE_SAMPLE)
    assert len(filesystems) == 6
    assert [f.mount for f in filesystems] == [
        "/dev",
        "/dev/shm",
        "/run",
        "/sys/fs/cgroup",
        "/",
        "/run/user/1001",
    ]
    assert df.root(filesystems) == Filesystem("/dev/xvda1", 100 * GIB, 19 * GIB, 82 * GIB, 19, "/")
    run = filesystems[2]
    # -h values are df's rounding, taken at face value: 3.9 GiB to the nearest byte.
    assert (run.size_bytes, run.used_bytes) == (round(3.9 * GIB), 492 * KIB)
    assert filesystems[5].size_bytes == 798 * MIB
    assert df.real_disks(filesystems) == [df.root(filesystems)]
    assert df.real_disks(filesystems, keep_pseudo=True) == filesystems


def test_course_sample_as_markdown() -> None:
    table = df.to_markdown_table(df.parse(COURSE_SAMPLE)).splitlines()
    assert table[0] == (
        "| Filesystem | Mounted on | Size (GiB) | Used (GiB) | Available (GiB) | Use% |"
    )
    assert table[1] == "| --- | --- | ---: | ---: | ---: | ---: |"
    assert table[4] == "| tmpfs | /run | 3.9 | 0.0 | 3.9 | 1% |"
    assert table[6] == "| /dev/xvda1 | / | 100.0 | 19.0 | 82.0 | 19% |"
    assert table[7] == "| tmpfs | /run/user/1001 | 0.8 | 0.0 | 0.8 | 0% |"


def test_df_k_is_exact_kib_and_mounts_keep_spaces() -> None:
    filesystems = df.parse(DF_K_SAMPLE)
    assert filesystems[1] == Filesystem(
        "/dev/sda1", 102438920 * KIB, 19876544 * KIB, 77321456 * KIB, 21, "/"
    )
    assert filesystems[3].mount == "/media/ana/My  Passport"
    assert filesystems[3].avail_bytes == 964414323 * KIB
    # udev is pseudo, and so is the snap's squashfs loop image even though it is full.
    assert [f.source for f in df.real_disks(filesystems)] == ["/dev/sda1", "/dev/sdb1"]


@pytest.mark.parametrize(
    ("header", "block"),
    [("1K-blocks", KIB), ("1024-blocks", KIB), ("512-blocks", 512), ("1M-blocks", MIB)],
)
def test_block_size_comes_from_the_header(header: str, block: int) -> None:
    text = f"Filesystem {header} Used Available Capacity Mounted on\n/dev/sda1 10 4 6 40% /\n"
    assert df.parse(text)[0].size_bytes == 10 * block


@pytest.mark.parametrize(
    ("cell", "size"),
    [
        ("0", 0),
        ("512", 512),
        ("492K", 492 * KIB),
        ("798M", 798 * MIB),
        ("3,9G", round(3.9 * GIB)),  # a decimal comma, as in some locales
        ("1.5T", 3 * 1024**4 // 2),
        ("100Gi", 100 * GIB),  # BSD's spelling
    ],
)
def test_human_sizes(cell: str, size: int) -> None:
    text = f"Filesystem Size Used Avail Use% Mounted on\n/dev/sda1 {cell} 0 {cell} 0% /\n"
    assert df.parse(text)[0].size_bytes == size


def test_df_si_uses_powers_of_1000() -> None:
    text = "Filesystem Size Used Avail Use% Mounted on\n/dev/sda1 1.1G 500M 600M 46% /\n"
    assert df.parse(text, si=True)[0].size_bytes == 1_100_000_000
    assert df.parse(text)[0].size_bytes == round(1.1 * GIB)


def test_wrapped_long_source_line() -> None:
    text = """\
Filesystem           1K-blocks      Used Available Use% Mounted on
/dev/mapper/VolGroup00-LogVol00
                      37181372  12345678  22915196  36% /
/dev/sda1               101086     12345     83522  13% /boot
"""
    filesystems = df.parse(text)
    assert filesystems == [
        Filesystem(
            "/dev/mapper/VolGroup00-LogVol00",
            37181372 * KIB,
            12345678 * KIB,
            22915196 * KIB,
            36,
            "/",
        ),
        Filesystem("/dev/sda1", 101086 * KIB, 12345 * KIB, 83522 * KIB, 13, "/boot"),
    ]


def test_dash_means_unknown() -> None:
    text = """\
Filesystem      Size  Used Avail Use% Mounted on
proc               -     -     -    - /proc
sysfs              0     0     0    - /sys
"""
    proc, sysfs = df.parse(text)
    assert proc == Filesystem("proc", None, None, None, None, "/proc")
    assert (sysfs.size_bytes, sysfs.use_percent, sysfs.percent_used) == (0, None, 0)
    assert proc.is_pseudo and sysfs.is_pseudo
    assert proc.percent_used is None
    dash = df.UNKNOWN
    row = f"| proc | /proc | {dash} | {dash} | {dash} | {dash} |"
    assert df.to_markdown_table([proc]).splitlines()[2] == row
    assert "usage unknown" in df.usage_bar_svg(proc)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty input"),
        ("/dev/sda1 100G 19G 82G 19% /\n", r"line 1: not a df header.*'/dev/sda1 100G"),
        (
            "Filesystem Type Size Used Avail Use% Mounted on\next4 /dev/sda1 1G 0 1G 0% /\n",
            r"line 1: not a df header",
        ),
        (
            "Filesystem 4K-bananas Used Avail Use% Mounted on\n",
            r"line 1: unknown size column '4K-bananas'",
        ),
        (
            COURSE_SAMPLE + "tmpfs 3.9G 0 3.9G\n",
            r"line 8: expected 6 columns, found 4: 'tmpfs 3.9G 0 3.9G'",
        ),
        (
            COURSE_SAMPLE.replace("492K", "lots"),
            r"line 4: 'lots' is not a size like 3.9G: 'tmpfs +3.9G +lots",
        ),
        (COURSE_SAMPLE.replace("19% /", "19 /"), r"line 6: '19' is not a percentage"),
        (DF_K_SAMPLE.replace("4017380", "3.9G", 1), r"line 2: '3.9G' is not a number of 1K-blocks"),
        (
            COURSE_SAMPLE + "/dev/mapper/very-long-name\n",
            r"line 8: the input ends before the rest of this line: '/dev/mapper/very-long-name'",
        ),
        (
            COURSE_SAMPLE + "/dev/mapper/a\n   1G 0 1G\n",
            r"line 9: expected the rest of line 8 \('/dev/mapper/a'\): '   1G 0 1G'",
        ),
    ],
)
def test_bad_input_names_line_number_and_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        df.parse(text)


def test_root_is_the_last_mount_on_slash() -> None:
    hidden, visible = fs(source="rootfs"), fs(source="/dev/vda")
    assert df.root([hidden, fs(mount="/boot"), visible]) is visible
    with pytest.raises(ValueError, match="no filesystem is mounted on /"):
        df.root([fs(mount="/boot")])


@pytest.mark.parametrize(
    ("size", "pseudo"),
    [(0, True), (4 * KIB, True), (4100, True), (MIB, True), (MIB + 1, False), (None, True)],
)
def test_tiny_or_unknown_size_is_pseudo(size: int | None, pseudo: bool) -> None:
    assert fs(source="model_tools", size_bytes=size).is_pseudo is pseudo


def _fill(svg: str) -> ET.Element:
    rect = ET.fromstring(svg).find(f"{SVG}rect[@class='df-bar__fill']")
    assert rect is not None
    return rect


@pytest.mark.parametrize(
    ("percent", "level"),
    [(0, "ok"), (37, "ok"), (80, "ok"), (81, "warn"), (90, "warn"), (91, "full"), (100, "full")],
)
def test_bar_width_follows_usage(percent: int, level: str) -> None:
    svg = df.usage_bar_svg(fs(percent))
    root = ET.fromstring(svg)
    assert root.get("viewBox") == "0 0 100 14"
    assert root.get("role") == "img"
    assert root.get("class") == f"df-bar df-bar--{level}"
    assert _fill(svg).get("width") == str(percent)
    assert f"var(--df-bar-{level}," in (_fill(svg).get("style") or "")


def test_bar_width_from_bytes_when_df_printed_no_percent() -> None:
    # df's own formula: used / (used + avail), rounded up.
    svg = df.usage_bar_svg(fs(None, used_bytes=GIB, avail_bytes=2 * GIB))
    assert _fill(svg).get("width") == "34"


def test_bar_label_has_the_percent_for_screen_readers() -> None:
    root = ET.fromstring(df.usage_bar_svg(fs(19)))
    title = root.find(f"{SVG}title")
    assert title is not None
    assert root.get("aria-label") == title.text == "/: 19% used (19.0 of 100.0 GiB)"


def test_markup_escapes_every_inserted_text() -> None:
    evil = fs(source="<script>alert(1)</script>", mount='/mnt/"x" & <b>|_*')
    svg, html, table = df.usage_bar_svg(evil), df.to_html([evil]), df.to_markdown_table([evil])
    for markup in (svg, html, table):
        assert "<script>" not in markup and "<b>" not in markup
    assert ET.fromstring(svg).get("aria-label") == '/mnt/"x" & <b>|_*: 19% used (19.0 of 100.0 GiB)'
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    cells = '| &lt;script&gt;alert(1)&lt;/script&gt; | /mnt/"x" &amp; &lt;b&gt;&#124;&#95;&#42; |'
    assert cells in table


def test_html_is_one_wellformed_block_with_bars_and_text() -> None:
    html = df.to_html(df.parse(COURSE_SAMPLE))
    assert "\n\n" not in html  # a blank line would end Markdown's raw HTML block
    block = ET.fromstring(html)
    assert block.tag == "div" and block.get("class") == "df-usage"
    # No class on the table: Material styles it and wraps it to scroll on narrow screens.
    table = block.find("table")
    assert table is not None and table.get("class") is None
    rows = table.findall("tbody/tr")
    assert len(rows) == 6
    cells = rows[4].findall("td")
    assert [c.text for c in cells[2:5]] == ["100.0", "19.0", "82.0"]
    assert cells[5].find(f"{SVG}svg") is not None
    assert "".join(cells[5].itertext()).endswith("19%")  # the percent as visible text too


def test_special_mounts_of_the_build_machine_are_left_out_and_counted() -> None:
    output = (
        "Filesystem               Size  Used Avail Use% Mounted on\n"
        "tmpfs                     24G     0   24G   0% /dev/shm\n"
        "/dev/vda                 252G   25G   77G  25% /\n"
        "model_tools_unavailable  4.0K     0  4.0K   0% /mnt/sandboxing/model tools\n"
    )
    shown, left_out = df.without_special_mounts(output)
    assert left_out == 1 and "sandboxing" not in shown
    assert [fs.mount for fs in df.parse(shown)] == ["/dev/shm", "/"]
    assert df.without_special_mounts(COURSE_SAMPLE) == (COURSE_SAMPLE, 0)


def _run(*args: str) -> str:
    # LC_ALL=C: the English header and a decimal point, whatever the machine's locale.
    env = {**os.environ, "LC_ALL": "C"}
    return subprocess.run(["df", *args], capture_output=True, text=True, env=env, timeout=60).stdout


@pytest.fixture
def real_df() -> None:
    if not shutil.which("df"):
        pytest.fail("df is not installed: coreutils is needed for these tests")


@pytest.mark.usefixtures("real_df")
def test_real_df_h_parses() -> None:
    filesystems = df.parse(_run("-h"))
    assert df.root(filesystems).mount == "/"
    assert df.to_html(filesystems) and df.to_markdown_table(filesystems)


@pytest.mark.usefixtures("real_df")
def test_real_df_k_matches_statvfs() -> None:
    for _attempt in range(3):
        before = os.statvfs("/")
        mine = df.root(df.parse(_run("-k")))
        after = os.statvfs("/")
        frsize = before.f_frsize
        # df rounds blocks up to whole KiB, hence "within 1 KiB".
        assert abs(mine.size_bytes - before.f_blocks * frsize) < KIB  # type: ignore[operator]
        # Used and free change while other processes write: df must land between two reads.
        used = sorted((s.f_blocks - s.f_bfree) * frsize for s in (before, after))
        avail = sorted(s.f_bavail * frsize for s in (before, after))
        assert mine.used_bytes is not None and mine.avail_bytes is not None
        if (
            used[0] - KIB < mine.used_bytes < used[1] + KIB
            and avail[0] - KIB < mine.avail_bytes < avail[1] + KIB
        ):
            return
    pytest.fail(f"df -k disagrees with os.statvfs('/'): {mine} vs {before} / {after}")
