"""Conversion fidelity: real-world-shaped SRT, ASS and WebVTT files converted in every direction.

Each fixture in tests/data/formats is described by hand below: per cue its times, visible lines,
what is italic, bold and underlined, where it sits on screen and who speaks. Every output is
read back by the small independent parsers of this file (pysubs2 for ASS), not by Subtitler's
own readers, and must match that description wherever the target format can hold it, with no
markup of another format left in it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pysubs2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subtitler.core import edits, formats

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
TARGETS = (".srt", ".ass", ".vtt")


@dataclass(frozen=True)
class Meaning:
    """What a cue shows, independent of any file format."""

    start: int
    end: int
    lines: tuple[str, ...]
    italic: str = ""
    bold: str = ""
    underline: str = ""
    position: str = "bottom"
    speakers: tuple[str, ...] = ()


def M(
    start: int, end: int, *lines: str, i: str = "", b: str = "", u: str = "", at: str = "bottom", who: tuple[str, ...] = ()
) -> Meaning:
    """A cue's meaning: italic (i), bold (b) and underlined (u) text, place (at), speakers (who)."""
    return Meaning(start, end, lines, i, b, u, at, who)


EXPECTED: dict[str, list[Meaning]] = {
    "aegisub.ass": [
        M(1000, 3500, "Where were you last night?", who=("Mika",)),
        M(3750, 6200, "Out. Why do you care?", i="Out.", who=("Sora",)),
        M(6500, 9000, "Because you promised, Sora.", b="Sora", at="top", who=("Mika",)),
        # Style "Sign" is bold; \pos(960,180) on a 1080-high script sits in the top third.
        M(7000, 10000, "CLOSED for repairs", b="CLOSED for repairs", at="top"),
        # Style "Italics"; the {TL note} comment is not shown.
        M(10500, 13000, "We interrupt this broadcast", "with an urgent message",
          i="We interrupt this broadcast with an urgent message", who=("Radio",)),
        # Style "Karaoke" is aligned at the top.
        M(13500, 16000, "Karaoke night", u="night", at="top", who=("Chorus",)),
        M(18000, 20000, "Fine. Let's go.", i="Fine.", at="top", who=("Sora",)),
    ],
    "youtube.vtt": [
        M(400, 2869, "so today we're going to talk"),
        M(2869, 2879, "so today we're going to talk"),
        M(2879, 5110, "so today we're going to talk", "about subtitles and timing"),
        M(5110, 5120, "about subtitles and timing"),
        M(5120, 7430, "about subtitles and timing", "[Music]"),
    ],
    "voices.vtt": [
        M(1000, 3000, "In the spring of 1968, the river rose.", who=("Narrator",)),
        M(3500, 6000, "I was twelve.", i="twelve", at="top", who=("Ana",)),
        M(6500, 8250, "Get to the roof!", b="roof", who=("Ben",)),
        M(8500, 10000, "Ben?", "Here!", at="top", who=("Ana", "Ben")),
        M(10500, 12000, "Sirens & rain <offscreen>"),
        M(12500, 14000, "¡Vámonos! Now.", u="Now"),
    ],
    "styled.srt": [
        M(1000, 3200, 'Previously on "The Harbour"...', i='Previously on "The Harbour"...'),
        M(3400, 5900, "KESTREL BAY", "Population 2,140", b="KESTREL BAY", at="top"),
        M(6100, 8000, "Who's there?"),
        M(8300, 10750, "- It's me.", "- You came back?", u="You"),
        M(11000, 13500, "(thunder rumbling)", i="(thunder rumbling)"),
        M(14000, 16000, "Radio: Storm warning", "for the whole coast.", i="Radio:", at="top"),
    ],
}
SOURCES = sorted(EXPECTED)

# Markup that must never reach a format that cannot show it.
FOREIGN = {
    ".srt": re.compile(r"<(?:/?(?:v|c|lang|ruby|rt|span)\b|\d)|\\[Nh]|&(?:amp|lt|gt|nbsp);|\{(?!\\an\d\})"),
    ".vtt": re.compile(r"\{\\|\\[Nh]|</?(?:font|s|span)\b"),
    ".ass": re.compile(r"</?(?:i|b|u|s|v|c|font|lang|ruby|rt|span)\b|<\d|&(?:amp|lt|gt|nbsp);"),
}


