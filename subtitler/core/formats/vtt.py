"""WebVTT (.vtt): our own lenient reader, with line numbers for every problem found.

Kept for the round trip in ``Document.extras["vtt"]`` (plain JSON data): the header
(``WEBVTT`` line and the lines under it), the STYLE/REGION/NOTE blocks before the first cue,
NOTE blocks between cues (with their position) and each cue's id keyed by cue id. Each cue's
settings (``align:start line:0``) are its ``settings`` field, so edits carry them. A voice
that speaks the whole cue (``<v Name>`` opening it, no other voice, no ``</v>``) is the cue's
``speaker``; other voice tags stay in the text. Cue text is unescaped on load (``&amp;`` -> ``&``)
and escaped on save; ``<i> <b> <u>`` and the other WebVTT tags (``<v Name>``, ``<c.x>``,
``<lang>``, ``<ruby>``, time stamps) stay as tags. Times are exact ms; negative times are written as 0.

Saving converts the other formats' markup where WebVTT has it and drops it where it has not:
ASS ``{\\i1}``-style switches -> ``<i> <b> <u>``; ASS karaoke (``{\\k25}``, ``{\\kf}``, ``{\\ko}``) ->
time stamps at each syllable's start; a colour (``<font color>``, ASS ``{\\c&HBBGGRR&}``) -> the
WebVTT colour class of that exact colour (``<c.yellow>``) when there is one; a placement (``{\\an8}``,
``{\\pos}`` read as a third of the screen, an ASS style's alignment) -> ``line:0``/``line:50%`` and
``align:start``/``align:end``, replacing the placement of the kept settings when they disagree; an
ASS style's italic, bold or underline -> tags around the text; the speaker -> ``<v Name>``; the ASS
escapes ``\\N``/``\\n``/``\\h`` -> line break and no-break space. Other override tags (``{\\pos}``,
``{\\fad}``), ASS comments, ``<font>`` without a class colour, ``<s>`` and ``<span>`` are dropped.

Reported and loaded anyway: a missing ``WEBVTT`` header, a comma instead of a dot in times,
unreadable times (cue kept with no length), negative times, an end before the start,
overlaps, blank lines inside a cue's text, text outside any cue. A line of spaces inside a cue
(YouTube writes them) is part of the cue, as WebVTT says, and is not reported.
"""

from __future__ import annotations

import re

from ..errors import FormatError
from ..model import Cue, Document
from ..timecode import format_vtt, parse_timecode
from . import ass, markup
from .base import Parsed, SubtitleFormat, kept, kept_blocks, nonnegative, quoted, split_lines

__all__ = ["FORMAT", "read_vtt", "write_vtt", "vtt_text"]

