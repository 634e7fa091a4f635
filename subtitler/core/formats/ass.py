"""Advanced SubStation Alpha (.ass) and SubStation Alpha (.ssa).

pysubs2 reads and writes everything above the events (script info, styles, embedded
fonts and graphics); the ``[Events]`` section is ours, so that each malformed line is
reported with its line number, the ``Format:`` line is honoured and comment events survive.

Text: ``\\N`` becomes a line break; ``{\\i1}``/``{\\i0}``, ``{\\b1}``/``{\\b0}`` and
``{\\u1}``/``{\\u0}`` become ``<i> <b> <u>`` tags (closed at the end of the cue when left
open); every other override tag (``{\\an8}``, ``{\\pos(10,20)}``, ``{\\c&H0000FF&}``), comment
block and ``\\n``/``\\h`` stay verbatim. On save the tags map back, a closing tag at the very
end is left out (ASS resets at the end of a line) and neighbouring override blocks are merged,
so ``{\\an8\\i1}Hi`` comes back as it was. Markup of the other formats is converted where ASS
has it and left out where it has not: ``<s>`` -> ``\\s1``; a colour (``<font color>``, a WebVTT
colour class such as ``<c.yellow>``) -> ``\\c&HBBGGRR&``, its end -> the colour before it (``\\c``
resets to the style's); WebVTT voices (``<v Name>``) go to the Name field; ``<c>``, ``<lang>``,
``<ruby>`` and ``<span>`` tags are dropped (their text kept, ruby's ``<rt>`` reading dropped);
WebVTT word timestamps (``<00:00:02.000>``) are dropped, since as ``\\k`` karaoke they would
recolour the words. A WebVTT placement (``line:0``) becomes ``{\\an8}`` when the text has none.
A tag with any other name (``<not a tag>``) is text and stays.

Times: ASS stores centiseconds. Saving rounds each time to the nearest centisecond, halves
up (1234 ms -> 0:00:01.23, 1235 ms -> 0:00:01.24), as Aegisub and pysubs2 do; loading
multiplies by ten. So a round trip keeps times that are whole centiseconds exactly and
moves any other time by at most 5 ms. Negative times are written as 0.

Each event's Name is the cue's ``speaker``; its other fields (layer, margins, effect; SSA's
marked), when not default, are the cue's ``fields``, so edits carry them (both halves of a
split keep them). Kept in ``Document.extras["ass"]`` (plain JSON data): the format
("ass"/"ssa"), the header as pysubs2 writes it and comment events with their position.
``Cue.style`` holds the style name. ``script_look`` reads the header for the writers of other
formats: the styles' alignment, italic, bold and underline, and the script's PlayResX/Y.
"""

from __future__ import annotations

import re
import warnings

from ..errors import FormatError
from ..model import Cue, Document
from ..timecode import parse_timecode
from . import markup
from .base import Parsed, SubtitleFormat, kept, kept_blocks, nonnegative, quoted, split_lines

__all__ = [
    "FORMAT_ASS",
    "FORMAT_SSA",
    "read_ass",
    "write_ass",
    "ass_to_cue_text",
    "cue_to_ass_text",
    "script_look",
]

