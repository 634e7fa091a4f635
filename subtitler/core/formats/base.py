"""What every format module shares: problems with line numbers, the parse result, the format record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..model import Cue, Document

__all__ = ["Problem", "Parsed", "SubtitleFormat", "split_lines", "nonnegative", "kept", "kept_blocks", "quoted"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a loaded file, at a 1-based line number of the source file."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(slots=True)
class Parsed:
    """What a format reader produced from the decoded text."""

    cues: list[Cue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    extras: dict[str, object] = field(default_factory=dict)

    def report(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def report_times(self, line: int, start: int, end: int, previous_end: int | None) -> None:
        """Report a cue's negative, inverted or overlapping times (the cue is kept as it is)."""
        if start < 0 or end < 0:
            self.report(line, "negative time")
        if end < start:
            self.report(line, "ends before it starts")
        if previous_end is not None and start < previous_end:
            self.report(line, "overlaps the previous cue")


@dataclass(frozen=True, slots=True)
class SubtitleFormat:
    """One file format: its name, its extensions (with the dot) and how to read and write it."""

    name: str
    description: str
    extensions: tuple[str, ...]
    read: Callable[[str], Parsed]
    write: Callable[[Document], str]


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: CRLF, CR and LF all end a line (unlike ``str.splitlines``,
    which also breaks at form feeds and Unicode separators and would shift line numbers)."""
    return _LINE_BREAK.split(text)


def quoted(line: str, limit: int = 60) -> str:
    """A source line quoted for a problem message, shortened when long."""
    line = line.strip()
    return repr(line if len(line) <= limit else line[: limit - 1] + "…")


def nonnegative(ms: int) -> int:
    """Times written to files cannot be negative: such times are written as 0."""
    return ms if ms > 0 else 0


def kept(document: Document, key: str, *path: str) -> dict:
    """``document.extras[key][path...]`` when it is a dict, else {}: round-trip data may come
    from an edited project file, so a writer never trusts its shape."""
    value: object = document.extras.get(key)
    for name in path:
        value = value.get(name) if isinstance(value, dict) else None
    return value if isinstance(value, dict) else {}


def kept_blocks(entries: object, count: int) -> dict[int, list[str]]:
    """``[[index, text], ...]`` (text kept before the cue at index) grouped by index; bad entries skipped."""
    grouped: dict[int, list[str]] = {}
    if isinstance(entries, list):
        for entry in entries:
            if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int) and isinstance(entry[1], str):
                grouped.setdefault(min(max(entry[0], 0), count), []).append(entry[1])
    return grouped
