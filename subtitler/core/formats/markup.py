"""The markup a cue's text can hold, from any format, read once so every writer can keep,
convert or drop it.

Cue text keeps the markup of the file it came from (see ``model.Cue``):

- HTML-like tags: ``<i> <b> <u>`` (every format), ``<s>`` and ``<font color=… face=…>`` (SubRip),
  ``<c.class>``, ``<v Name>``, ``<lang xx>``, ``<ruby>``/``<rt>`` and ``<span>`` (WebVTT). A tag
  with any other name (``<not a tag>``) is text.
- WebVTT timestamps (``<00:00:02.000>``), the karaoke of WebVTT.
- ASS override blocks (``{\\an8\\pos(10,20)}``) and comments (``{a note}``), and the ASS escapes
  ``\\N`` (line break), ``\\n`` (soft break) and ``\\h`` (non-breaking space).

``tokens`` splits a text into these pieces; the helpers below read what the pieces mean in the
terms every format shares: a placement (the numpad positions of ASS ``\\an``), colours as
``#rrggbb``, voices, and WebVTT cue settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from ..model import Cue

__all__ = [
    "KNOWN_TAGS",
    "StyleLook",
    "ScriptLook",
    "cue_alignment",
    "placed",
    "Token",
    "tokens",
    "split_tags",
    "block_items",
    "block_comment",
    "ass_text_escapes",
    "toggle",
    "switch_tag",
    "karaoke_cs",
    "alignment",
    "legacy_alignment",
    "settings_alignment",
    "alignment_settings",
    "without_position_settings",
    "ass_colour",
    "rgb_to_ass",
    "font_colour",
    "class_colour",
    "colour_class",
    "voice_name",
    "voices",
    "whole_cue_voice",
]

KNOWN_TAGS = frozenset({"i", "b", "u", "s", "font", "c", "v", "lang", "ruby", "rt", "span"})
"""Tag names some format gives a meaning to; any other ``<name>`` in a cue is text."""

_TOKEN = re.compile(
    r"(?P<block>\{[^{}]*\})"
    r"|<(?P<time>\d[\d:.]*)>"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)(?P<annotation>(?:[.\s][^<>]*)?)>"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of cue text: ``text``, a ``tag``, a WebVTT ``time`` stamp or an ASS ``block``."""

    kind: str
    raw: str
    name: str = ""
    """A tag's name, lower-case."""
    closing: bool = False
    annotation: str = ""
    """What follows a tag's name: ``.yellow``, `` Bob``, `` color="red"``."""
    ms: int = 0
    """A time stamp's time (-1 for a malformed one)."""


_STAMP = re.compile(r"(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})")