_EVENT_FORMAT_NAMES = {
    "ass": ("Layer", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"),
    "ssa": ("Marked", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"),
}
_EVENT_FIELDS = {fmt: tuple(name.lower() for name in names) for fmt, names in _EVENT_FORMAT_NAMES.items()}
_FIELD_DEFAULTS = {"layer": "0", "marked": "Marked=0", "marginl": "0", "marginr": "0", "marginv": "0"}
_STYLE_SECTIONS = {"v4+ styles": "ass", "v4 styles": "ssa"}
_OVERRIDE = re.compile(r"\{([^{}]*)\}")
_TOGGLE = re.compile(r"\\([ibu])([01]?)\s*")
_ADJACENT_BLOCKS = re.compile(r"(\{\\[^{}]*)\}\{(?=\\)")
_NOTICE = "Script written by Subtitler"
# What pysubs2 raises on malformed style fields (float(), int(..., 16), indexing).
_PYSUBS2_ERRORS = (ValueError, IndexError, TypeError, KeyError)


def ass_to_cue_text(raw: str) -> str:
    """ASS event text -> Cue.text (``\\N`` -> newline, i/b/u toggles -> tags, others verbatim)."""
    out: list[str] = []
    open_tags: list[str] = []
    pos = 0
    for match in _OVERRIDE.finditer(raw):
        out.append(raw[pos : match.start()].replace("\\N", "\n"))
        pos = match.end()
        kept: list[str] = []
        toggles: list[str] = []
        for item in markup.split_tags(match[1]):
            toggle = _TOGGLE.fullmatch(item)
            if not toggle:
                kept.append(item)
                continue
            tag, on = toggle[1], toggle[2] == "1"
            if switched := markup.switch_tag(open_tags, tag, on):
                toggles.append(switched)
        if kept or (not toggles and not match[1]):
            out.append("{" + "".join(kept) + "}")
        out.extend(toggles)
    out.append(raw[pos:].replace("\\N", "\n"))
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out)


def cue_to_ass_text(text: str) -> str:
    """Cue.text -> ASS event text (the inverse of ``ass_to_cue_text`` for what it produces; the
    other formats' markup converted or left out, as the module says)."""
    pieces: list[tuple[str, bool]] = []  # (ASS text, a closing that the end of the line makes needless)
    colours: list[str | None] = []  # colours opened by <font>/<c> tags, None for one without a colour
    in_reading = 0  # inside <rt>: a ruby reading, which ASS cannot place above its base
    for token in markup.tokens(text):
        if token.kind == "block":
            pieces.append((token.raw, False))
        elif token.kind == "text":
            if not in_reading:
                pieces.append((token.raw.replace("\n", "\\N"), False))
        elif token.kind == "tag":
            name, closing = token.name, token.closing
            if name in ("i", "b", "u", "s"):
                pieces.append(("{\\" + name + ("0}" if closing else "1}"), closing))
            elif name in ("font", "c") and not closing:
                read = markup.font_colour if name == "font" else markup.class_colour
                colour = read(token.annotation)
                colours.append(colour)
                if colour:
                    pieces.append(("{\\c" + markup.rgb_to_ass(colour) + "}", False))
            elif name in ("font", "c") and colours:
                if colours.pop():
                    previous = next((c for c in reversed(colours) if c), None)
                    pieces.append(("{\\c" + (markup.rgb_to_ass(previous) if previous else "") + "}", True))
            elif name == "rt":
                in_reading = max(0, in_reading + (-1 if closing else 1))
            # <v>, <lang>, <ruby>, <span>: dropped, their text kept (voices go to the Name field).
        # WebVTT time stamps: dropped.
    # ASS resets styling at the end of the line: trailing closing tags are noise.
    while pieces and pieces[-1][1]:
        pieces.pop()
    converted = "".join(piece for piece, _ in pieces)
    while True:
        merged = _ADJACENT_BLOCKS.sub(r"\1", converted)
        if merged == converted:
            return merged
        converted = merged


def _ass_time(ms: int) -> str:
    centis = (nonnegative(ms) + 5) // 10
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6_000)
    seconds, centi = divmod(rest, 100)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{centi:02d}"


def _pysubs2_header(text: str, fmt: str):  # -> pysubs2.SSAFile
    import pysubs2  # imported on demand: SRT-only users never pay for it

    with warnings.catch_warnings():
        # pysubs2 warns and uses defaults for odd style fields; the file still loads.
        warnings.simplefilter("ignore")
        return pysubs2.SSAFile.from_string(text, format_=fmt)


def _style_ok(line: str, fmt: str) -> bool:
    section = "[V4+ Styles]" if fmt == "ass" else "[V4 Styles]"
    try:
        _pysubs2_header(f"{section}\n{line}", fmt)
    except _PYSUBS2_ERRORS:
        return False
    return True


