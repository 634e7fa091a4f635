"""WebVTT (.vtt): our own lenient reader, with line numbers for every problem found.

Kept for the round trip in ``Document.extras["vtt"]`` (plain JSON data): the header
(``WEBVTT`` line and the lines under it), the STYLE/REGION/NOTE blocks before the first cue,
NOTE blocks between cues (with their position), and each cue's id and settings
(``align:start line:0``) keyed by cue id. Cue text is unescaped on load (``&amp;`` -> ``&``)
and escaped on save; ``<i> <b> <u>`` and the other WebVTT tags (``<v Name>``, ``<c.x>``,
timestamps) stay as tags. ASS override blocks such as ``{\\an8}`` cannot be shown by WebVTT
players, so they are left out on save; a top placement (``\\an7``-``\\an9``) becomes ``line:0``.
Times are exact ms; negative times are written as 0.

Reported and loaded anyway: a missing ``WEBVTT`` header, a comma instead of a dot in times,
unreadable times (cue kept with no length), negative times, an end before the start,
overlaps, blank lines inside a cue's text, text outside any cue.
"""

from __future__ import annotations

import re

from ..errors import FormatError
from ..model import Cue, Document
from ..timecode import format_vtt, parse_timecode
from .base import Parsed, SubtitleFormat, kept, kept_blocks, nonnegative, quoted, split_lines

__all__ = ["FORMAT", "read_vtt", "write_vtt"]

