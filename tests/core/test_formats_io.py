"""The registry, plain text, atomic saving and the `convert` command."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from subtitler import cli
from subtitler.core import formats
from subtitler.core.errors import FormatError
from subtitler.core.model import Cue, Document


def test_registry_knows_each_extension() -> None:
    assert formats.extensions() == [".srt", ".ass", ".ssa", ".vtt", ".txt"]
    assert formats.format_for("a/b/Film.SRT").name == "SubRip"
    assert formats.format_for("x.ssa").name == "SSA"
    assert formats.dialog_filter().startswith("Subtitle files (*.srt *.ass *.ssa *.vtt *.txt);;SubRip")
    with pytest.raises(FormatError, match="no extension"):
        formats.format_for("README")


def test_plain_text_one_cue_per_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    path.write_text("\n\nFirst paragraph\n  on two lines  \n\n\n\nSecond one.\r\n\r\nThird\n", encoding="utf-8")
    result = formats.load(path)
    assert [(c.start, c.end, c.text) for c in result.document.cues] == [
        (0, 0, "First paragraph\non two lines"),
        (0, 0, "Second one."),
        (0, 0, "Third"),
    ]
    out = tmp_path / "out.txt"
    formats.save(Document([Cue.create(0, 1, "<i>Hi</i>\nthere"), Cue.create(1, 2, "{\\an8}Top")]), out)
    assert out.read_text(encoding="utf-8") == "Hi\nthere\n\nTop\n"


def test_save_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    out = tmp_path / "keep.srt"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o600)
    formats.save(Document([Cue.create(0, 1000, "new")]), out)
    assert out.read_text(encoding="utf-8").endswith("new\n")
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.srt"]


def test_failed_save_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "keep.srt"
    out.write_text("precious", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(FormatError, match="cannot save to .*No space left"):
        formats.save(Document([Cue.create(0, 1000, "x")]), out)
    assert out.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.srt"]


def test_malformed_round_trip_extras_do_not_stop_a_save(tmp_path: Path) -> None:
    extras = {"ass": {"comments": [["x", 1], None]}, "vtt": {"notes": "oops", "cue_ids": []}}
    doc = Document([Cue.create(0, 1000, "x")], extras=extras)
    for name in ("out.ass", "out.vtt"):
        formats.save(doc, tmp_path / name)
        assert formats.load(tmp_path / name).document.cues[0].text == "x"


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot save to"):
        formats.save(Document([Cue.create(0, 1000, "x")]), tmp_path / "nope" / "out.srt")


@pytest.mark.parametrize("target", ["out.srt", "out.vtt", "out.ass"])
def test_every_format_round_trips_text_and_times(tmp_path: Path, target: str) -> None:
    cues = [
        Cue.create(10, 1990, "<i>Italic</i> and <b>bold</b>\n<u>under</u> line"),
        Cue.create(2000, 3000, "plain & simple < text >"),
    ]
    out = tmp_path / target
    formats.save(Document(cues), out)
    back = formats.load(out)
    assert back.problems == []
    assert [(c.start, c.end, c.text) for c in back.document.cues] == [(c.start, c.end, c.text) for c in cues]


def test_convert_command_warns_with_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.srt"
    source.write_bytes("1\r\n00:00:01.000 --> 00:00:02,000\r\nCafÃ©\r\n".encode("utf-8"))
    out = tmp_path / "out.vtt"
    assert cli.main(["convert", str(source), str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{source}:2: warning: '.' instead of ',' in times" in err
    assert "use --repair" in err
    assert "CafÃ©" in out.read_text(encoding="utf-8")

    assert cli.main(["convert", "--repair", "--force", str(source), str(out)]) == 0
    assert "Café" in out.read_text(encoding="utf-8")


def test_convert_refuses_bad_input_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "bin.srt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out.srt"
    assert cli.main(["convert", str(binary), str(out)]) == 2
    assert "subtitler convert: 'bin.srt' is not a text file" in capsys.readouterr().err
    assert cli.main(["convert", str(binary), str(tmp_path / "out.docx")]) == 2
    assert "not a subtitle format" in capsys.readouterr().err
    assert not out.exists()


def test_convert_reports_a_repair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:02,000\nprĂ©sentĂ© Ă  Paris\n", encoding="utf-8")
    out = tmp_path / "out.ass"
    assert cli.main(["convert", "--repair", str(source), str(out)]) == 0
    assert "repaired 1 cues of UTF-8 text read as cp1250" in capsys.readouterr().err
    assert "présenté à Paris" in out.read_text(encoding="utf-8")