def _header_text(subs, fmt: str) -> str:  # subs: pysubs2.SSAFile
    written: str = subs.to_string(fmt, header_notice=_NOTICE)
    return written.split("\n[Events]", 1)[0].rstrip("\n") + "\n"


def read_ass(text: str) -> Parsed:
    """Parse ASS/SSA text; malformed event and style lines are reported with their line numbers."""
    parsed = Parsed()
    lines = split_lines(text)
    section = ""
    header: list[str] = []
    fmt = "ass"
    fields: tuple[str, ...] | None = None
    saw_section = False
    stray_events = False
    comments: list[list[object]] = []
    styles_seen: set[str] = set()
    style_rows: list[tuple[int, str]] = []
    for row, line in enumerate(lines):
        stripped = line.strip()
        line_no = row + 1
        if stripped.startswith("[") and stripped.endswith("]"):
            saw_section = True
            section = stripped[1:-1].strip().lower()
            fmt = _STYLE_SECTIONS.get(section, fmt)
            if section != "events":
                header.append(stripped)
            continue
        is_event = stripped.lower().startswith(("dialogue:", "comment:"))
        if section != "events" and is_event and not stray_events:
            # Loaded anyway: a missing [Events] heading should not cost the whole file.
            parsed.report(line_no, "dialogue outside the [Events] section")
            stray_events = True
        if section != "events" and not is_event:
            if stripped.lower().startswith("style:"):
                style_rows.append((line_no, stripped))
                styles_seen.add(stripped.split(":", 1)[1].split(",", 1)[0].strip())
            header.append(line)
            continue
        if not stripped or stripped.startswith(";"):
            continue
        key, colon, rest = stripped.partition(":")
        key = key.strip().lower()
        if not colon or key not in ("format", "dialogue", "comment"):
            parsed.report(line_no, f"unsupported line in [Events] (ignored): {quoted(stripped, 40)}")
            continue
        if key == "format":
            names = tuple(name.strip().lower() for name in rest.split(","))
            if {"start", "end", "text"} <= set(names) and names[-1] == "text":
                fields = names
            else:
                parsed.report(line_no, "events Format line without Start, End and Text last (ignored)")
            continue
        active = fields or _EVENT_FIELDS[fmt]
        values = rest.lstrip().split(",", len(active) - 1)
        if len(values) < len(active):
            parsed.report(line_no, f"{len(values)} fields where {len(active)} are expected (line ignored)")
            continue
        event = dict(zip(active, values))
        if key == "comment":
            comments.append([len(parsed.cues), stripped])
            continue
        try:
            start, end = parse_timecode(event["start"]), parse_timecode(event["end"])
        except ValueError:  # TimecodeError, or int() of an absurdly long digit run
            previous = parsed.cues[-1].end if parsed.cues else 0
            parsed.report(line_no, "unreadable times (cue kept with no length)")
            start = end = previous
        if start < 0 or end < 0:
            parsed.report(line_no, "negative time")
        if end < start:
            parsed.report(line_no, "ends before it starts")
        style = event.get("style", "").strip() or "Default"
        if styles_seen and style not in styles_seen and style.lstrip("*") not in styles_seen:
            parsed.report(line_no, f"style '{style}' is not defined")
        others = {
            name: value.strip()
            for name, value in event.items()
            if name not in ("start", "end", "style", "name", "text")
            and value.strip() not in ("", _FIELD_DEFAULTS.get(name, ""))
        }
        speaker = event.get("name", "").strip()
        parsed.cues.append(
            Cue.create(start, end, ass_to_cue_text(event["text"]), style=style, speaker=speaker, fields=others)
        )

    if not saw_section:
        raise FormatError("no [Script Info] or [Events] section found: not an ASS/SSA file")
    bad_rows = {line_no for line_no, line in style_rows if not _style_ok(line, fmt)}
    for line_no in sorted(bad_rows):
        parsed.report(line_no, "unreadable style line (ignored)")
    if bad_rows:
        bad_lines = {line for line_no, line in style_rows if line_no in bad_rows}
        header = [line for line in header if line.strip() not in bad_lines]
    parsed.problems.sort(key=lambda p: p.line)
    try:
        header_text = _header_text(_pysubs2_header("\n".join(header), fmt), fmt)
    except _PYSUBS2_ERRORS:
        raise FormatError("the script info or styles cannot be read") from None
    parsed.extras["ass"] = {"format": fmt, "header": header_text, "comments": comments}
    return parsed


