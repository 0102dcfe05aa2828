"""Parse the output of ``df`` and render it for the site (a table, usage bars).

``parse`` reads ``df -h``, ``df -k``, plain ``df``, ``df -P`` and ``df -H`` (pass
``si=True``: its header is the same as ``-h``'s). Every size becomes a number of
bytes. Values printed by ``-h``/``-H`` are rounded up by df (``3.9G`` is more than
3.8 and at most 3.9 GiB), so their byte counts are approximations, as precise as df
printed them; block counts (``-k``, plain ``df``) are exact to the block.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from html import escape

GIB = 1024**3
_SUFFIXES = "KMGTPEZY"
# "1K-blocks" (df, df -k), "1024-blocks" (df -P), "512-blocks", "1M-blocks" (df -m), "1kB-blocks".
_BLOCKS = re.compile(r"^(?P<count>\d+)(?P<unit>[kKMGTPEZY]?)(?P<si>B?)-blocks$")
# A -h/-H value: "0", "492K", "3.9G", "3,9G" (decimal comma in some locales), BSD's "100Gi".
_HUMAN = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)(?P<unit>[kKMGTPEZY]?)(?:i?B|i)?$")
_HEADER_FIX = "expected df output starting with 'Filesystem Size Used Avail Use% Mounted on'"

# Sources of filesystems that live in memory or the kernel, not on a disk.
PSEUDO_SOURCES = frozenset(
    {
        "tmpfs",
        "devtmpfs",
        "overlay",
        "udev",
        "shm",
        "proc",
        "sysfs",
        "cgroup",
        "cgroup2",
        "efivarfs",
        "none",
        "devpts",
        "mqueue",
        "securityfs",
        "pstore",
        "bpf",
        "debugfs",
        "tracefs",
        "hugetlbfs",
        "configfs",
        "fusectl",
        "ramfs",
        "rootfs",
    }
)
UNKNOWN = "\N{EN DASH}"  # shown where df printed "-"
# Special mounts df shows as 0 or 4.0K; the line is at 1 MiB because df -m rounds
# 4 KiB up to 1M and df -H prints 4.1k. No real disk is that small.
TINY_BYTES = 1024**2

# Turns one size cell into bytes (None for "-"); takes the line number and line for errors.
_SizeReader = Callable[[int, str, str], "int | None"]


@dataclass(frozen=True)
class Filesystem:
    """One line of df; None where df printed ``-`` (unknown)."""

    source: str
    size_bytes: int | None
    used_bytes: int | None
    avail_bytes: int | None
    use_percent: int | None
    mount: str

    @property
    def is_pseudo(self) -> bool:
        """Not a real disk: kernel/memory filesystems, snap loop images, tiny special mounts."""
        return (
            self.source in PSEUDO_SOURCES
            or self.source.startswith("/dev/loop")  # squashfs images of snaps
            or self.size_bytes is None
            or self.size_bytes <= TINY_BYTES
        )

    @property
    def percent_used(self) -> int | None:
        """df's Use%, or df's formula (used / (used + avail), rounded up) if it printed ``-``.

        Not used/size: size includes blocks reserved for root, so used/size understates
        how close the disk is to refusing writes.
        """
        if self.use_percent is not None:
            return self.use_percent
        if self.used_bytes is None or self.avail_bytes is None:
            return None
        total = self.used_bytes + self.avail_bytes
        return math.ceil(100 * self.used_bytes / total) if total else 0


def parse(text: str, *, si: bool = False) -> list[Filesystem]:
    """The filesystems in df's output; ``si=True`` for ``df -H`` (powers of 1000).

    Raises ValueError naming the line number and the line for anything else.
    """
    lines = [(number, line.rstrip()) for number, line in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line.strip()]
    if not lines:
        raise ValueError(f"empty input: {_HEADER_FIX}")
    number, header = lines[0]
    to_bytes = _size_reader(number, header, si)
    filesystems = []
    wrapped: tuple[int, str] | None = None  # a long source df printed on a line of its own
    for number, line in lines[1:]:
        if wrapped is None and len(line.split()) == 1:
            wrapped = (number, line.strip())
            continue
        if wrapped is not None:
            source, fields = wrapped[1], line.split(maxsplit=4)
            if len(fields) < 5:
                problem = f"expected the rest of line {wrapped[0]} ({source!r})"
                raise _error(number, line, problem)
            wrapped = None
        else:
            source, *fields = line.split(maxsplit=5)
            if len(fields) < 5:
                raise _error(number, line, f"expected 6 columns, found {len(fields) + 1}")
        size, used, avail, percent, mount = fields  # the mount point keeps its spaces
        filesystems.append(
            Filesystem(
                source=source,
                size_bytes=to_bytes(number, line, size),
                used_bytes=to_bytes(number, line, used),
                avail_bytes=to_bytes(number, line, avail),
                use_percent=_percent(number, line, percent),
                mount=mount,
            )
        )
    if wrapped is not None:
        raise _error(wrapped[0], wrapped[1], "the input ends before the rest of this line")
    return filesystems


def real_disks(filesystems: list[Filesystem], keep_pseudo: bool = False) -> list[Filesystem]:
    """The filesystems on real disks, or all of them with ``keep_pseudo=True``."""
    return [fs for fs in filesystems if keep_pseudo or not fs.is_pseudo]


def without_special_mounts(text: str) -> tuple[str, int]:
    """df's output without the lines of tiny special mounts (the build machine's own, such
    as a sandbox's tool mount of 4.0K: no reader's storage), and how many were left out."""
    special = {(fs.source, fs.mount) for fs in parse(text) if _is_special(fs)}
    kept: list[str] = []
    left_out = 0
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 6 and (words[0], " ".join(words[5:])) in special:
            left_out += 1
        else:
            kept.append(line)
    return "\n".join(kept) + ("\n" if text.endswith("\n") else ""), left_out


def _is_special(fs: Filesystem) -> bool:
    return fs.size_bytes is not None and fs.size_bytes <= TINY_BYTES


def root(filesystems: list[Filesystem]) -> Filesystem:
    """The filesystem mounted on ``/``; the last one if several, as later mounts hide earlier."""
    on_root = [fs for fs in filesystems if fs.mount == "/"]
    if not on_root:
        raise ValueError("no filesystem is mounted on /")
    return on_root[-1]


def gib(n: int | None) -> str:
    """Bytes as GiB with one decimal (``19.0``), or an en dash when df did not know."""
    return UNKNOWN if n is None else f"{n / GIB:.1f}"


def to_markdown_table(filesystems: list[Filesystem]) -> str:
    """A Markdown table with sizes in GiB; cell text cannot inject HTML or Markdown."""
    rows = [
        "| Filesystem | Mounted on | Size (GiB) | Used (GiB) | Available (GiB) | Use% |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for fs in filesystems:
        cells = [_md(fs.source), _md(fs.mount), *_numbers(fs)]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def usage_bar_svg(fs: Filesystem) -> str:
    """An inline SVG bar of how full ``fs`` is, labelled with the percent for screen readers.

    Colours come from CSS custom properties (``--df-bar-track``, ``--df-bar-ok``,
    ``--df-bar-warn``, ``--df-bar-full``) with fallbacks readable on light and dark
    themes; the fill turns amber above 80% and red above 90%.
    """
    percent = fs.percent_used
    label = escape(_label(fs), quote=True)
    width = min(max(percent or 0, 0), 100)
    level = "full" if width > 90 else "warn" if width > 80 else "ok"
    fill = {"ok": "currentColor", "warn": "#f0a202", "full": "#e53935"}[level]
    return (
        f'<svg class="df-bar df-bar--{level}" role="img" aria-label="{label}"'
        ' xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 14" preserveAspectRatio="none"'
        ' width="72" height="14" style="display:inline-block;vertical-align:middle">'
        f"<title>{label}</title>"
        '<rect class="df-bar__track" width="100" height="14" fill="currentColor"'
        ' style="fill:var(--df-bar-track,currentColor);fill-opacity:.3"/>'
        f'<rect class="df-bar__fill" width="{width}" height="14" fill="{fill}"'
        f' style="fill:var(--df-bar-{level},{fill})"/>'
        "</svg>"
    )


def to_html(filesystems: list[Filesystem]) -> str:
    """An HTML table (sizes in GiB) with a usage bar and the percent as text in the last column.

    One line per element and no blank lines, so Markdown keeps it as one raw HTML block.
    """
    head = "".join(
        f"<th>{name}</th>"
        for name in ("Filesystem", "Mounted on", "Size (GiB)", "Used (GiB)", "Available (GiB)")
    )
    # A table without a class gets Material's table style and its scrolling wrapper (no
    # sideways scroll of the page on a phone); the div says it is df's.
    lines = ['<div class="df-usage">', "<table>"]
    lines += [f"<thead><tr>{head}<th>Use%</th></tr></thead>", "<tbody>"]
    for fs in filesystems:
        size, used, avail, percent = _numbers(fs)
        lines.append(
            f"<tr><td><code>{escape(fs.source)}</code></td><td><code>{escape(fs.mount)}</code></td>"
            f"{_right(size)}{_right(used)}{_right(avail)}"
            f'<td class="df-use">{usage_bar_svg(fs)} {percent}</td></tr>'
        )
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def _size_reader(number: int, header: str, si: bool) -> _SizeReader:
    """How to turn this df's size cells into bytes, chosen from its header."""
    names = header.split()
    if (
        len(names) != 7
        or names[0] != "Filesystem"
        or names[2] != "Used"
        or names[3] not in {"Avail", "Available"}
        or names[4] not in {"Use%", "Capacity"}
        or names[5:] != ["Mounted", "on"]
    ):
        raise _error(number, header, f"not a df header; {_HEADER_FIX}")
    if names[1] == "Size":
        base = 1000 if si else 1024

        def human(number: int, line: str, cell: str) -> int | None:
            if cell == "-":
                return None
            match = _HUMAN.match(cell)
            if not match:
                raise _error(number, line, f"{cell!r} is not a size like 3.9G")
            value = Fraction(match["number"].replace(",", "."))  # exact: no float error
            return round(value * base ** _power(match["unit"]))

        return human
    blocks = _BLOCKS.match(names[1])
    if not blocks:
        raise _error(number, header, f"unknown size column {names[1]!r}; {_HEADER_FIX}")
    unit_base = 1000 if blocks["si"] and blocks["unit"] else 1024
    block = int(blocks["count"]) * unit_base ** _power(blocks["unit"])

    def counted(number: int, line: str, cell: str) -> int | None:
        if cell == "-":
            return None
        if not cell.isdigit():
            raise _error(number, line, f"{cell!r} is not a number of {names[1]}")
        return int(cell) * block

    return counted


