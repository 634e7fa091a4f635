"""Integer-millisecond times and their text forms."""

from __future__ import annotations

import re

__all__ = [
    "TimecodeError",
    "format_clock",
    "format_duration",
    "format_srt",
    "format_vtt",
    "parse_timecode",
    "format_with_frames",
]


class TimecodeError(ValueError):
    """A time in text form could not be read."""


def _split(ms: int) -> tuple[str, int, int, int, int]:
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return sign, hours, minutes, seconds, millis


def format_srt(ms: int) -> str:
    """00:01:02,345 (SRT)."""
    sign, h, m, s, f = _split(ms)
    return f"{sign}{h:02d}:{m:02d}:{s:02d},{f:03d}"


def format_vtt(ms: int) -> str:
    """00:01:02.345 (WebVTT)."""
    return format_srt(ms).replace(",", ".")


def format_clock(ms: int) -> str:
    """Short human form for tables and messages: 1:02.345 or 1:01:02.345."""
    sign, h, m, s, f = _split(ms)
    if h:
        return f"{sign}{h}:{m:02d}:{s:02d}.{f:03d}"
    return f"{sign}{m}:{s:02d}.{f:03d}"


def format_duration(seconds: float) -> str:
    """A wall-clock duration for progress and reports: 42 s, 3:07 or 1:02:03."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}" if minutes else f"{secs} s"


_TIME_RE = re.compile(
    r"^\s*(?P<sign>-)?(?:(?:(?P<h>\d+):)?(?P<m>\d{1,2}):)?(?P<s>\d{1,2})(?:[.,:](?P<f>\d{1,3}))?\s*$"
)


def parse_timecode(text: str) -> int:
    """Read H:MM:SS,mmm / MM:SS.mmm / SS.mmm (comma, dot or colon before the fraction)."""
    match = _TIME_RE.match(text)
    if not match:
        raise TimecodeError(f"not a time: {text!r}")
    h = int(match["h"] or 0)
    m = int(match["m"] or 0)
    s = int(match["s"])
    frac = match["f"] or "0"
    millis = int(frac.ljust(3, "0")[:3])
    value = ((h * 60 + m) * 60 + s) * 1000 + millis
    return -value if match["sign"] else value


def format_with_frames(ms: int, fps: float) -> str:
    """00:01:02:07 style time with a frame count (for the player display)."""
    sign, h, m, s, f = _split(ms)
    frame = int(f * fps / 1000.0)
    return f"{sign}{h:02d}:{m:02d}:{s:02d}:{frame:02d}"