# --- independent readers of what was written ---------------------------------------------


class _Styled:
    """Collects visible text and the runs under each style while markup is walked."""

    def __init__(self, initial: set[str] | None = None) -> None:
        self.text = ""
        self.active = set(initial or ())
        self.runs: dict[str, list[str]] = {"i": [""], "b": [""], "u": [""]}

    def add(self, chunk: str) -> None:
        self.text += chunk
        for name, runs in self.runs.items():
            if name in self.active:
                runs[-1] += chunk

    def set(self, name: str, on: bool) -> None:
        if name not in self.runs:
            return
        if on:
            self.active.add(name)
        else:
            self.active.discard(name)
            self.runs[name].append("")

    def meaning(self, start: int, end: int, position: str, speakers: tuple[str, ...]) -> Meaning:
        lines = tuple(" ".join(line.split()) for line in self.text.split("\n"))
        spans = {k: " ".join(" ".join(r.split()) for r in v if r.strip()) for k, v in self.runs.items()}
        return Meaning(
            start, end, tuple(line for line in lines if line), spans["i"], spans["b"], spans["u"], position, speakers
        )


def _band(an: int | None) -> str:
    if an is None:
        return "bottom"
    return "top" if an >= 7 else "middle" if an >= 4 else "bottom"


_HTML = re.compile(r"<(/?)([a-zA-Z]+)((?:[.\s][^<>]*)?)>|<(\d[\d:.]*)>")


def _walk_html(text: str, styled: _Styled, known: set[str]) -> list[str]:
    """Feed text with HTML-like tags; return the voices named. Unknown tags are text."""
    voices: list[str] = []
    pos = 0
    for match in _HTML.finditer(text):
        if match[4] is None and match[2].lower() not in known:
            continue
        styled.add(text[pos : match.start()])
        pos = match.end()
        if match[4] is not None:
            continue
        name = match[2].lower()
        if name == "v" and not match[1]:
            voices.append(html.unescape(match[3].split(" ", 1)[1].strip()) if " " in match[3] else "")
        styled.set(name, not match[1])
    styled.add(text[pos:])
    return voices


def read_srt(text: str) -> list[Meaning]:
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        times = re.match(r"(\d+):(\d+):(\d+),(\d+) --> (\d+):(\d+):(\d+),(\d+)$", lines[1])
        assert lines[0].isdigit() and times, block
        t = [int(x) for x in times.groups()]
        body = "\n".join(lines[2:])
        an = re.match(r"\{\\an(\d)\}", body)
        styled = _Styled()
        _walk_html(body[an.end() if an else 0 :], styled, {"i", "b", "u", "font", "s"})
        out.append(
            styled.meaning(
                ((t[0] * 60 + t[1]) * 60 + t[2]) * 1000 + t[3],
                ((t[4] * 60 + t[5]) * 60 + t[6]) * 1000 + t[7],
                _band(int(an[1]) if an else None),
                (),
            )
        )
    return out


def _vtt_ms(stamp: str) -> int:
    parts = stamp.split(":")
    seconds = float(parts[-1]) + 60 * int(parts[-2]) + (3600 * int(parts[0]) if len(parts) == 3 else 0)
    return round(seconds * 1000)


def _vtt_band(settings: str) -> str:
    values = dict(item.split(":", 1) for item in settings.split() if ":" in item)
    line = values.get("line", "auto").split(",")[0]
    if line == "auto":
        return "bottom"
    if line.endswith("%"):
        pct = float(line[:-1])
        return "top" if pct < 100 / 3 else "middle" if pct <= 200 / 3 else "bottom"
    return "top" if int(line) >= 0 else "bottom"


_VTT_TAG = re.compile(r"</?(?:i|b|u|c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d[\d:.]*>")