def _power(unit: str) -> int:
    """The power of the base a suffix stands for: none 0, K 1, M 2, ..."""
    return _SUFFIXES.index(unit.upper()) + 1 if unit else 0


def _percent(number: int, line: str, cell: str) -> int | None:
    if cell == "-":
        return None
    if not (cell.endswith("%") and cell[:-1].isdigit()):
        raise _error(number, line, f"{cell!r} is not a percentage like 19%")
    return int(cell[:-1])


def _error(number: int, line: str, problem: str) -> ValueError:
    return ValueError(f"line {number}: {problem}: {line!r}")


def _label(fs: Filesystem) -> str:
    percent = fs.percent_used
    if percent is None:
        return f"{fs.mount}: usage unknown"
    sizes = ""
    if fs.used_bytes is not None and fs.size_bytes is not None:
        sizes = f" ({gib(fs.used_bytes)} of {gib(fs.size_bytes)} GiB)"
    return f"{fs.mount}: {percent}% used{sizes}"


def _numbers(fs: Filesystem) -> list[str]:
    percent = UNKNOWN if fs.percent_used is None else f"{fs.percent_used}%"
    return [gib(fs.size_bytes), gib(fs.used_bytes), gib(fs.avail_bytes), percent]


def _right(text: str) -> str:
    return f'<td style="text-align:right">{text}</td>'


def _md(text: str) -> str:
    # Entities, not backslashes: they stay literal inside tables and in every Markdown flavour.
    escaped = escape(text, quote=False)
    for char in "\\`*_[]|":
        escaped = escaped.replace(char, f"&#{ord(char)};")
    return escaped