_TIME_LINE = re.compile(r"^\s*(?P<start>-?\d+:[\d:.,]*)\s*-->\s*(?P<end>-?\d+:[\d:.,]*)(?P<settings>.*)$")
_ENTITY = re.compile(r"&(amp|lt|gt|nbsp|lrm|rlm);|&#(\d{1,7});|&#[xX]([0-9a-fA-F]{1,6});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "lrm": "\u200e", "rlm": "\u200f"}
_VTT_TAG = re.compile(r"</?(?:i|b|u|c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d[\d:.]*>")
_ASS_BLOCK = re.compile(r"\{\\[^{}]*\}")
_TOP_ALIGN = re.compile(r"\\an[789]")
_BLOCK_KINDS = ("NOTE", "STYLE", "REGION")


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match[1]:
            return _NAMED[match[1]]
        code = int(match[2]) if match[2] else int(match[3], 16)
        return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else match.group()

    return _ENTITY.sub(one, text) if "&" in text else text


def _escape(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _VTT_TAG.finditer(text):
        out.append(_escape_plain(text[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(_escape_plain(text[pos:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _blocks(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """(first row, lines) of each run of non-blank lines from ``start`` on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = start
    for row in range(start, len(lines)):
        if lines[row].strip():
            if not current:
                first = row
            current.append(lines[row])
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _is_block_kind(line: str) -> bool:
    word = line.strip().split(maxsplit=1)[0] if line.strip() else ""
    return word in _BLOCK_KINDS


def read_vtt(text: str) -> Parsed:
    """Parse WebVTT text leniently; problems carry 1-based source line numbers."""
    parsed = Parsed()
    lines = split_lines(text)
    header: list[str] = []
    body_start = 0
    if lines[0].startswith("WEBVTT"):
        body_start = 1
        while body_start < len(lines) and lines[body_start].strip() and "-->" not in lines[body_start]:
            body_start += 1
        header = [line.rstrip() for line in lines[:body_start]]
    else:
        parsed.report(1, "missing 'WEBVTT' header")
    if not header and not any("-->" in line for line in lines):
        raise FormatError("no 'WEBVTT' header and no cue times found: not a WebVTT file")

    head_blocks: list[str] = []
    notes: list[list[object]] = []
    cue_ids: dict[str, str] = {}
    settings: dict[str, str] = {}
    commas: list[int] = []
    previous_end: int | None = None
    last_was_cue = False
    for first, block in _blocks(lines, body_start):
        timing = 0 if "-->" in block[0] else (1 if len(block) > 1 and "-->" in block[1] else -1)
        if timing < 0:
            if _is_block_kind(block[0]):
                block_text = "\n".join(line.rstrip() for line in block)
                if parsed.cues:
                    notes.append([len(parsed.cues), block_text])
                else:
                    head_blocks.append(block_text)
                last_was_cue = False
            elif last_was_cue:
                parsed.report(first, "blank line inside a cue's text (joined)")
                last = parsed.cues[-1]
                parsed.cues[-1] = last.with_(text="\n".join([last.text, *(_unescape(line.rstrip()) for line in block)]))
            else:
                parsed.report(first + 1, "text outside any cue (ignored)")
            continue
        row = first + timing
        line_no = row + 1
        match = _TIME_LINE.match(block[timing])
        start = end = None
        if match:
            if "," in match["start"] + match["end"]:
                commas.append(line_no)
            try:
                start, end = parse_timecode(match["start"]), parse_timecode(match["end"])
            except ValueError:  # TimecodeError, or int() of an absurdly long digit run
                start = end = None
        if start is None or end is None:
            parsed.report(line_no, f"unreadable time line {quoted(block[timing])} (cue kept with no length)")
            start = end = previous_end if previous_end is not None else 0
        else:
            parsed.report_times(line_no, start, end, previous_end)
        cue = Cue.create(start, end, "\n".join(_unescape(line.rstrip()) for line in block[timing + 1 :]))
        if timing == 1:
            cue_ids[cue.id] = block[0].strip()
        if match and match["settings"].strip():
            settings[cue.id] = " ".join(match["settings"].split())
        parsed.cues.append(cue)
        previous_end = end if previous_end is None else max(previous_end, end)
        last_was_cue = True

    if commas:
        more = f" ({len(commas)} lines in all)" if len(commas) > 1 else ""
        parsed.report(commas[0], f"',' instead of '.' in times{more}")
    parsed.problems.sort(key=lambda p: p.line)
    parsed.extras["vtt"] = {
        "header": "\n".join(header) or "WEBVTT",
        "blocks": head_blocks,
        "notes": notes,
        "cue_ids": cue_ids,
        "settings": settings,
    }
    return parsed


def _cue_block(cue: Cue, cue_id: str | None, setting: str | None) -> str:
    text = cue.text
    if _ASS_BLOCK.search(text):
        if not setting and any(_TOP_ALIGN.search(block) for block in _ASS_BLOCK.findall(text)):
            setting = "line:0"
        text = _ASS_BLOCK.sub("", text)
    timing = f"{format_vtt(nonnegative(cue.start))} --> {format_vtt(nonnegative(cue.end))}"
    if setting:
        timing += " " + setting
    head = f"{cue_id}\n{timing}" if cue_id else timing
    # A blank line would end the cue early: drop empty lines inside the text.
    body = "\n".join(line for line in _escape(text).split("\n") if line.strip())
    return f"{head}\n{body}" if body else head


def write_vtt(document: Document) -> str:
    """WebVTT text of the document, with the header, blocks, ids and settings kept from a loaded file."""
    data = kept(document, "vtt")
    cue_ids, settings = kept(document, "vtt", "cue_ids"), kept(document, "vtt", "settings")
    notes = kept_blocks(data.get("notes"), len(document.cues))
    header = data.get("header")
    blocks = data.get("blocks")
    parts = [header if isinstance(header, str) and header.startswith("WEBVTT") else "WEBVTT"]
    parts += [block for block in blocks if isinstance(block, str)] if isinstance(blocks, list) else []
    for index, cue in enumerate(document.cues):
        parts.extend(notes.get(index, []))
        cue_id, setting = cue_ids.get(cue.id), settings.get(cue.id)
        parts.append(_cue_block(cue, cue_id if isinstance(cue_id, str) else None, setting if isinstance(setting, str) else None))
    parts.extend(notes.get(len(document.cues), []))
    return "\n\n".join(parts) + "\n"


FORMAT = SubtitleFormat("WebVTT", "WebVTT subtitles", (".vtt",), read_vtt, write_vtt)