def read_vtt(text: str) -> list[Meaning]:
    assert text.startswith("WEBVTT")
    out = []
    for block in text.split("\n\n")[1:]:
        lines = block.split("\n")
        row = next((n for n, line in enumerate(lines[:2]) if "-->" in line), None)
        if row is None:
            continue  # NOTE, STYLE, REGION
        times = re.match(r"([\d:.]+) --> ([\d:.]+)(.*)$", lines[row])
        assert times, block
        body = "\n".join(lines[row + 1 :])
        assert "<" not in re.sub(_VTT_TAG, "", body), f"unescaped '<' in {body!r}"
        styled = _Styled()
        voices = _walk_html(body, styled, {"i", "b", "u", "c", "v", "lang", "ruby", "rt"})
        styled.text = html.unescape(styled.text)
        styled.runs = {k: [html.unescape(r) for r in v] for k, v in styled.runs.items()}
        out.append(styled.meaning(_vtt_ms(times[1]), _vtt_ms(times[2]), _vtt_band(times[3]), tuple(voices)))
    return out


_BLOCK = re.compile(r"\{([^{}]*)\}")


def read_ass(text: str) -> list[Meaning]:
    subs = pysubs2.SSAFile.from_string(text)
    height = int(subs.info.get("PlayResY", 288))
    out = []
    for event in subs.events:
        if event.is_comment:
            continue
        style = subs.styles.get(event.style, pysubs2.SSAStyle())
        initial = {name for name, on in (("i", style.italic), ("b", style.bold), ("u", style.underline)) if on}
        styled = _Styled(initial)
        an: int | None = style.alignment.value if hasattr(style.alignment, "value") else int(style.alignment)
        y: float | None = None
        pos = 0
        for match in _BLOCK.finditer(event.text):
            styled.add(event.text[pos : match.start()].replace("\\N", "\n").replace("\\h", " "))
            pos = match.end()
            for tag in re.findall(r"\\(an\d|pos\([^)]*\)|[ibu]\d?)", match[1]):
                if tag.startswith("an"):
                    an = int(tag[2:])
                elif tag.startswith("pos"):
                    y = float(tag[4:-1].split(",")[1])
                else:
                    styled.set(tag[0], tag[1:] == "1")
        styled.add(event.text[pos:].replace("\\N", "\n").replace("\\h", " "))
        band = _band(an) if y is None else ("top" if y < height / 3 else "middle" if y <= height * 2 / 3 else "bottom")
        speakers = (event.name,) if event.name else ()
        out.append(styled.meaning(event.start, event.end, band, speakers))
    return out


READERS = {".srt": read_srt, ".vtt": read_vtt, ".ass": read_ass}


def _convert(tmp_path: Path, source: str, target: str) -> str:
    document = formats.load(DATA / source).document
    out = tmp_path / f"out{target}"
    formats.save(document, out)
    return out.read_text(encoding="utf-8")


def _event_texts(written: str, target: str) -> list[str]:
    """The cue texts of a written file (the part where foreign markup could leak)."""
    if target == ".ass":  # what is inside {…} is never shown
        return [re.sub(r"\{[^{}]*\}", "", e.text) for e in pysubs2.SSAFile.from_string(written).events]
    if target == ".srt":
        return ["\n".join(b.split("\n")[2:]) for b in re.split(r"\n\s*\n", written.strip())]
    texts = []
    for block in written.split("\n\n")[1:]:
        lines = block.split("\n")
        row = next((n for n, line in enumerate(lines[:2]) if "-->" in line), None)
        if row is not None:
            texts.append("\n".join(lines[row + 1 :]))
    return texts


def _expected_in(target: str, meanings: list[Meaning]) -> list[Meaning]:
    if target == ".srt":  # SubRip has nowhere to keep a speaker
        return [Meaning(m.start, m.end, m.lines, m.italic, m.bold, m.underline, m.position, ()) for m in meanings]
    if target == ".ass":  # centiseconds, rounded half up; one Name field for all the voices
        return [
            Meaning((m.start + 5) // 10 * 10, (m.end + 5) // 10 * 10, m.lines, m.italic, m.bold, m.underline,
                    m.position, (" & ".join(m.speakers),) if m.speakers else ())
            for m in meanings
        ]
    return meanings


# --- the fixtures say what the tests think they say ----------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_fixture_descriptions_match_the_files(source: str) -> None:
    text = (DATA / source).read_text(encoding="utf-8")
    assert READERS[Path(source).suffix](text) == EXPECTED[source]


