"""SubRip (.srt): our own lenient reader, because real files are messy and users need line numbers.

A cue is a time line (``start --> end``), the text after it up to the next cue, and
usually a number line before it. Loaded anyway, each reported with its line number:
CRLF or CR line ends (silently fine), missing or out-of-sequence numbers, a dot instead
of a comma in times, blank lines inside a cue's text (the text is kept and joined), a
missing blank line between cues, text before the first cue, unreadable times (the cue is
kept, with zero length at the previous cue's end), negative times, an end before the
start and overlaps. Times are kept exactly as written (ms); ``<i> <b> <u>`` and ``{\\an8}``
tags stay in the text as they are. Negative times are written as 0.

Saving writes what SubRip players show: ``<i> <b> <u> <s>``, ``<font …>`` and one ``{\\anN}``
in front of the text for a cue not at the bottom centre. The other formats' markup is
converted where SubRip has it: ASS ``{\\i1}``-style switches -> tags, ``{\\c&HBBGGRR&}`` ->
``<font color="#rrggbb">``, a placement (``{\\an8}``, SSA ``{\\a6}``, ``{\\pos}`` read as a third of
the screen, a WebVTT ``line:0``, an ASS style's alignment) -> ``{\\anN}``, a style's italic,
bold or underline -> tags around the whole text, a WebVTT colour class (``<c.yellow>``) ->
``<font color>``, the ASS escapes ``\\N``/``\\n``/``\\h`` -> line break and no-break space. The
rest is dropped: other override tags (``{\\pos}``, ``{\\fad}``, ``{\\k}`` karaoke), ASS comments,
WebVTT voices, time stamps and ``<c> <lang> <ruby> <span>`` tags (their text kept, a ruby
reading dropped). Braces in a cue that did not come from ASS are text and stay.
"""

from __future__ import annotations

import re

from ..errors import FormatError
from ..model import Cue, Document
from ..timecode import format_srt, parse_timecode
from . import ass, markup
from .base import Parsed, SubtitleFormat, nonnegative, quoted, split_lines

__all__ = ["FORMAT", "read_srt", "write_srt", "srt_text"]

# "-->" marks a time line even when the times are garbled; a single-dash arrow only
# counts between things that look like times.
_ARROW = re.compile(r"-->|(?<=\d)\s*->\s*(?=-?\d+:)")
_LOOSE_ARROW = re.compile(r"^\s*-?\d+:[\d:.,]*\s*->\s*-?\d+:")
_NUMBER = re.compile(r"^\s*\d{1,9}\s*$")
_UPPER_TAG = re.compile(r"</?[IBU]>")


def _is_time_line(line: str) -> bool:
    return "-->" in line or ("->" in line and _LOOSE_ARROW.match(line) is not None)


def _time_fields(line: str) -> tuple[str, str]:
    """The start and end text of a time line (anything after the end time is ignored)."""
    parts = _ARROW.split(line, maxsplit=1)
    rest = parts[1].split() if len(parts) > 1 else []
    return parts[0].strip(), rest[0] if rest else ""


def _cue_text(lines: list[str], first_line: int, parsed: Parsed) -> str:
    """Join a cue's text lines; interior blank lines are reported and dropped."""
    kept: list[str] = []
    blank_at: int | None = None
    for offset, line in enumerate(lines):
        if line.strip():
            if blank_at is not None and kept:
                parsed.report(blank_at, "blank line inside a cue's text (joined)")
            blank_at = None
            kept.append(line.rstrip())
        elif blank_at is None:
            blank_at = first_line + offset
    return _UPPER_TAG.sub(lambda m: m.group().lower(), "\n".join(kept))


def _parse_time(text: str, line_no: int, dots: list[int]) -> int | None:
    if "," not in text and "." in text:
        dots.append(line_no)
    try:
        return parse_timecode(text)
    except ValueError:  # TimecodeError, or int() of an absurdly long digit run
        return None


