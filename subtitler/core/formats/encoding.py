"""Reading a subtitle file's bytes safely and turning them into text.

Refusals come at once, before anything is parsed: a missing file, a folder, a file over
``MAX_FILE_BYTES`` (checked by size before reading, so a 2 GB file fails in microseconds),
an empty file and binary data. Decoding follows the byte order mark when there is one,
else tries UTF-8 strictly, then Windows-1252, then Latin-1 (which never fails), and says
which one it used. Text that was already mangled before it reached us is the business of
``mojibake``.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from ..errors import FormatError

__all__ = ["MAX_FILE_BYTES", "read_limited", "decode"]

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger files are refused: a long film's subtitles take well under 1 MB."""

_SNIFF = 1024
_FALLBACKS = ("utf-8", "cp1252", "latin-1")
# (byte order mark, codec that decodes it, name reported to the user)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# Controls that never occur in text files (tab, newlines, form feed and the DOS end-of-file
# mark 0x1A do). A handful is tolerated as stray garbage; more means binary data.
_CONTROL_CHARS = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F))
_C1_CHARS = frozenset(chr(c) for c in range(0x80, 0xA0))
_MAX_CONTROLS = 3


def _size_text(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    return f"{size / 1024**2:.1f} MB"


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, or a FormatError for a missing, special, empty or oversized file."""
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FormatError(f"'{path}' does not exist") from None
    except OSError as exc:
        raise FormatError(f"cannot open '{path}': {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FormatError(f"'{path}' is a folder, not a subtitle file")
    if not stat.S_ISREG(info.st_mode):
        raise FormatError(f"'{path}' is not a regular file")
    if info.st_size > limit:
        raise FormatError(
            f"'{name}' is too large for a subtitle file ({_size_text(info.st_size)}; "
            f"the limit is {_size_text(limit)})"
        )
    if info.st_size == 0:
        raise FormatError(f"'{name}' is empty")
    try:
        with open(path, "rb") as handle:
            # Read one byte past the limit: a file that grew since stat() is still refused.
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FormatError(f"cannot read '{path}': {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FormatError(f"'{name}' is too large for a subtitle file (over {_size_text(limit)})")
    return data


def _bom_less_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'-be' when NUL bytes sit in every other position, as in UTF-16 ASCII text."""
    evens, odds = head[0::2], head[1::2]
    if odds and odds.count(0) > len(odds) * 0.4 and evens.count(0) == 0:
        return "utf-16-le"
    if evens and evens.count(0) > len(evens) * 0.4 and odds.count(0) == 0:
        return "utf-16-be"
    return None


def _looks_binary(text: str, fallback: bool) -> bool:
    head = text[:_SNIFF]
    if "\x00" in head:
        return True
    bad = _CONTROL_CHARS | _C1_CHARS if fallback else _CONTROL_CHARS
    return sum(1 for ch in head if ch in bad) > _MAX_CONTROLS


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise FormatError(f"unknown text encoding '{encoding}'") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(f"'{name}' is not valid {encoding} text (line {line}); try another encoding") from None


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used) for a file's bytes; FormatError for binary data or no text at all.

    ``encoding`` forces one encoding; otherwise the BOM decides, else UTF-8, cp1252, latin-1.
    """
    text: str | None = None
    used = ""
    if encoding:
        text, used = _decode_as(data, encoding, name), encoding.lower()
    else:
        for bom, codec, reported in _BOMS:
            if data.startswith(bom):
                text, used = _decode_as(data, codec, name), reported
                break
        if text is None and b"\x00" in data[:_SNIFF]:
            utf16 = _bom_less_utf16(data[:_SNIFF])
            if utf16 is None:
                raise FormatError(f"'{name}' is not a text file (it contains binary data)")
            text, used = _decode_as(data, utf16, name), utf16
        if text is None:
            for codec in _FALLBACKS:
                try:
                    text, used = data.decode(codec), codec
                    break
                except UnicodeDecodeError:
                    continue
    assert text is not None  # latin-1 decodes any bytes
    text = text.removeprefix("\ufeff")
    if _looks_binary(text, fallback=used in ("cp1252", "latin-1")):
        raise FormatError(f"'{name}' is not a text file (it contains binary data)")
    if not text.strip():
        raise FormatError(f"'{name}' contains no text")
    return text, used