def _stamp_ms(stamp: str) -> int:
    """A WebVTT time stamp's time; -1 when it is not one WebVTT can read."""
    match = _STAMP.fullmatch(stamp)
    if not match:
        return -1
    hours, minutes, seconds, millis = (int(part or 0) for part in match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def tokens(text: str, braces_are_text: bool = False) -> list[Token]:
    """The pieces of ``text`` in order; neighbouring text is one piece. With ``braces_are_text``
    a ``{…}`` without override tags is text (as braces are in SubRip and WebVTT) and what it
    holds is read as more pieces; otherwise it is a block (an ASS comment)."""
    out: list[Token] = []
    pending = ""
    pos = 0
    while (match := _TOKEN.search(text, pos)) is not None:
        if match["name"] is not None and match["name"].lower() not in KNOWN_TAGS:
            pending += text[pos : match.end()]  # <not a tag>: part of the text around it
            pos = match.end()
            continue
        if match["block"] is not None and braces_are_text and block_comment(match.group()):
            pending += text[pos : match.start() + 1]  # the brace; what it holds is read on
            pos = match.start() + 1
            continue
        pending += text[pos : match.start()]
        pos = match.end()
        if pending:
            out.append(Token("text", pending))
            pending = ""
        if match["block"] is not None:
            out.append(Token("block", match.group()))
        elif match["time"] is not None:
            out.append(Token("time", match.group(), ms=_stamp_ms(match["time"])))
        else:
            out.append(
                Token("tag", match.group(), match["name"].lower(), bool(match["close"]), match["annotation"] or "")
            )
    pending += text[pos:]
    if pending:
        out.append(Token("text", pending))
    return out


def split_tags(block: str) -> list[str]:
    """Split an override block's content into its leading text and ``\\tag`` items, keeping
    backslashes inside parentheses (``\\t(0,500,\\i1)``) within their tag."""
    items: list[str] = []
    depth = 0
    current = ""
    for ch in block:
        if ch == "\\" and depth == 0 and current:
            items.append(current)
            current = ""
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        current += ch
    if current:
        items.append(current)
    return items


def block_items(block: str) -> list[str]:
    """An override block's ``\\tag`` items (braces included or not), without its comment text."""
    inner = block[1:-1] if block.startswith("{") and block.endswith("}") else block
    return [item.strip() for item in split_tags(inner) if item.startswith("\\")]


def block_comment(block: str) -> bool:
    """Whether a ``{…}`` block holds no override tag at all (an ASS comment, or literal braces)."""
    return "\\" not in block


def ass_text_escapes(text: str) -> str:
    """Plain text with the ASS escapes resolved: ``\\N`` and ``\\n`` break the line, ``\\h`` is a no-break space."""
    if "\\" not in text:
        return text
    return text.replace("\\N", "\n").replace("\\n", "\n").replace("\\h", "\u00a0")


_TOGGLE = re.compile(r"\\([ibus])(\d*)")


def toggle(item: str) -> tuple[str, bool] | None:
    """(``i``/``b``/``u``/``s``, on) for a styling switch such as ``\\i1`` or ``\\b700``; None otherwise."""
    match = _TOGGLE.fullmatch(item)
    if not match:
        return None
    value = match[2]
    if match[1] == "b" and len(value) > 1:
        return "b", int(value) >= 600  # a font weight
    return match[1], value == "1"


def switch_tag(opened: list[str], name: str, on: bool) -> str:
    """``<name>`` or ``</name>`` for a switch that changes ``opened`` (kept up to date); "" for one that does not."""
    if on and name not in opened:
        opened.append(name)
        return f"<{name}>"
    if not on and name in opened:
        opened.remove(name)
        return f"</{name}>"
    return ""


_KARAOKE = re.compile(r"\\(?:k|K|kf|ko)(\d+(?:\.\d*)?)")


def karaoke_cs(item: str) -> float | None:
    """The length in centiseconds of a karaoke syllable tag (``\\k25``, ``\\kf45``, ``\\K``, ``\\ko``)."""
    match = _KARAOKE.fullmatch(item)
    return float(match[1]) if match else None


# --- placement --------------------------------------------------------------------------------

_AN = re.compile(r"\\an([1-9])")
_LEGACY_A = re.compile(r"\\a(\d{1,2})")
_POS = re.compile(r"\\(?:pos|move)\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)")


def legacy_alignment(value: int) -> int | None:
    """SSA ``\\a`` (1-3 bottom, 5-7 top, 9-11 middle; libass reads 8 as 5) as an ``\\an`` numpad value."""
    value = 5 if value == 8 else value
    horizontal = (value - 1) % 4 + 1
    vertical = {0: 0, 1: 6, 2: 3}.get((value - 1) // 4)
    if not 1 <= value <= 11 or horizontal > 3 or vertical is None:
        return None
    return horizontal + vertical


def _band(value: float, size: float) -> int:
    """0, 1 or 2 for the first, middle or last third of ``size``."""
    return 0 if value < size / 3 else 1 if value <= 2 * size / 3 else 2


def alignment(text: str, play_res: tuple[int, int] | None = None) -> int | None:
    """Where the text's override tags place the cue, as an ``\\an`` numpad value (1-9), or None.

    The first ``\\an`` (or SSA ``\\a``) counts, as in ASS renderers. A ``\\pos``/``\\move`` with
    ``play_res`` (the script's PlayResX/Y) wins: its point is read as a third of the screen
    across and down, which is as close as a numpad position gets."""
    found: int | None = None
    for token in tokens(text):
        if token.kind != "block":
            continue
        for item in block_items(token.raw):
            if play_res is not None and (pos := _POS.match(item)):
                width, height = play_res
                column = _band(float(pos[1]), width)
                row = _band(float(pos[2]), height)
                return {0: 7, 1: 4, 2: 1}[row] + column
            if found is None:
                if an := _AN.fullmatch(item):
                    found = int(an[1])
                elif legacy := _LEGACY_A.fullmatch(item):
                    found = legacy_alignment(int(legacy[1]))
    return found


def _settings(settings: str) -> list[tuple[str, str]]:
    return [tuple(item.split(":", 1)) for item in settings.split() if ":" in item]  # type: ignore[misc]


def settings_alignment(settings: str) -> int | None:
    """The ``\\an`` value a WebVTT cue's settings (``line:0 align:start``) come closest to; None
    for the default place at the bottom (where ``align`` alone is often a caption tool's habit,
    as in YouTube's ``align:start position:0%``, rather than a wish to move the text)."""
    values = dict(_settings(settings))
    line = values.get("line", "auto").split(",")[0]
    try:
        if line == "auto":
            return None
        if line.endswith("%"):
            row = _band(float(line[:-1]), 100)
        else:
            row = 0 if int(line) >= 0 else 2
    except ValueError:
        return None
    if row == 2:
        return None
    column = {"start": 0, "left": 0, "end": 2, "right": 2}.get(values.get("align", ""), 1)
    return (7 if row == 0 else 4) + column


def alignment_settings(an: int | None) -> list[str]:
    """WebVTT cue settings for an ``\\an`` numpad value (nothing for the default, bottom centre)."""
    if an is None or not 1 <= an <= 9:
        return []
    row = (an - 1) // 3  # 0 bottom, 1 middle, 2 top
    out = [[], ["line:50%", "line-align:center"], ["line:0"]][row]
    column = (an - 1) % 3
    if column != 1:
        out = [*out, "align:start" if column == 0 else "align:end"]
    return out


def without_position_settings(settings: str) -> list[str]:
    """A cue's settings without those ``alignment_settings`` writes (size, region, vertical… stay)."""
    return [f"{k}:{v}" for k, v in _settings(settings) if k not in ("line", "line-align", "align")]


# --- colours ----------------------------------------------------------------------------------

_ASS_COLOUR = re.compile(r"\\1?c(?:&H([0-9A-Fa-f]{1,8})&?)?")
_NAMED = {
    "white": "#ffffff", "black": "#000000", "red": "#ff0000", "lime": "#00ff00", "green": "#008000",
    "blue": "#0000ff", "yellow": "#ffff00", "cyan": "#00ffff", "aqua": "#00ffff", "magenta": "#ff00ff",
    "fuchsia": "#ff00ff", "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0", "maroon": "#800000",
    "olive": "#808000", "navy": "#000080", "purple": "#800080", "teal": "#008080", "orange": "#ffa500",
}  # fmt: skip
_CLASSES = {"white": "#ffffff", "lime": "#00ff00", "cyan": "#00ffff", "red": "#ff0000",
            "yellow": "#ffff00", "magenta": "#ff00ff", "blue": "#0000ff", "black": "#000000"}  # fmt: skip
"""The colour classes every WebVTT player knows."""
_FONT_COLOUR = re.compile(r"""\bcolou?r\s*=\s*["']?\s*(#?[0-9A-Za-z]+)""", re.IGNORECASE)


def ass_colour(item: str) -> str | None:
    """For a primary-colour tag: ``#rrggbb``, or "" when it resets to the style's colour; None for other tags."""
    match = _ASS_COLOUR.fullmatch(item)
    if not match:
        return None
    if not match[1]:
        return ""
    bgr = match[1][-6:].rjust(6, "0")
    return f"#{bgr[4:6]}{bgr[2:4]}{bgr[0:2]}".lower()


def rgb_to_ass(rgb: str) -> str:
    """``#rrggbb`` as an ASS colour (``&HBBGGRR&``)."""
    return f"&H{rgb[5:7]}{rgb[3:5]}{rgb[1:3]}&".upper()


def _css_colour(value: str) -> str | None:
    value = value.strip().lower()
    if value in _NAMED:
        return _NAMED[value]
    digits = value.lstrip("#")
    if re.fullmatch(r"[0-9a-f]{6}", digits):
        return "#" + digits
    if re.fullmatch(r"[0-9a-f]{3}", digits):
        return "#" + "".join(ch * 2 for ch in digits)
    return None


def font_colour(annotation: str) -> str | None:
    """The colour of a SubRip ``<font color=…>`` tag (its annotation) as ``#rrggbb``."""
    match = _FONT_COLOUR.search(annotation)
    return _css_colour(match[1]) if match else None


def class_colour(annotation: str) -> str | None:
    """The colour a WebVTT ``<c.yellow.big>`` tag's classes give, as ``#rrggbb``."""
    for name in annotation.split(" ", 1)[0].split(".")[1:]:
        if name in _CLASSES:
            return _CLASSES[name]
    return None


def colour_class(rgb: str) -> str | None:
    """The WebVTT colour class for an ``#rrggbb`` colour, when there is one."""
    return next((name for name, value in _CLASSES.items() if value == rgb), None)


# --- voices -----------------------------------------------------------------------------------


def voice_name(annotation: str) -> str:
    """The name in a ``<v Name>`` or ``<v.class Name>`` tag's annotation."""
    parts = annotation.split(None, 1) if not annotation[:1].isspace() else ["", annotation]
    return parts[1].strip() if len(parts) > 1 else ""


def voices(text: str) -> list[str]:
    """The names of the WebVTT voices in ``text``, each once, in order."""
    names: list[str] = []
    for token in tokens(text):
        if token.kind == "tag" and token.name == "v" and not token.closing:
            name = voice_name(token.annotation)
            if name and name not in names:
                names.append(name)
    return names


_WHOLE_VOICE = re.compile(r"<v ([^<>.][^<>]*)>")


def whole_cue_voice(text: str) -> tuple[str, str] | None:
    """(name, the rest) when one classless ``<v Name>`` opens the text and speaks all of it: no
    other voice and no ``</v>`` follow. What else would be lost when the voice is taken out."""
    match = _WHOLE_VOICE.match(text)
    if not match or not match[1].strip():
        return None
    rest = text[match.end() :]
    if any(t.kind == "tag" and t.name == "v" for t in tokens(rest)):
        return None
    return match[1].strip(), rest


# --- what a cue looks like beyond its text ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StyleLook:
    """What an ASS style does to every cue in it that other formats can say in the cue's text."""

    alignment: int = 2
    italic: bool = False
    bold: bool = False
    underline: bool = False


@dataclass(frozen=True, slots=True)
class ScriptLook:
    """What a document's ASS script header says about how its cues look (``ass.script_look``)."""

    play_res: tuple[int, int] = (384, 288)
    """PlayResX/Y, the frame ``\\pos`` coordinates are in (384x288 when not given, as in ASS renderers)."""
    styles: Mapping[str, StyleLook] = field(default_factory=dict)
    from_ass: bool = False
    """The cues came from an ASS script: a ``{…}`` block without override tags is a comment, not text."""

    def style(self, name: str) -> StyleLook:
        return self.styles.get(name) or self.styles.get(name.lstrip("*")) or StyleLook()


def placed(text: str) -> bool:
    """Whether the text's override tags say where the cue goes (``\\an``, ``\\a``, ``\\pos``, ``\\move``)."""
    return alignment(text, (3, 3)) is not None


def cue_alignment(cue: Cue, look: ScriptLook) -> int | None:
    """Where the cue goes as an ``\\an`` numpad value: from its override tags, else its WebVTT
    settings, else its ASS style; None for the default place (bottom centre)."""
    an = alignment(cue.text, look.play_res)
    if an is None and cue.field("settings"):
        an = settings_alignment(cue.field("settings"))
    if an is None:
        an = look.style(cue.style).alignment
    return None if an == 2 else an
