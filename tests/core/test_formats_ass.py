"""ASS/SSA: styles and script info survive, tags map to <i>/<b>/<u>, centisecond rounding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from subtitler.core import formats
from subtitler.core.errors import FormatError
from subtitler.core.formats.ass import ass_to_cue_text, cue_to_ass_text
from subtitler.core.model import Cue, Document

SOURCE = """[Script Info]
Title: Round trip
ScriptType: v4.00+
PlayResX: 1920
PlayResY: 1080

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1
Style: Sign,Georgia,40,&H0000FFFF,&H000000FF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,2,2,8,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Comment: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,a note for the translator
Dialogue: 0,0:00:01.00,0:00:02.50,Default,Alice,0,0,0,,{\\i1}Hello{\\i0} there,\\N{\\b1}general{\\b0} {\\u1}Kenobi{\\u0}.
Dialogue: 1,0:00:03.25,0:00:04.00,Sign,,0,0,25,,{\\an8\\i1}Top line
Dialogue: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,{\\pos(960,540)\\c&H0000FF&}Red, with commas, here
"""


def _write(tmp_path: Path, text: str, name: str = "in.ass") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_maps_tags_and_keeps_other_overrides(tmp_path: Path) -> None:
    result = formats.load(_write(tmp_path, SOURCE))
    cues = result.document.cues
    assert result.problems == []
    assert [c.text for c in cues] == [
        "<i>Hello</i> there,\n<b>general</b> <u>Kenobi</u>.",
        "{\\an8}<i>Top line</i>",
        "{\\pos(960,540)\\c&H0000FF&}Red, with commas, here",
    ]
    assert [(c.start, c.end, c.style) for c in cues] == [(1000, 2500, "Default"), (3250, 4000, "Sign"), (5000, 6000, "Default")]


def test_round_trip_keeps_styles_info_fields_comments_and_text(tmp_path: Path) -> None:
    out = tmp_path / "out.ass"
    formats.save(formats.load(_write(tmp_path, SOURCE)).document, out)
    written = out.read_text(encoding="utf-8")
    for line in SOURCE.splitlines()[1:]:
        if line.startswith(("Title", "PlayRes", "Style:", "Dialogue", "Comment")):
            assert line in written, line
    again = formats.load(out)
    assert [(c.start, c.end, c.text, c.style) for c in again.document.cues] == [
        (c.start, c.end, c.text, c.style) for c in formats.load(_write(tmp_path, SOURCE)).document.cues
    ]


def test_extras_are_plain_json(tmp_path: Path) -> None:
    extras = formats.load(_write(tmp_path, SOURCE)).document.extras
    assert json.loads(json.dumps(extras)) == extras


def test_ssa_output_and_back(tmp_path: Path) -> None:
    out = tmp_path / "out.ssa"
    formats.save(formats.load(_write(tmp_path, SOURCE)).document, out)
    written = out.read_text(encoding="utf-8")
    assert "[V4 Styles]" in written and "Format: Marked, Start" in written
    back = formats.load(out).document.cues
    assert [c.style for c in back] == ["Default", "Sign", "Default"]
    assert back[0].text == "<i>Hello</i> there,\n<b>general</b> <u>Kenobi</u>."


@pytest.mark.parametrize(
    ("ms", "written", "reloaded"),
    [(1230, "0:00:01.23", 1230), (1234, "0:00:01.23", 1230), (1235, "0:00:01.24", 1240), (1999, "0:00:02.00", 2000)],
)
def test_centisecond_rounding_is_half_up(tmp_path: Path, ms: int, written: str, reloaded: int) -> None:
    out = tmp_path / "r.ass"
    formats.save(Document([Cue.create(ms, ms + 1000, "x")]), out)
    assert f"Dialogue: 0,{written}," in out.read_text(encoding="utf-8")
    assert formats.load(out).document.cues[0].start == reloaded


def test_srt_to_ass_gets_a_default_style(tmp_path: Path) -> None:
    out = tmp_path / "new.ass"
    formats.save(Document([Cue.create(0, 1000, "<i>a</i>\nb")]), out)
    text = out.read_text(encoding="utf-8")
    assert "Style: Default," in text
    assert text.rstrip().endswith("Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,{\\i1}a{\\i0}\\Nb")


def test_malformed_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    text = SOURCE.replace(
        "Dialogue: 1,0:00:03.25", "Dialogue: 1,0:00:0x.25"
    ) + "Dialogue: 0,0:00:07.00\nPicture: whatever\nDialogue: 0,0:00:09.00,0:00:08.00,Nope,,0,0,0,,inverted\n"
    text = text.replace("Style: Sign,Georgia,40,", "Style: Sign,Georgia,forty,")
    result = formats.load(_write(tmp_path, text))
    problems = [(p.line, p.message.split(" (")[0]) for p in result.problems]
    assert problems == [
        (10, "unreadable style line"),
        (16, "unreadable times"),
        (18, "2 fields where 10 are expected"),
        (19, "unsupported line in [Events]"),
        (20, "ends before it starts"),
        (20, "style 'Nope' is not defined"),
    ]
    assert [c.text for c in result.document.cues][-1] == "inverted"


def test_text_without_sections_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not an ASS/SSA file"):
        formats.load(_write(tmp_path, "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,hi\n"))


@pytest.mark.parametrize(
    ("raw", "cue_text"),
    [
        ("{\\i1}a{\\i0}b", "<i>a</i>b"),
        ("{\\i1}open to the end", "<i>open to the end</i>"),
        ("{\\b1\\i1}both", "<b><i>both</i></b>"),
        ("{\\an8}{\\i1}x", "{\\an8}<i>x</i>"),
        ("{\\t(0,500,\\i1)\\i1}anim", "{\\t(0,500,\\i1)}<i>anim</i>"),
        ("{\\bord3\\blur2}not bold", "{\\bord3\\blur2}not bold"),
        ("{\\i0}closing nothing", "closing nothing"),
        ("{a plain comment}x\\hy\\nz", "{a plain comment}x\\hy\\nz"),
    ],
)
def test_ass_text_to_cue_text(raw: str, cue_text: str) -> None:
    assert ass_to_cue_text(raw) == cue_text


@pytest.mark.parametrize(
    ("cue_text", "raw"),
    [
        ("<i>a</i>b", "{\\i1}a{\\i0}b"),
        ("<i>open to the end</i>", "{\\i1}open to the end"),
        ("{\\an8}<i>x</i>", "{\\an8\\i1}x"),
    ],
)
def test_cue_text_to_ass_text_and_back(cue_text: str, raw: str) -> None:
    assert cue_to_ass_text(cue_text) == raw
    assert ass_to_cue_text(raw) == cue_text


def test_tags_ass_cannot_show_are_left_out_and_colours_mapped() -> None:
    assert cue_to_ass_text('<font color="red">red</font>\n<v Bob>line') == "{\\c&H0000FF&}red{\\c}\\Nline"
    assert cue_to_ass_text("<span>a</span> <lang fr>b</lang> <not a tag>") == "a b <not a tag>"


def test_dialogue_without_events_heading_still_loads(tmp_path: Path) -> None:
    text = SOURCE.replace("[Events]\n", "")
    result = formats.load(_write(tmp_path, text))
    assert len(result.document.cues) == 3
    assert [(p.line, p.message) for p in result.problems] == [(13, "dialogue outside the [Events] section")]
