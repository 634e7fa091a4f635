"""WebVTT: header, NOTE/STYLE blocks, cue ids and settings, escaping, lenient reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.core import formats
from subtitler.core.errors import FormatError
from subtitler.core.model import Cue, Document

FULL = """WEBVTT - a title
Kind: captions
Language: en

STYLE
::cue { color: yellow }

NOTE made by hand

intro
00:00:01.000 --> 00:00:02.500 align:start line:0
<i>Tom &amp; Jerry</i> &lt;3
<v Bob>second line</v>

00:01:02.003 --> 01:02:03.999
<b>bold</b>

NOTE between cues

third
01:03:10.000 --> 01:03:11.000
<u>late</u>
"""


def _write(tmp_path: Path, text: str, name: str = "in.vtt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_file_loads_cues_ids_settings_and_entities(tmp_path: Path) -> None:
    result = formats.load(_write(tmp_path, FULL))
    cues = result.document.cues
    assert result.problems == []
    assert [(c.start, c.end) for c in cues] == [(1000, 2500), (62003, 3723999), (3790000, 3791000)]
    assert cues[0].text == "<i>Tom & Jerry</i> <3\n<v Bob>second line</v>"
    assert cues[1].text == "<b>bold</b>"
    extras = result.document.extras["vtt"]
    assert extras["cue_ids"] == {cues[0].id: "intro", cues[2].id: "third"}
    assert [c.field("settings") for c in cues] == ["align:start line:0", "", ""]


def test_round_trip_is_byte_exact(tmp_path: Path) -> None:
    out = tmp_path / "out.vtt"
    formats.save(formats.load(_write(tmp_path, FULL)).document, out)
    assert out.read_text(encoding="utf-8") == FULL


def test_missing_header_and_commas_are_reported(tmp_path: Path) -> None:
    text = "00:00:01,000 --> 00:00:02,000\nhello\n\n00:00:03,000 --> 00:00:04.000\nagain\n"
    result = formats.load(_write(tmp_path, text))
    assert [(c.start, c.end) for c in result.document.cues] == [(1000, 2000), (3000, 4000)]
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "missing 'WEBVTT' header"),
        (1, "',' instead of '.' in times (2 lines in all)"),
    ]


def test_bad_times_overlap_and_blank_line_in_text(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:05.000 --> 00:00:04.000\ninverted\n\n"
        "00:00:03.500 --> 00:00:06.000\noverlap\n\nstray second paragraph\n\n"
        "00:00:xx --> 00:00:07.000\nbroken\n"
    )
    result = formats.load(_write(tmp_path, text))
    cues = result.document.cues
    assert cues[1].text == "overlap\nstray second paragraph"
    assert (cues[2].start, cues[2].end, cues[2].text) == (6000, 6000, "broken")
    lines = [(p.line, p.message.split(" (")[0]) for p in result.problems]
    assert lines == [
        (3, "ends before it starts"),
        (6, "overlaps the previous cue"),
        (8, "blank line inside a cue's text"),
        (11, "unreadable time line '00:00:xx --> 00:00:07.000'"),
    ]


def test_not_a_vtt_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not a WebVTT file"):
        formats.load(_write(tmp_path, "hello\nworld\n"))


def test_saving_escapes_text_and_turns_top_placement_into_a_setting(tmp_path: Path) -> None:
    doc = Document([Cue.create(0, 1000, "{\\an8}<i>A & B</i> <not a tag>\n\nlast")])
    out = tmp_path / "x.vtt"
    formats.save(doc, out)
    assert out.read_text(encoding="utf-8") == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.000 line:0\n<i>A &amp; B</i> &lt;not a tag&gt;\nlast\n"
    )
    back = formats.load(out).document.cues[0]
    assert back.text == "<i>A & B</i> <not a tag>\nlast"