# --- every direction ----------------------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("source", SOURCES)
def test_conversion_keeps_text_styling_position_voices_and_times(tmp_path: Path, source: str, target: str) -> None:
    written = _convert(tmp_path, source, target)
    assert READERS[target](written) == _expected_in(target, EXPECTED[source])


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("source", SOURCES)
def test_conversion_leaves_no_foreign_markup(tmp_path: Path, source: str, target: str) -> None:
    written = _convert(tmp_path, source, target)
    for text in _event_texts(written, target):
        leak = FOREIGN[target].search(text)
        assert leak is None, f"{leak[0]!r} in {text!r}"


@pytest.mark.parametrize("middle", TARGETS)
@pytest.mark.parametrize("source", SOURCES)
def test_there_and_back_keeps_what_the_middle_format_can_hold(tmp_path: Path, source: str, middle: str) -> None:
    """Source -> middle -> source format: nothing the middle format can hold is lost on the way."""
    there = tmp_path / f"there{middle}"
    formats.save(formats.load(DATA / source).document, there)
    back = tmp_path / f"back{Path(source).suffix}"
    formats.save(formats.load(there).document, back)
    expected = _expected_in(middle, EXPECTED[source])
    if Path(source).suffix != middle:
        expected = _expected_in(Path(source).suffix, expected)
    assert READERS[Path(source).suffix](back.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("source", ["styled.srt", "voices.vtt"])
def test_saving_in_the_same_format_is_byte_exact(tmp_path: Path, source: str) -> None:
    assert _convert(tmp_path, source, Path(source).suffix) == (DATA / source).read_text(encoding="utf-8")


def test_ass_round_trip_keeps_every_event_line(tmp_path: Path) -> None:
    written = _convert(tmp_path, "aegisub.ass", ".ass")
    for line in (DATA / "aegisub.ass").read_text(encoding="utf-8").splitlines():
        if line.startswith(("Dialogue:", "Comment:", "Style:", "PlayRes", "Title:")):
            # A switch-off at the very end is left out: ASS resets styling at the end of a line.
            assert re.sub(r"\{\\[ibu]0\}$", "", line) in written.splitlines(), line


# --- the bugs of issue 11, item 9 ---------------------------------------------------------


def test_ass_pos_fade_and_karaoke_tags_do_not_leak_into_srt(tmp_path: Path) -> None:
    written = _convert(tmp_path, "aegisub.ass", ".srt")
    assert "\\pos" not in written and "\\fad" not in written and "\\k" not in written
    assert "{TL note" not in written
    assert "Karaoke <u>night</u>" in written


def test_vtt_voices_and_word_timestamps_do_not_leak_into_srt(tmp_path: Path) -> None:
    for source in ("voices.vtt", "youtube.vtt"):
        written = _convert(tmp_path, source, ".srt")
        assert "<v" not in written and "<00:" not in written and "<c>" not in written, source
    assert "so today we're going to talk\n" in _convert(tmp_path, "youtube.vtt", ".srt")


def test_vtt_word_timestamps_do_not_leak_into_ass(tmp_path: Path) -> None:
    texts = [e.text for e in pysubs2.SSAFile.from_string(_convert(tmp_path, "youtube.vtt", ".ass"))]
    assert texts[0] == "so today we're going to talk"
    assert not any("<" in text for text in texts)


def test_vtt_voices_go_to_the_ass_name_field(tmp_path: Path) -> None:
    events = pysubs2.SSAFile.from_string(_convert(tmp_path, "voices.vtt", ".ass")).events
    assert [e.name for e in events] == ["Narrator", "Ana", "Ben", "Ana & Ben", "", ""]
    assert events[0].text == "In the spring of 1968, the river rose."


def test_ass_names_come_back_as_vtt_voices(tmp_path: Path) -> None:
    written = _convert(tmp_path, "aegisub.ass", ".vtt")
    assert "<v Mika>Where were you last night?" in written
    assert "<v Sora><i>Out.</i> Why do you care?" in written


@pytest.mark.parametrize("split", ["cursor", "time"])
def test_second_half_of_a_split_ass_cue_keeps_name_layer_margins_and_style(tmp_path: Path, split: str) -> None:
    document = formats.load(DATA / "aegisub.ass").document
    radio = document.cues[4]
    if split == "cursor":
        first, second = edits.split_at_cursor(radio, radio.text.index("with"))
    else:
        first, second = edits.split_at_time(radio, 11800)
    document.cues[4:5] = [first, second]
    out = tmp_path / "split.ass"
    formats.save(document, out)
    events = [e for e in pysubs2.SSAFile.from_string(out.read_text(encoding="utf-8")) if not e.is_comment]
    halves = events[4:6]
    if split == "cursor":
        assert [e.text for e in halves] == [
            "We interrupt this broadcast",
            'with an urgent message{TL note: "news flash" in the original}',
        ]
    for event in halves:
        assert (event.style, event.name, event.layer, event.marginl, event.marginr, event.marginv) == (
            "Italics", "Radio", 0, 120, 120, 30
        )


def test_split_sign_keeps_its_layer_and_placement(tmp_path: Path) -> None:
    document = formats.load(DATA / "aegisub.ass").document
    first, second = edits.split_at_cursor(document.cues[3], document.cues[3].text.index("for"))
    document.cues[3:4] = [first, second]
    out = tmp_path / "split.ass"
    formats.save(document, out)
    events = [e for e in pysubs2.SSAFile.from_string(out.read_text(encoding="utf-8")) if not e.is_comment]
    assert [(e.layer, e.style) for e in events[3:5]] == [(5, "Sign"), (5, "Sign")]
    assert events[4].text.startswith("{\\fad(200,300)\\pos(960,180)")


def test_merge_keeps_the_first_cues_name_layer_and_margins(tmp_path: Path) -> None:
    document = formats.load(DATA / "aegisub.ass").document
    merged = edits.merge(document.cues[4], document.cues[5])
    document.cues[4:6] = [merged]
    out = tmp_path / "merged.ass"
    formats.save(document, out)
    events = [e for e in pysubs2.SSAFile.from_string(out.read_text(encoding="utf-8")) if not e.is_comment]
    assert (events[4].style, events[4].name, events[4].marginl, events[4].marginv) == ("Italics", "Radio", 120, 30)


def test_moving_a_word_keeps_both_cues_fields(tmp_path: Path) -> None:
    document = formats.load(DATA / "aegisub.ass").document
    document.cues[0:2] = list(edits.move_first_word(document.cues[0], document.cues[1]))
    document.cues[4:6] = list(edits.move_last_word(document.cues[4], document.cues[5]))
    out = tmp_path / "moved.ass"
    formats.save(document, out)
    events = [e for e in pysubs2.SSAFile.from_string(out.read_text(encoding="utf-8")) if not e.is_comment]
    assert [e.name for e in events] == ["Mika", "Sora", "Mika", "", "Radio", "Chorus", "Sora"]
    assert [(e.layer, e.marginl) for e in events[4:6]] == [(0, 120), (1, 0)]


def test_split_vtt_cue_keeps_its_voice_and_settings_on_both_halves(tmp_path: Path) -> None:
    document = formats.load(DATA / "voices.vtt").document
    for index in (1, 0):  # "<v Ana>I was <i>twelve</i>." at the top, then the Narrator
        cue = document.cues[index]
        document.cues[index : index + 1] = list(edits.split_at_cursor(cue, cue.text.index("was" if index else "the")))
    out = tmp_path / "split.vtt"
    formats.save(document, out)
    meanings = read_vtt(out.read_text(encoding="utf-8"))
    assert [(m.lines, m.speakers, m.position) for m in meanings[:4]] == [
        (("In",), ("Narrator",), "bottom"),
        (("the spring of 1968, the river rose.",), ("Narrator",), "bottom"),
        (("I",), ("Ana",), "top"),
        (("was twelve.",), ("Ana",), "top"),
    ]


# --- each format's markup mapped to the others ---------------------------------------------


def test_ass_karaoke_becomes_vtt_word_timestamps(tmp_path: Path) -> None:
    written = _convert(tmp_path, "aegisub.ass", ".vtt")
    assert "Ka<00:00:13.750>ra<00:00:14.050>o<00:00:14.500>ke <u>night</u>" in written


def test_srt_font_colour_maps_to_ass_colour_and_vtt_colour_class(tmp_path: Path) -> None:
    ass = pysubs2.SSAFile.from_string(_convert(tmp_path, "styled.srt", ".ass")).events
    assert ass[2].text == "{\\c&H00FFFF&}Who's there?"
    assert ass[4].text == "{\\c&H0000FF&\\i1}(thunder rumbling)"
    vtt = _convert(tmp_path, "styled.srt", ".vtt")
    assert "\n<c.yellow>Who's there?</c>\n" in vtt
    assert "\n<c.red><i>(thunder rumbling)</i></c>\n" in vtt


def test_ass_colour_maps_to_srt_font_and_vtt_class(tmp_path: Path) -> None:
    srt = _convert(tmp_path, "aegisub.ass", ".srt")
    assert '{\\an8}<b><font color="#ffff00">CLOSED</font> for repairs</b>' in srt
    vtt = _convert(tmp_path, "aegisub.ass", ".vtt")
    assert "<b><c.yellow>CLOSED</c> for repairs</b>" in vtt


def test_vtt_colour_class_maps_to_srt_font_and_ass_colour(tmp_path: Path) -> None:
    srt = _convert(tmp_path, "voices.vtt", ".srt")
    assert '<font color="#ffff00">Sirens</font> & rain <offscreen>' in srt
    ass = pysubs2.SSAFile.from_string(_convert(tmp_path, "voices.vtt", ".ass")).events
    assert ass[4].text == "{\\c&H00FFFF&}Sirens{\\c} & rain <offscreen>"


def test_vtt_top_line_setting_becomes_an8_in_srt_and_ass(tmp_path: Path) -> None:
    srt = _convert(tmp_path, "voices.vtt", ".srt")
    assert "00:00:03,500 --> 00:00:06,000\n{\\an7}I was <i>twelve</i>." in srt
    assert "00:00:08,500 --> 00:00:10,000\n{\\an8}Ben?\nHere!" in srt
    ass = pysubs2.SSAFile.from_string(_convert(tmp_path, "voices.vtt", ".ass")).events
    assert ass[1].text == "{\\an7}I was {\\i1}twelve{\\i0}."


def test_srt_an8_becomes_vtt_line_0_and_stays_in_ass(tmp_path: Path) -> None:
    vtt = _convert(tmp_path, "styled.srt", ".vtt")
    assert "00:00:03.400 --> 00:00:05.900 line:0\n<b>KESTREL BAY</b>\nPopulation 2,140" in vtt
    ass = pysubs2.SSAFile.from_string(_convert(tmp_path, "styled.srt", ".ass")).events
    assert ass[1].text == "{\\an8\\b1}KESTREL BAY{\\b0}\\NPopulation 2,140"


def test_ass_style_formatting_and_alignment_reach_srt(tmp_path: Path) -> None:
    srt = _convert(tmp_path, "aegisub.ass", ".srt")
    assert "<i>We interrupt this broadcast\nwith an urgent message</i>" in srt
    assert "{\\an8}Because you promised, <b>Sora</b>." in srt


def test_youtube_blank_looking_lines_do_not_split_cues(tmp_path: Path) -> None:
    result = formats.load(DATA / "youtube.vtt")
    assert result.problems == []
    assert len(result.document.cues) == 5


# --- project files keep what the conversions need ----------------------------------------


def test_a_project_keeps_speakers_and_format_fields_for_the_export(tmp_path: Path) -> None:
    from subtitler.core.project import load_project, save_project

    project = tmp_path / "episode.subtitler"
    save_project(formats.load(DATA / "aegisub.ass").document, project)
    document = load_project(project)
    radio = document.cues[4]
    assert (radio.speaker, radio.field("marginl"), radio.field("marginv")) == ("Radio", "120", "30")
    first, second = edits.split_at_cursor(radio, radio.text.index("with"))
    document.cues[4:5] = [first, second]
    out = tmp_path / "out.ass"
    formats.save(document, out)
    events = [e for e in pysubs2.SSAFile.from_string(out.read_text(encoding="utf-8")) if not e.is_comment]
    assert [(e.name, e.layer, e.marginl, e.marginv) for e in events[3:7]] == [
        ("", 5, 0, 0), ("Radio", 0, 120, 30), ("Radio", 0, 120, 30), ("Chorus", 1, 0, 0)
    ]

    save_project(formats.load(DATA / "voices.vtt").document, project)
    formats.save(load_project(project), out.with_suffix(".vtt"))
    assert out.with_suffix(".vtt").read_text(encoding="utf-8") == (DATA / "voices.vtt").read_text(encoding="utf-8")


def test_a_project_from_before_cue_fields_gives_them_to_its_cues(tmp_path: Path) -> None:
    """Older projects kept the ASS Name/Layer/Margins and the WebVTT settings in the extras, by cue id."""
    import json

    from subtitler.core.model import Cue, Document
    from subtitler.core.project import encode_project, load_project

    cues = [Cue("a1", 0, 1000, "Hello there"), Cue("b2", 1000, 2000, "Top line")]
    extras = {
        "ass": {"format": "ass", "header": "[Script Info]\nScriptType: v4.00+\n", "comments": [],
                "events": {"a1": {"name": "Alice", "layer": "2", "marginv": "25"}}},
        "vtt": {"header": "WEBVTT", "cue_ids": {}, "settings": {"b2": "line:0 align:start"}},
    }
    data = json.loads(encode_project(Document(cues, extras=extras)))
    path = tmp_path / "old.subtitler"
    path.write_text(json.dumps(data), encoding="utf-8")
    document = load_project(path)
    assert [(c.speaker, c.fields) for c in document.cues] == [
        ("Alice", (("layer", "2"), ("marginv", "25"))),
        ("", (("settings", "line:0 align:start"),)),
    ]
    assert "events" not in document.extras["ass"] and "settings" not in document.extras["vtt"]
    for half in edits.split_at_cursor(document.cues[0], 6):
        assert (half.speaker, half.fields) == ("Alice", (("layer", "2"), ("marginv", "25")))


# --- whatever markup a cue holds, no format gets another's ----------------------------------

MARKUP = [
    "{\\an8}", "{\\an1}", "{\\a6}", "{\\pos(10,20)}", "{\\fad(100,200)}", "{\\k20}", "{\\kf35}", "{\\c&H00FF00&}",
    "{\\c}", "{\\i1}", "{\\i0}", "{\\b700}", "{\\t(0,500,\\i1)}", "{a note}", "<i>", "</i>", "<b>", "</b>", "<u>",
    "</u>", "<s>", "</s>", '<font color="red">', "<font face=Arial>", "</font>", "<v Bob>", "<v.loud Ann>", "</v>",
    "<c.yellow>", "<c>", "</c>", "<00:00:01.000>", "<1:2>", "<lang en>", "</lang>", "<ruby>", "<rt>", "</rt>",
    "</ruby>", "<span>", "<x>", "\\N", "\\n", "\\h", "\n", "a", "word", " ", "&", "<", ">", "{", "}", "é",
]  # fmt: skip
_LEAKS = {
    ".srt": re.compile(r"<(?:/?(?:v|c|lang|ruby|rt|span)\b|\d)|\\[Nh]|\{\\(?!an\d\})"),
    ".vtt": FOREIGN[".vtt"],
    ".ass": FOREIGN[".ass"],
}


@given(
    texts=st.lists(st.lists(st.sampled_from(MARKUP), max_size=12).map("".join), min_size=1, max_size=4),
    speaker=st.sampled_from(["", "Ann", "Dr. Who, Jr."]),
    style=st.sampled_from(["Default", "Italics", "Top", "Nope"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_markup_mix_leaks_into_any_format(tmp_path: Path, texts: list[str], speaker: str, style: str) -> None:
    from subtitler.core.model import Cue, Document

    header = formats.load(DATA / "aegisub.ass").document.extras
    for extras in ({}, header):
        cues = [Cue.create(i * 1000, i * 1000 + 900, t, speaker=speaker, style=style) for i, t in enumerate(texts)]
        document = Document(cues, extras=dict(extras))
        for target in TARGETS:
            out = tmp_path / f"mix{target}"
            formats.save(document, out)
            written = out.read_text(encoding="utf-8")
            for text in _event_texts(written, target):
                leak = _LEAKS[target].search(text)
                assert leak is None, f"{leak[0]!r} in {text!r} ({target})"
            if target == ".vtt":
                read_vtt(written)  # every '<' left is a WebVTT tag
            formats.load(out)  # and it reads back