_TIME_LINE = re.compile(r"^\s*(?P<start>-?\d+:[\d:.,]*)\s*-->\s*(?P<end>-?\d+:[\d:.,]*)(?P<settings>.*)$")
_ENTITY = re.compile(r"&(amp|lt|gt|nbsp|lrm|rlm);|&#(\d{1,7});|&#[xX]([0-9a-fA-F]{1,6});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "lrm": "\u200e", "rlm": "\u200f"}
_VTT_TAGS = frozenset({"i", "b", "u", "c", "v", "lang", "ruby", "rt"})
_BLOCK_KINDS = ("NOTE", "STYLE", "REGION")


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match[1]:
            return _NAMED[match[1]]
        code = int(match[2]) if match[2] else int(match[3], 16)
        return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else match.group()

    return _ENTITY.sub(one, text) if "&" in text else text


def _escape_plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _blocks(lines: list[str], start: int) -> list[tuple[int, list[str], bool]]:
    """(first row, lines, whether an empty line came before it) of each run of non-blank lines
    from ``start`` on. Blocks are cut at lines of spaces too; only a truly empty line ends a cue."""
    blocks: list[tuple[int, list[str], bool]] = []
    current: list[str] = []
    first = start
    empty_before = saw_empty = True
    for row in range(start, len(lines)):
        if lines[row].strip():
            if not current:
                first, empty_before = row, saw_empty
            current.append(lines[row])
            continue
        if current:
            blocks.append((first, current, empty_before))
            current = []
            saw_empty = False
        saw_empty = saw_empty or not lines[row]
    if current:
        blocks.append((first, current, empty_before))
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
    commas: list[int] = []
    previous_end: int | None = None
    last_was_cue = False
    for first, block, empty_before in _blocks(lines, body_start):
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
                if empty_before:
                    parsed.report(first, "blank line inside a cue's text (joined)")
                last = parsed.cues[-1]
                joined = [*([last.text] if last.text else []), *(_unescape(line.rstrip()) for line in block)]
                parsed.cues[-1] = last.with_(text="\n".join(joined))
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
        setting = " ".join(match["settings"].split()) if match else ""
        text = "\n".join(_unescape(line.rstrip()) for line in block[timing + 1 :])
        cue = Cue.create(start, end, text, fields={"settings": setting})
        if timing == 1:
            cue_ids[cue.id] = block[0].strip()
        parsed.cues.append(cue)
        previous_end = end if previous_end is None else max(previous_end, end)
        last_was_cue = True

    if commas:
        more = f" ({len(commas)} lines in all)" if len(commas) > 1 else ""
        parsed.report(commas[0], f"',' instead of '.' in times{more}")
    parsed.problems.sort(key=lambda p: p.line)
    for index, cue in enumerate(parsed.cues):
        voice = markup.whole_cue_voice(cue.text)
        if voice:
            parsed.cues[index] = cue.with_(speaker=voice[0], text=voice[1])
    parsed.extras["vtt"] = {
        "header": "\n".join(header) or "WEBVTT",
        "blocks": head_blocks,
        "notes": notes,
        "cue_ids": cue_ids,
    }
    return parsed


def vtt_text(cue: Cue, look: markup.ScriptLook | None = None) -> str:
    """The cue's text as WebVTT shows it, escaped, with the other formats' markup converted or dropped."""
    look = look or markup.ScriptLook()
    style = look.style(cue.style)
    by_style = {"i": style.italic, "b": style.bold, "u": style.underline}
    out: list[str] = []
    opened: list[str] = []  # <i>/<b>/<u> opened by ASS switches, closed at the end
    classes: list[bool] = []  # per open <font>: whether it became a <c.colour>
    ass_class = False  # a <c.colour> opened for an ASS \c colour
    syllable = 0.0  # karaoke: where the next syllable starts, in centiseconds from the cue's start
    stamp = cue.start
    for token in markup.tokens(cue.text, braces_are_text=not look.from_ass):
        if token.kind == "text":
            out.append(_escape_plain(markup.ass_text_escapes(token.raw)))
        elif token.kind == "time":
            out.append(token.raw)
        elif token.kind == "tag":
            if token.name in _VTT_TAGS:
                if not by_style.get(token.name):
                    out.append(token.raw)
            elif token.name == "font":
                if not token.closing:
                    name = markup.colour_class(markup.font_colour(token.annotation) or "")
                    classes.append(name is not None)
                    if name:
                        out.append(f"<c.{name}>")
                elif classes and classes.pop():
                    out.append("</c>")
            # <s>, <span>: WebVTT has no such tags.
        elif markup.block_comment(token.raw):
            pass  # an ASS comment (braces in other texts are read as text)
        else:
            for item in markup.block_items(token.raw):
                if switch := markup.toggle(item):
                    name, on = switch
                    if name == "s" or by_style.get(name):
                        continue
                    if tag := markup.switch_tag(opened, name, on):
                        out.append(tag)
                elif (colour := markup.ass_colour(item)) is not None:
                    if ass_class:
                        out.append("</c>")
                    name = markup.colour_class(colour) if colour else None
                    ass_class = name is not None
                    if name:
                        out.append(f"<c.{name}>")
                elif (length := markup.karaoke_cs(item)) is not None:
                    at = cue.start + round(syllable * 10)
                    if stamp < at < cue.end:
                        out.append(f"<{format_vtt(at)}>")
                        stamp = at
                    syllable += length
    if ass_class:
        out.append("</c>")
    out.extend(f"</{name}>" for name in reversed(opened))
    body = "".join(out)
    voiced = body.startswith("<v")  # the text names its own first voice
    for name in ("i", "u", "b"):
        if by_style[name] and body.strip():
            body = f"<{name}>{body}</{name}>"
    if cue.speaker and not voiced:
        body = f"<v {_escape_plain(cue.speaker)}>{body}"
    return body


def _settings(cue: Cue, look: markup.ScriptLook) -> str:
    """The cue's settings: those kept, unless the text places the cue elsewhere; else from its placement."""
    kept_settings = cue.field("settings")
    if kept_settings and not markup.placed(cue.text):
        return kept_settings
    an = markup.cue_alignment(cue, look)
    if kept_settings and markup.settings_alignment(kept_settings) == an:
        return kept_settings
    return " ".join([*markup.without_position_settings(kept_settings), *markup.alignment_settings(an)])


def _cue_block(cue: Cue, cue_id: str | None, look: markup.ScriptLook) -> str:
    timing = f"{format_vtt(nonnegative(cue.start))} --> {format_vtt(nonnegative(cue.end))}"
    setting = _settings(cue, look)
    if setting:
        timing += " " + setting
    head = f"{cue_id}\n{timing}" if cue_id else timing
    # A blank line would end the cue early: drop empty lines inside the text.
    body = "\n".join(line for line in vtt_text(cue, look).split("\n") if line.strip())
    return f"{head}\n{body}" if body else head


def write_vtt(document: Document) -> str:
    """WebVTT text of the document, with the header, blocks and cue ids kept from a loaded file."""
    data = kept(document, "vtt")
    cue_ids = kept(document, "vtt", "cue_ids")
    notes = kept_blocks(data.get("notes"), len(document.cues))
    header = data.get("header")
    blocks = data.get("blocks")
    look = ass.script_look(document)
    parts = [header if isinstance(header, str) and header.startswith("WEBVTT") else "WEBVTT"]
    parts += [block for block in blocks if isinstance(block, str)] if isinstance(blocks, list) else []
    for index, cue in enumerate(document.cues):
        parts.extend(notes.get(index, []))
        cue_id = cue_ids.get(cue.id)
        parts.append(_cue_block(cue, cue_id if isinstance(cue_id, str) else None, look))
    parts.extend(notes.get(len(document.cues), []))
    return "\n\n".join(parts) + "\n"


FORMAT = SubtitleFormat("WebVTT", "WebVTT subtitles", (".vtt",), read_vtt, write_vtt)