def script_look(document: Document) -> markup.ScriptLook:
    """What the ASS header kept with the document says about its cues' look (defaults without one)."""
    data = kept(document, "ass")
    header = data.get("header")
    if not isinstance(header, str):
        return markup.ScriptLook(from_ass="ass" in document.extras)
    try:
        subs = _pysubs2_header(header, "ssa" if data.get("format") == "ssa" else "ass")
    except _PYSUBS2_ERRORS:
        return markup.ScriptLook(from_ass=True)
    styles = {
        name: markup.StyleLook(int(style.alignment), bool(style.italic), bool(style.bold), bool(style.underline))
        for name, style in subs.styles.items()
    }
    return markup.ScriptLook(_play_res(subs.info), styles, from_ass=True)


def _play_res(info: dict) -> tuple[int, int]:
    """PlayResX/Y as renderers read them: one given, the other follows at 4:3; neither, 384x288."""

    def number(key: str) -> int:
        try:
            value = int(float(str(info.get(key, "0")).strip()))
        except (ValueError, OverflowError):
            return 0
        return value if value > 0 else 0

    width, height = number("PlayResX"), number("PlayResY")
    if not width and not height:
        return 384, 288
    if not width:
        width = 1280 if height == 1024 else height * 4 // 3
    if not height:
        height = 1024 if width == 1280 else width * 3 // 4
    return width, height


def _one_field(value: str) -> str:
    """A value that stays one field of an event line: no comma, no line break."""
    return " ".join(value.replace(",", ";").split())


def _event_line(kind: str, values: dict[str, str], fmt: str) -> str:
    fields = _EVENT_FIELDS[fmt]
    return f"{kind}: " + ",".join(values.get(name, _FIELD_DEFAULTS.get(name, "")) for name in fields)


def write_ass(document: Document, fmt: str = "ass") -> str:
    """ASS (or SSA) text of the document, with header, styles and event fields kept from a loaded file."""
    data = kept(document, "ass")
    header = data.get("header")
    if isinstance(header, str):
        try:
            subs = _pysubs2_header(header, "ssa" if data.get("format") == "ssa" else "ass")
        except _PYSUBS2_ERRORS:
            raise FormatError("the ASS styles kept with this document are damaged; cannot write them") from None
    else:
        import pysubs2

        subs = pysubs2.SSAFile()
    out = [_header_text(subs, fmt), "[Events]", "Format: " + ", ".join(_EVENT_FORMAT_NAMES[fmt])]
    comments = kept_blocks(data.get("comments"), len(document.cues))
    for index, cue in enumerate(document.cues):
        out.extend(comments.get(index, []))
        values = {name: _one_field(value) for name, value in cue.fields}
        text = cue_to_ass_text(cue.text)
        settings = cue.field("settings")
        if settings and not markup.placed(cue.text):
            an = markup.settings_alignment(settings)  # a WebVTT placement
            if an is not None:
                text = _ADJACENT_BLOCKS.sub(r"\1", f"{{\\an{an}}}" + text)
        values.update(
            start=_ass_time(cue.start),
            end=_ass_time(cue.end),
            style=_one_field(cue.style) or "Default",
            name=_one_field(cue.speaker or " & ".join(markup.voices(cue.text))),
            text=text,
        )
        out.append(_event_line("Dialogue", values, fmt))
    out.extend(comments.get(len(document.cues), []))
    return "\n".join(out) + "\n"


FORMAT_ASS = SubtitleFormat("ASS", "Advanced SubStation Alpha subtitles", (".ass",), read_ass, write_ass)
FORMAT_SSA = SubtitleFormat(
    "SSA", "SubStation Alpha subtitles", (".ssa",), read_ass, lambda document: write_ass(document, "ssa")
)