def read_srt(text: str) -> Parsed:
    """Parse SRT text leniently; problems carry 1-based source line numbers."""
    parsed = Parsed()
    lines = split_lines(text)
    time_rows = [i for i, line in enumerate(lines) if _is_time_line(line)]
    if not time_rows:
        raise FormatError("no subtitle times ('00:00:01,000 --> 00:00:02,000') found: not an SRT file")

    # A digits-only line right before a time line is that cue's number, not text.
    numbered = {row - 1 for row in time_rows if row > 0 and _NUMBER.match(lines[row - 1])}
    before_first = time_rows[0] - (1 if time_rows[0] - 1 in numbered else 0)
    for i in range(before_first):
        if lines[i].strip():
            parsed.report(i + 1, "text before the first cue (ignored)")
            break

    dots: list[int] = []
    previous_number: int | None = None
    previous_end: int | None = None
    for index, row in enumerate(time_rows):
        line_no = row + 1
        next_row = time_rows[index + 1] if index + 1 < len(time_rows) else len(lines)
        text_end = next_row - 1 if next_row - 1 in numbered else next_row
        if index + 1 < len(time_rows) and text_end > row + 1 and lines[text_end - 1].strip():
            parsed.report(text_end + 1, "no blank line before this cue")

        if row - 1 in numbered:
            number = int(lines[row - 1])
            expected = previous_number + 1 if previous_number is not None else index + 1
            if number != expected:
                parsed.report(row, f"cue number {number}, expected {expected}")
            previous_number = number
        else:
            parsed.report(line_no, "cue has no number")
            previous_number = previous_number + 1 if previous_number is not None else index + 1

        start_text, end_text = _time_fields(lines[row])
        start = _parse_time(start_text, line_no, dots)
        end = _parse_time(end_text, line_no, dots)
        if start is None or end is None:
            parsed.report(line_no, f"unreadable time line {quoted(lines[row])} (cue kept with no length)")
            start = end = previous_end if previous_end is not None else 0
        else:
            parsed.report_times(line_no, start, end, previous_end)
        body = _cue_text(lines[row + 1 : text_end], row + 2, parsed)
        parsed.cues.append(Cue.create(start, end, body))
        previous_end = max(end, previous_end) if previous_end is not None else end

    if dots:
        more = f" ({len(set(dots))} lines in all)" if len(set(dots)) > 1 else ""
        parsed.report(dots[0], f"'.' instead of ',' in times{more}")
    parsed.problems.sort(key=lambda p: p.line)
    return parsed


def _body(text: str) -> str:
    # A blank line would end the cue early in every player: drop empty lines inside the text.
    return "\n".join(line for line in text.split("\n") if line.strip()) if "\n\n" in text else text


def srt_text(cue: Cue, look: markup.ScriptLook | None = None) -> str:
    """The cue's text as SubRip shows it: ``<i> <b> <u> <s> <font>`` and one leading ``{\\anN}``
    kept; the other formats' markup converted where SubRip has it, dropped where it has not."""
    look = look or markup.ScriptLook()
    style = look.style(cue.style)
    by_style = {"i": style.italic, "b": style.bold, "u": style.underline}  # wrapped around it all, below
    out: list[str] = []
    opened: list[str] = []  # <i>/<b>/<u>/<s> opened by ASS switches, closed at the end
    fonts: list[bool] = []  # per open <c>: whether it became a <font>
    ass_font = False  # a <font> opened for an ASS \c colour
    in_reading = 0
    for token in markup.tokens(cue.text, braces_are_text=not look.from_ass):
        if token.kind == "text":
            if not in_reading:
                out.append(markup.ass_text_escapes(token.raw))
        elif token.kind == "tag":
            name = token.name
            if name in ("i", "b", "u", "s"):
                if not by_style.get(name):
                    out.append(f"</{name}>" if token.closing else f"<{name}>")
            elif name == "font":
                out.append(token.raw)
            elif name == "c":  # a WebVTT colour class is a font colour
                if not token.closing:
                    colour = markup.class_colour(token.annotation)
                    fonts.append(colour is not None)
                    if colour:
                        out.append(f'<font color="{colour}">')
                elif fonts and fonts.pop():
                    out.append("</font>")
            elif name == "rt":
                in_reading = max(0, in_reading + (-1 if token.closing else 1))
            # <v>, <lang>, <ruby>, <span>: dropped, their text kept.
        elif token.kind == "block":
            if markup.block_comment(token.raw):
                continue  # an ASS comment (braces in other texts are read as text)
            for item in markup.block_items(token.raw):
                if switch := markup.toggle(item):
                    name, on = switch
                    if by_style.get(name):
                        continue
                    if tag := markup.switch_tag(opened, name, on):
                        out.append(tag)
                elif (colour := markup.ass_colour(item)) is not None:
                    if ass_font:
                        out.append("</font>")
                    ass_font = bool(colour)
                    if colour:
                        out.append(f'<font color="{colour}">')
                # placement: one {\anN} in front, below; anything else SubRip cannot show.
        # WebVTT time stamps (karaoke): dropped.
    if ass_font:
        out.append("</font>")
    out.extend(f"</{name}>" for name in reversed(opened))
    body = "".join(out)
    for name in ("i", "u", "b"):
        if by_style[name] and body.strip():
            body = f"<{name}>{body}</{name}>"
    an = markup.cue_alignment(cue, look)
    return (f"{{\\an{an}}}" if an is not None else "") + body


def write_srt(document: Document) -> str:
    """SRT text of the document's cues, numbered from 1."""
    look = ass.script_look(document)
    blocks = [
        f"{number}\n{format_srt(nonnegative(cue.start))} --> {format_srt(nonnegative(cue.end))}\n"
        f"{_body(srt_text(cue, look))}\n"
        for number, cue in enumerate(document.cues, 1)
    ]
    return "\n".join(blocks)


FORMAT = SubtitleFormat("SubRip", "SubRip subtitles", (".srt",), read_srt, write_srt)
