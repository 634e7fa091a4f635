"""SRT: lenient reading with line-numbered problems, exact round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from subtitler.core import formats
from subtitler.core.errors import FormatError
from subtitler.core.model import Cue, Document


def _write(tmp_path: Path, text: str, name: str = "in.srt", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def _messages(result: formats.LoadResult) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in result.problems]


CLEAN = """1
00:00:01,000 --> 00:00:02,500
<i>Hello</i> there,
<b>general</b> <u>Kenobi</u>.

2
00:01:02,003 --> 01:02:03,999
{\\an8}Second cue
"""


def test_clean_file_loads_without_problems(tmp_path: Path) -> None:
    result = formats.load(_write(tmp_path, CLEAN))
    cues = result.document.cues
    assert [(c.start, c.end) for c in cues] == [(1000, 2500), (62003, 3723999)]
    assert cues[0].text == "<i>Hello</i> there,\n<b>general</b> <u>Kenobi</u>."
    assert cues[1].text == "{\\an8}Second cue"
    assert result.problems == []
    assert result.encoding == "utf-8"
    assert all(c.words == () for c in cues)


def test_round_trip_is_byte_exact_for_a_clean_file(tmp_path: Path) -> None:
    source = _write(tmp_path, CLEAN)
    out = tmp_path / "out.srt"
    formats.save(formats.load(source).document, out)
    assert out.read_text(encoding="utf-8") == CLEAN


def test_crlf_loads_like_lf(tmp_path: Path) -> None:
    result = formats.load(_write(tmp_path, CLEAN, newline="\r\n"))
    assert result.problems == []
    assert result.document.cues[0].text == "<i>Hello</i> there,\n<b>general</b> <u>Kenobi</u>."


def test_missing_and_wrong_numbers_are_reported_with_lines(tmp_path: Path) -> None:
    text = "00:00:01,000 --> 00:00:02,000\nno number\n\n7\n00:00:03,000 --> 00:00:04,000\nwrong number\n"
    result = formats.load(_write(tmp_path, text))
    assert [c.text for c in result.document.cues] == ["no number", "wrong number"]
    assert _messages(result) == [(1, "cue has no number"), (4, "cue number 7, expected 2")]


def test_dot_instead_of_comma_is_reported_once_with_first_line(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:03.250 --> 00:00:04.500\nb\n\n3\n00:00:05.000 --> 00:00:06,000\nc\n"
    result = formats.load(_write(tmp_path, text))
    assert [(c.start, c.end) for c in result.document.cues][1] == (3250, 4500)
    assert _messages(result) == [(6, "'.' instead of ',' in times (2 lines in all)")]


def test_extra_blank_lines_between_and_inside_cues(tmp_path: Path) -> None:
    text = "\n\n1\n00:00:01,000 --> 00:00:02,000\nfirst\n\n\nstill first\n\n\n\n2\n00:00:03,000 --> 00:00:04,000\nsecond\n\n\n"
    result = formats.load(_write(tmp_path, text))
    assert [c.text for c in result.document.cues] == ["first\nstill first", "second"]
    assert _messages(result) == [(6, "blank line inside a cue's text (joined)")]


def test_missing_blank_line_between_cues(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nfirst\n2\n00:00:03,000 --> 00:00:04,000\nsecond\n"
    result = formats.load(_write(tmp_path, text))
    assert [c.text for c in result.document.cues] == ["first", "second"]
    assert _messages(result) == [(4, "no blank line before this cue")]


def test_overlap_negative_and_inverted_times_load_and_are_reported(tmp_path: Path) -> None:
    text = (
        "1\n-00:00:01,000 --> 00:00:02,000\nnegative\n\n"
        "2\n00:00:01,500 --> 00:00:03,000\noverlap\n\n"
        "3\n00:00:05,000 --> 00:00:04,000\ninverted\n"
    )
    result = formats.load(_write(tmp_path, text))
    assert [(c.start, c.end) for c in result.document.cues] == [(-1000, 2000), (1500, 3000), (5000, 4000)]
    assert _messages(result) == [
        (2, "negative time"),
        (6, "overlaps the previous cue"),
        (10, "ends before it starts"),
    ]


def test_unreadable_time_line_keeps_the_cue(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:0x,000 --> 00:00:04,000\nbroken\n"
    result = formats.load(_write(tmp_path, text))
    assert [(c.start, c.end, c.text) for c in result.document.cues][1] == (2000, 2000, "broken")
    assert result.problems[0].line == 6
    assert "unreadable time line" in result.problems[0].message


def test_text_before_first_cue_is_reported(tmp_path: Path) -> None:
    text = "Subtitles by someone\n\n1\n00:00:01,000 --> 00:00:02,000\nhi\n"
    result = formats.load(_write(tmp_path, text))
    assert _messages(result) == [(1, "text before the first cue (ignored)")]


def test_uppercase_tags_are_normalised(tmp_path: Path) -> None:
    result = formats.load(_write(tmp_path, "1\n00:00:01,000 --> 00:00:02,000\n<I>loud</I>\n"))
    assert result.document.cues[0].text == "<i>loud</i>"


def test_file_without_any_time_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not an SRT file"):
        formats.load(_write(tmp_path, "just some words\nand more\n"))


def test_negative_times_are_written_as_zero(tmp_path: Path) -> None:
    out = tmp_path / "neg.srt"
    formats.save(Document([Cue.create(-500, 1000, "x")]), out)
    assert "00:00:00,000 --> 00:00:01,000" in out.read_text(encoding="utf-8")


def test_ms_times_survive_save_and_load(tmp_path: Path) -> None:
    cues = [Cue.create(i * 1001 + 1, i * 1001 + 999, f"<i>cue</i> {i}\nline two") for i in range(50)]
    out = tmp_path / "times.srt"
    formats.save(Document(cues), out)
    back = formats.load(out).document.cues
    assert [(c.start, c.end, c.text) for c in back] == [(c.start, c.end, c.text) for c in cues]


def test_blank_lines_inside_text_are_not_written(tmp_path: Path) -> None:
    out = tmp_path / "blank.srt"
    formats.save(Document([Cue.create(0, 1000, "one\n\ntwo"), Cue.create(1000, 2000, "three")]), out)
    back = formats.load(out)
    assert back.problems == []
    assert [c.text for c in back.document.cues] == ["one\ntwo", "three"]
